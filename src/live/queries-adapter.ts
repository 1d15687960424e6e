import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { shanghaiDate } from '../calendar/deadline-policy';
import { CLOCK, type Clock } from '../command-handling/clock';
import { HistoryService } from '../queries/history/history.service';
import { OBLIGATIONS, ObligationsService } from '../queries/obligations/obligations.service';
import { PERFORMANCE, PerformanceService } from '../queries/performance/performance.service';
import { SubjectsService } from '../queries/subjects/subjects.service';
import { SummaryService } from '../queries/summary/summary.service';
import type { DashboardSummary, LiveQueries, OutstandingFilter, OutstandingRow, Source, TimelineRow, UnitScope } from './live-queries';

/** The live views' port over the query services (src/queries/), nothing re-implemented. */
@Injectable()
export class QueriesAdapter implements LiveQueries {
  /** What the views read; the timeline is folded from the event store, so it needs none of its own. */
  readonly projections = [OBLIGATIONS, PERFORMANCE];

  constructor(
    private readonly summaries: SummaryService,
    private readonly obligations: ObligationsService,
    private readonly performance: PerformanceService,
    private readonly subjects: SubjectsService,
    private readonly history: HistoryService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Colour counters now, and 按时办结率 per unit for the year so far. */
  async summary(scope: UnitScope): Promise<DashboardSummary> {
    const today = shanghaiDate(this.clock.now().toISOString());
    const [counts, report] = await Promise.all([
      this.summaries.summary({}, scope),
      this.performance.report({ by: 'unit', from: `${today.slice(0, 4)}-01-01`, to: today }, scope),
    ]);
    const performance = report.rows.map(({ key, name, ...row }) => ({ unit: key, unitName: name, ...row }));
    return { ...counts, performance, performanceRange: { from: report.from, to: report.to } };
  }

  async outstanding(filter: OutstandingFilter, scope: UnitScope, limit: number) {
    const { items, truncated } = await this.obligations.all({ view: 'outstanding', ...filter }, scope, limit);
    return { items, truncated };
  }

  async outstandingOf(streamIds: readonly string[], filter: OutstandingFilter, scope: UnitScope): Promise<Map<string, OutstandingRow[]>> {
    const { items } = await this.obligations.all({ view: 'outstanding', streamIds, ...filter }, scope, 10_000);
    const byStream = new Map<string, OutstandingRow[]>();
    for (const item of items) {
      const streamId = `${item.source}-${item.documentId}`;
      byStream.set(streamId, [...(byStream.get(streamId) ?? []), item]);
    }
    return byStream;
  }

  concerns(source: Source, id: string) {
    return this.subjects.concerns(source, id);
  }

  async timeline(source: Source, id: string, scope: UnitScope): Promise<TimelineRow[] | undefined> {
    try {
      return (await this.history.timeline(source, id, scope)).entries;
    } catch (error) {
      if (error instanceof NotFoundException) return undefined;
      throw error;
    }
  }
}
