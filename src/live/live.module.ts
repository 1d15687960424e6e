import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { DashboardModule } from '../dashboard/dashboard.module';
import { QueriesModule } from '../queries/queries.module';
import { DEFAULT_LIVE_OPTIONS, LIVE_OPTIONS } from './live-options';
import { LIVE_QUERIES } from './live-queries';
import { LiveController } from './live.controller';
import { LiveService } from './live.service';
import { QueriesAdapter } from './queries-adapter';
import { moveQueryToken } from './query-token';

/** SSE streams over the read models (`/live/*`) and the supervision dashboard page (`/dashboard`). */
@Module({
  imports: [DashboardModule, QueriesModule],
  controllers: [LiveController],
  providers: [
    { provide: LIVE_OPTIONS, useFactory: () => ({ ...DEFAULT_LIVE_OPTIONS }) },
    { provide: LIVE_QUERIES, useClass: QueriesAdapter },
    LiveService,
  ],
  exports: [LiveService, LIVE_OPTIONS],
})
export class LiveModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  /** Before Fastify sees a request: `?access_token=` on /live/ moves into the Authorization header. */
  onModuleInit(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    server?.prependListener('request', moveQueryToken);
  }
}
