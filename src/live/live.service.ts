import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ReadModels } from '../projections/read-models';
import { LiveHub } from './live-hub';
import { LIVE_OPTIONS, type LiveOptions } from './live-options';
import { resumePosition } from './live-position';
import { LIVE_QUERIES, type LiveQueries } from './live-queries';
import { LiveSession } from './live-session';
import type { LiveCursor } from './live-view';
import { tokenExpiry } from './query-token';
import { SseConnection } from './sse-connection';

/** Bounded per attempt, so a stopping hub notices within a second. */
const GATE_TIMEOUT_MS = 1_000;

/** Owns the shared hub and every open SSE connection; ends them all on shutdown. */
@Injectable()
export class LiveService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly hub: LiveHub;
  private readonly connections = new Set<SseConnection>();
  private readonly logger = new Logger('Live');
  /** Counters for health, tests and the bench. */
  readonly stats = { opened: 0, dropped: 0 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LIVE_OPTIONS) private readonly options: LiveOptions,
    @Inject(LIVE_QUERIES) queries: LiveQueries,
    readModels: ReadModels,
  ) {
    this.hub = new LiveHub(
      store,
      (position) => readModels.caughtUp([...queries.projections], position, GATE_TIMEOUT_MS),
      options,
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.hub.start();
  }

  /** Before the store and the read models close: every stream gets `close` (server_shutdown). */
  async onModuleDestroy(): Promise<void> {
    const stopping = this.hub.stop();
    for (const connection of [...this.connections]) connection.close('server_shutdown');
    await stopping;
  }

  get openConnections(): number {
    return this.connections.size;
  }

  /** Validates, then takes the response over and streams `cursor` until either side closes. */
  async stream(req: FastifyRequest, reply: FastifyReply, cursor: LiveCursor): Promise<void> {
    if (this.hub.stopped) {
      throw new ServiceUnavailableException({ code: 'SHUTTING_DOWN', message: '服务器正在关闭,请稍后重连' });
    }
    const from = await resumePosition(this.store, req.headers['last-event-id'], (req.query as Record<string, unknown>).from);
    if (!String(req.headers.accept ?? '').includes('text/event-stream')) return this.once(reply, cursor);
    reply.hijack();
    const connection = new SseConnection(reply.raw, this.options);
    connection.open(reply.getHeaders());
    this.connections.add(connection);
    this.stats.opened++;
    const expiry = this.closeAtExpiry(connection, req.headers.authorization);
    connection.onClose(() => {
      clearTimeout(expiry);
      this.connections.delete(connection);
      if (connection.closeReason === 'slow_client') this.stats.dropped++;
    });
    await new LiveSession(connection, this.hub, this.store, cursor, this.options).start(from);
  }

  /** Without `Accept: text/event-stream` (scripts, curl): the snapshot once, as JSON, with its position. */
  private async once(reply: FastifyReply, cursor: LiveCursor): Promise<void> {
    const head = await this.store.headPosition();
    const reached = await this.hub.reached(head);
    const id = reached && head > this.hub.position ? head : this.hub.position;
    const data = await cursor.snapshot();
    await reply.header('cache-control', 'no-store').send({ event: 'snapshot', id, data });
  }

  private closeAtExpiry(connection: SseConnection, authorization: string | undefined): NodeJS.Timeout | undefined {
    const exp = tokenExpiry(authorization);
    if (exp === undefined) return undefined;
    const ms = Math.min(exp * 1000 - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(() => connection.close('token_expired'), Math.max(ms, 0));
    timer.unref();
    return timer;
  }
}
