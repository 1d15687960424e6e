import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { formatLag } from '../projections/lag';
import { ProjectionRunner } from '../projections/projection-runner';

/** Down while a projection has failed or has no readable generation yet; shows every lag. */
@Injectable()
export class ProjectionsHealthIndicator {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly health: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.health.check('projections');
    if (!this.runner.started) return indicator.down({ message: '投影未运行 projections are not running' });
    try {
      const statuses = await this.runner.status();
      const details = Object.fromEntries(
        statuses.map((s) => [
          s.name,
          {
            state: s.state,
            checkpoint: s.active?.checkpoint ?? null,
            lag: formatLag(s.active?.lag ?? null),
            ...(s.rebuild && { rebuild: { generation: s.rebuild.generation, state: s.rebuild.state, lag: formatLag(s.rebuild.lag) } }),
            ...(s.failure && { error: s.failure.error.split('\n')[0], failedPosition: s.failure.position, failedEventType: s.failure.eventType }),
            ...(s.feedError && { feedError: s.feedError }),
          },
        ]),
      );
      const bad = statuses.filter((s) => s.version !== null && (s.failure || s.state === 'not_built'));
      return bad.length > 0
        ? indicator.down({ message: `投影异常或尚未构建: ${bad.map((s) => s.name).join(', ')}`, ...details })
        : indicator.up(details);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
