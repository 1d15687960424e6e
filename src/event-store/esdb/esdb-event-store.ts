import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START as CLIENT_START,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  ReadAllOptions,
  ReadStreamOptions,
  StoredEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { START } from '../event-store.port';
import { ConcurrencyError, StoreUnavailableError } from '../errors';
import { toClientConnectionString } from './connection-string';
import { isStreamNotFound, isUnavailable, toStoreError, toUnavailable } from './errors';
import { lastPosition, readPageAfter, type LogItem } from './paging';
import { decodePosition, encodePosition, type EsdbPosition } from './positions';
import { resubscribing, type Backoff, type ResubscribingSubscription, type Sleep, type SourceItem } from './resubscribe';
import { fromBigRevision, toBigRevision, toExpectedRevision } from './revisions';
import { fromRecorded, toEventData, type RecordedLike } from './serialization';
import { StreamNames } from './stream-names';

export interface EsdbEventStoreOptions {
  /** Namespace inside a shared server (contract tests use one per test); empty in production. */
  streamPrefix?: string;
  /** Resubscription backoff and timer; injectable so tests need not wait. */
  backoff?: Backoff;
  sleep?: Sleep;
  /** How long ping() waits for the server before declaring it unavailable. */
  pingTimeoutMs?: number;
  /** Called when a subscription is dropped and about to be resumed. */
  onSubscriptionError?: (error: Error, delayMs: number) => void;
}

export interface EsdbStatus {
  /** The last call reached the server and every live subscription is attached. */
  connected: boolean;
  lastError: string | undefined;
  /** The least advanced live subscription's position (its lag behind headPosition()), else START. */
  lastPosition: GlobalPosition;
  subscriptions: number;
}

const DEFAULT_PAGE = 1000;
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * The event store port over EventStoreDB / KurrentDB (@eventstore/db-client 6.x, gRPC).
 * Create one per process: the client multiplexes everything over one channel and reconnects
 * (rediscovering the leader in a cluster) on its own.
 */
export class EsdbEventStore implements EventStore {
  private readonly names: StreamNames;
  private readonly subscriptions = new Set<ResubscribingSubscription>();
  private readonly streamQueues = new Map<string, Promise<void>>();
  private connected = false;
  private lastError: string | undefined;
  private closed = false;

  static connect(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
    return new EsdbEventStore(EventStoreDBClient.connectionString(toClientConnectionString(connectionString)), options);
  }

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions = {},
  ) {
    this.names = new StreamNames(options.streamPrefix);
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    const stream = this.names.toServer(streamId);
    // Everything is serialised and validated before the first byte goes out (see serialization.ts).
    const data = events.map(toEventData);
    if (data.length === 0) return this.appendNothing(streamId, options.expectedRevision);
    const expectedRevision = toExpectedRevision(options.expectedRevision);
    const result = await this.inStreamOrder(stream, () =>
      this.call(() => this.client.appendToStream(stream, data, { expectedRevision }), { streamId, expected: options.expectedRevision }),
    );
    const nextExpectedRevision = fromBigRevision(result.nextExpectedRevision);
    return { nextExpectedRevision, position: await this.positionOfRevision(stream, nextExpectedRevision, result.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const stream = this.names.toServer(streamId);
    const backwards = options.direction === 'backwards';
    try {
      const read = this.client.readStream(stream, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: options.fromRevision === undefined ? (backwards ? END : CLIENT_START) : toBigRevision(options.fromRevision),
        maxCount: options.maxCount ?? MAX_COUNT,
      });
      const events: StoredEvent[] = [];
      for await (const resolved of read) {
        const recorded = resolved.event;
        if (!recorded) continue;
        const position = recorded.position ? encodePosition(recorded.position) : START; // servers before 22.6 omit it
        events.push(fromRecorded(recorded as RecordedLike, streamId, fromBigRevision(recorded.revision), position));
      }
      this.reached();
      return events;
    } catch (error) {
      if (isStreamNotFound(error)) {
        this.reached();
        return [];
      }
      throw this.failed(error);
    }
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.assertOpen();
    const reader = (from: GlobalPosition, count: number) => this.readAllRaw(FORWARDS, from === START ? CLIENT_START : decode(from), count);
    return readPageAfter(reader, options.fromPosition ?? START, options.maxCount ?? DEFAULT_PAGE);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const from = options.fromPosition ?? START;
    decodePosition(from); // refuse a foreign position now, not on the first resubscription
    const prefix = this.names.prefix;
    const subscription = resubscribing({
      from,
      backoff: this.options.backoff,
      sleep: this.options.sleep,
      onError: this.options.onSubscriptionError,
      open: (after, onConfirmed) => {
        const start = decodePosition(after);
        const source = this.client.subscribeToAll({
          fromPosition: start === 'start' ? CLIENT_START : start,
          // Filtered on the server; the adapter skips system records again, in case.
          filter: prefix ? streamNameFilter({ prefixes: [prefix] }) : excludeSystemEvents(),
        });
        source.on('confirmation', onConfirmed);
        const items = async function* (store: EsdbEventStore): AsyncGenerator<SourceItem> {
          for await (const resolved of source) {
            const item = store.toLogItem(resolved as AllStreamResolvedEvent);
            if (item) yield { position: item.position, event: item.value };
          }
        };
        return {
          [Symbol.asyncIterator]: () => items(this),
          unsubscribe: async () => {
            await source.unsubscribe();
            source.destroy();
          },
        };
      },
    });
    this.subscriptions.add(subscription);
    const close = subscription.close.bind(subscription);
    subscription.close = async () => {
      this.subscriptions.delete(subscription);
      await close();
    };
    return subscription;
  }

  async headPosition(): Promise<GlobalPosition> {
    this.assertOpen();
    return lastPosition((from, count) => this.readAllRaw(BACKWARDS, from === 'end' ? END : decode(from), count));
  }

  async ping(): Promise<void> {
    this.assertOpen();
    const timeoutMs = this.options.pingTimeoutMs ?? 3000;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError(`事件存储暂不可用(EventStoreDB 在 ${timeoutMs} ms 内未响应)`)), timeoutMs);
    });
    try {
      await Promise.race([drain(read), timeout]);
      this.reached();
    } catch (error) {
      throw this.failed(error, true);
    } finally {
      clearTimeout(timer);
      void read.cancel().catch(() => undefined);
    }
  }

  /** Connection and subscription state for the health endpoint. */
  status(): EsdbStatus {
    const subs = [...this.subscriptions].map((s) => s.status());
    const behind = subs.map((s) => s.lastPosition).sort()[0];
    const subError = subs.find((s) => s.lastError && !s.connected)?.lastError;
    return {
      connected: !this.closed && this.connected && subs.every((s) => s.connected),
      lastError: this.lastError ?? subError,
      lastPosition: behind ?? START,
      subscriptions: subs.length,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  /**
   * Appends to one stream leave in the order they were called. The client does not keep that
   * order itself: the first appends over a new batch-append stream can overtake each other
   * (seen against the gRPC double), which would turn a chain 0, 1, 2 into conflicts.
   */
  private inStreamOrder<T>(stream: string, send: () => Promise<T>): Promise<T> {
    const previous = this.streamQueues.get(stream) ?? Promise.resolve();
    const next = previous.then(send, send);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.streamQueues.set(stream, settled);
    void settled.then(() => {
      if (this.streamQueues.get(stream) === settled) this.streamQueues.delete(stream);
    });
    return next;
  }

  /** One server call, with the connection state tracked and errors mapped to the port's. */
  private async call<T>(action: () => Promise<T>, context: Parameters<typeof toStoreError>[1] = {}): Promise<T> {
    try {
      const result = await action();
      this.reached();
      return result;
    } catch (error) {
      throw this.failed(error, false, context);
    }
  }

  private async readAllRaw(direction: typeof FORWARDS | typeof BACKWARDS, fromPosition: EsdbPosition | typeof CLIENT_START | typeof END, count: number) {
    const items: LogItem<StoredEvent>[] = [];
    try {
      for await (const resolved of this.client.readAll({ direction, fromPosition, maxCount: count })) {
        const item = this.toLogItem(resolved);
        if (item) items.push(item);
      }
      this.reached();
      return items;
    } catch (error) {
      throw this.failed(error);
    }
  }

  /** A record of $all as a log item: undefined value for system events and foreign namespaces. */
  private toLogItem(resolved: AllStreamResolvedEvent | ResolvedEvent): LogItem<StoredEvent> | undefined {
    const recorded = resolved.event;
    if (!recorded) return undefined;
    const raw = recorded.position ?? (resolved.commitPosition !== undefined ? { commit: resolved.commitPosition, prepare: resolved.commitPosition } : undefined);
    if (!raw) return undefined;
    const position = encodePosition(raw);
    const streamId = this.names.fromServer(recorded.streamId, recorded.type);
    if (streamId === undefined) return { position, value: undefined };
    return { position, value: fromRecorded(recorded as RecordedLike, streamId, fromBigRevision(recorded.revision), position) };
  }

  /** An empty append sends nothing; it only checks the expected revision, as the SQLite store does. */
  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const current = last ? last.revision : 'no_stream';
    const ok =
      expected === 'any' || (expected === 'no_stream' ? current === 'no_stream' : expected === 'stream_exists' ? current !== 'no_stream' : expected === current);
    if (!ok) throw new ConcurrencyError(streamId, expected, current);
    return { nextExpectedRevision: last ? last.revision : -1, position: last ? last.globalPosition : START };
  }

  /**
   * The $all position of the event at `revision`, as subscriptions will report it. The append
   * response carries (commit, commit) — not the last event's (commit, prepare) — and no position
   * at all for an idempotent re-append, so we read it back; one extra read per append.
   */
  private async positionOfRevision(stream: string, revision: number, reported: EsdbPosition | undefined): Promise<GlobalPosition> {
    try {
      // Read to the end rather than return from inside the loop: a read abandoned midway leaves
      // the client's gRPC call unconsumed, and dispose() then waits for it forever.
      let found: EsdbPosition | undefined;
      for await (const resolved of this.client.readStream(stream, { fromRevision: toBigRevision(revision), maxCount: 1 })) {
        found ??= resolved.event?.position;
      }
      if (found) return encodePosition(found);
    } catch (error) {
      if (isUnavailable(error)) this.failed(error);
    }
    return reported ? encodePosition(reported) : START;
  }

  private reached(): void {
    this.connected = true;
    this.lastError = undefined;
  }

  private failed(error: unknown, alwaysUnavailable = false, context: Parameters<typeof toStoreError>[1] = {}): unknown {
    const mapped = alwaysUnavailable ? toUnavailable(error) : toStoreError(error, context);
    if (mapped instanceof StoreUnavailableError) {
      this.connected = false;
      this.lastError = mapped.message;
    }
    return mapped;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('事件存储已关闭');
  }
}

const decode = (position: GlobalPosition): EsdbPosition => {
  const decoded = decodePosition(position);
  if (decoded === 'start') throw new RangeError('unexpected START');
  return decoded;
};

async function drain(read: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of read) {
    // ping only needs the server to answer
  }
}
