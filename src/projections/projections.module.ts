import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Global,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { ProjectionDefinition } from '../../projections/projection';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { loadAllProjections, loadRetiredProjections } from './load-all-projections';
import { ProjectionRunner } from './projection-runner';
import { ReadModels } from './read-models';

/** The definitions ProjectionsModule.forRoot registers (by default ALL_PROJECTIONS). */
export const PROJECTION_DEFINITIONS = Symbol('PROJECTION_DEFINITIONS');

/** A provider value holding some definitions; the runner collects every one at bootstrap. */
export class ProjectionRegistration {
  constructor(readonly definitions: readonly ProjectionDefinition[]) {}
}

@Injectable()
class ProjectionsLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly runner: ProjectionRunner,
    private readonly readModels: ReadModels,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const registrations = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is ProjectionRegistration => instance instanceof ProjectionRegistration);
    this.runner.register(registrations.flatMap((r) => r.definitions));
    await this.runner.start();
  }

  /** Before the store closes (onApplicationShutdown): the in-flight batch is written, subscriptions closed. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }

  onApplicationShutdown(): void {
    this.readModels.close();
  }
}

@Module({})
class ProjectionFeatureModule {}

let featureCount = 0;

/**
 * Read models for the whole app: the runner (started on bootstrap, stopped on shutdown),
 * `ReadModels` for queries, and the owner lock on `<DATA_DIR>/read-models.sqlite`.
 *
 * Registering projections:
 * - the normal way: add the definition to `ALL_PROJECTIONS` in `projections/index.ts`;
 *   `forRoot()` registers that list, and the CLI and `bench:rebuild` use the same list;
 * - from a feature module (or a test): `imports: [ProjectionsModule.forFeature([myProjection])]`.
 *   Those are served by the server only; the `projections` CLI does not see them.
 */
@Global()
@Module({})
export class ProjectionsModule {
  static forRoot(options: { definitions?: readonly ProjectionDefinition[] } = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: PROJECTION_DEFINITIONS, useValue: new ProjectionRegistration(options.definitions ?? loadAllProjections()) },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, APP_CONFIG],
          useFactory: (store: EventStore, config: AppConfig) =>
            new ProjectionRunner({
              store,
              dataDir: config.dataDir,
              synchronous: config.readModelSynchronous,
              retired: loadRetiredProjections(),
              holder: `server (pid ${process.pid})`,
              logger: new Logger('Projections'),
            }),
        },
        {
          provide: ReadModels,
          inject: [ProjectionRunner, APP_CONFIG],
          useFactory: (runner: ProjectionRunner, config: AppConfig) => new ReadModels(runner, config.readYourWritesTimeoutMs),
        },
        ProjectionsLifecycle,
      ],
      exports: [ProjectionRunner, ReadModels, PROJECTION_DEFINITIONS],
    };
  }

  static forFeature(definitions: readonly ProjectionDefinition[]): DynamicModule {
    // A distinct token per call: Nest would otherwise merge equal-looking dynamic modules.
    const token = Symbol(`projections:${definitions.map((d) => d.name).join(',')}#${++featureCount}`);
    return { module: ProjectionFeatureModule, providers: [{ provide: token, useValue: new ProjectionRegistration(definitions) }] };
  }
}
