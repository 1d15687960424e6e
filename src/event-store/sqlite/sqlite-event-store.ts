import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { StoreUnavailableError } from '../errors';
import { catchUpSubscription } from '../catch-up-subscription';
import { BackgroundCheckpointer } from './background-checkpointer';
import { BatchCommitter, isUnavailable, toUnavailable } from './batch-committer';
import { GroupCommitWriter } from './group-commit-writer';
import { decodePosition, encodePosition } from './positions';
import { openEventDatabase, type SynchronousMode } from './schema';

export interface SqliteEventStoreOptions {
  /** A file path, or ':memory:' for tests. */
  file: string;
  synchronous?: SynchronousMode;
  /** How often live subscriptions look for events written by another process. */
  pollIntervalMs?: number;
  /** Checkpoint the WAL on a separate thread (files only; default true). */
  backgroundCheckpoint?: boolean;
}

/** An `events` row as stored (also read by the reliability harness's store audit). */
export interface EventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

export const COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';
const DEFAULT_PAGE = 1000;

export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly writer: GroupCommitWriter;
  private readonly committed = new EventEmitter();
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly subscriptions = new Set<Subscription>();
  private readonly checkpointer?: BackgroundCheckpointer;
  private closed = false;

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    openEventDatabase(this.db, options.synchronous ?? 'FULL');
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.committed.setMaxListeners(0);
    if (options.file !== ':memory:' && options.backgroundCheckpoint !== false) {
      this.checkpointer = new BackgroundCheckpointer(this.db);
    }
    this.writer = new GroupCommitWriter(new BatchCommitter(this.db), () => {
      this.checkpointer?.nudge();
      this.committed.emit('commit');
    });
    this.statements = {
      forwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      ),
      backwards: this.db.prepare<[string, number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      ),
      all: this.db.prepare<[number, number], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
  }

  /** The underlying connection, for tools that inspect the file (audit, benchmarks). */
  get database(): Database.Database {
    return this.db;
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    this.assertOpen();
    // Serialise before taking the write lock; JSON.stringify throws on bigint, as it should.
    const serialized = events.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: JSON.stringify(e.data),
      metadata: JSON.stringify(e.metadata),
      recordedAt: e.recordedAt,
    }));
    return this.writer.append({ streamId, events: serialized, expectedRevision: options.expectedRevision });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.read(() => this.statements.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max))
        : this.read(() => this.statements.forwards.all(streamId, options.fromRevision ?? 0, max));
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = decodePosition(options.fromPosition);
    return this.read(() => this.statements.all.all(after, options.maxCount ?? DEFAULT_PAGE)).map(toStoredEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const subscription = catchUpSubscription(
      {
        readPage: (after, max) => this.readAll({ fromPosition: after, maxCount: max }),
        waitForAppend: (signal) => this.waitForAppend(signal),
      },
      options.fromPosition ?? START,
    );
    // Tracked so close() can end it; forgotten once it ends by itself (break, return, close).
    this.subscriptions.add(subscription);
    const forget = () => void this.subscriptions.delete(subscription);
    const inner = subscription[Symbol.asyncIterator]();
    const iterator: AsyncIterator<StoredEvent> = {
      next: async () => {
        const result = await inner.next();
        if (result.done) forget();
        return result;
      },
      return: async (value?: unknown) => {
        forget();
        return inner.return ? inner.return(value) : { done: true, value: undefined };
      },
    };
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        forget();
        await subscription.close();
      },
    };
  }

  async headPosition(): Promise<GlobalPosition> {
    const { position } = this.read(() => this.statements.head.get()!);
    return position === null ? START : encodePosition(position);
  }

  async ping(): Promise<void> {
    this.assertOpen();
    this.read(() => this.statements.head.get());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.writer.drain();
    // End live subscriptions cleanly (their for-await loops finish) instead of failing their next read.
    const open = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(open.map((s) => s.close()));
    this.closed = true;
    this.committed.emit('commit'); // wake live subscriptions so they notice the close
    await this.checkpointer?.stop();
    this.db.close();
  }

  private waitForAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted || this.closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.committed.off('commit', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.committed.on('commit', done);
      signal.addEventListener('abort', done);
    });
  }

  private read<T>(query: () => T): T {
    this.assertOpen();
    try {
      return query();
    } catch (error) {
      throw isUnavailable(error) ? toUnavailable(error) : error;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreUnavailableError('事件存储已关闭');
  }
}

/** A row of `events` as the port hands it out (also for tools that read the file directly). */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    revision: row.revision,
    globalPosition: encodePosition(row.position),
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: row.recorded_at,
  };
}
