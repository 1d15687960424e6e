import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision } from '../event-store.port';
import { START } from '../event-store.port';
import { ConcurrencyError, DuplicateEventIdError, StoreUnavailableError } from '../errors';
import { encodePosition } from './positions';

/** An event already serialised outside the transaction, so the lock is held only for I/O. */
export interface SerializedEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: string;
  metadata: string;
  recordedAt: string;
}

export interface AppendRequest {
  streamId: string;
  events: SerializedEvent[];
  expectedRevision: ExpectedRevision;
}

export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

const NO_STREAM = -1;
const UNAVAILABLE = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|NOMEM|CORRUPT|NOTADB|PROTOCOL)/;

export const isUnavailable = (error: unknown): boolean =>
  typeof (error as { code?: unknown })?.code === 'string' && UNAVAILABLE.test((error as { code: string }).code);

export function toUnavailable(error: unknown): StoreUnavailableError {
  const code = (error as { code?: string }).code ?? 'unknown';
  const reason = code.startsWith('SQLITE_FULL')
    ? '磁盘已满'
    : code.startsWith('SQLITE_READONLY')
      ? '数据目录只读'
      : code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
        ? '数据库被其他进程长时间锁定'
        : '存储读写失败';
  return new StoreUnavailableError(`事件存储暂不可用(${reason}, ${code}),本次写入未生效,请稍后重试`, error);
}

/**
 * Commits a batch of appends in one BEGIN IMMEDIATE transaction (group commit).
 * Logical conflicts are detected before anything is written, so they fail alone; an
 * unexpected per-request SQL error (e.g. a duplicate event id) makes us redo the batch with
 * a savepoint per request, so that request still fails alone and the rest commit.
 */
export class BatchCommitter {
  private readonly selectStream: Database.Statement<[string], { revision: number; position: number }>;
  private readonly selectEvent: Database.Statement<[string], { stream_id: string; revision: number; position: number }>;
  private readonly insertEvent: Database.Statement;
  private readonly upsertStream: Database.Statement;
  private readonly fastBatch: Database.Transaction<(requests: AppendRequest[]) => AppendOutcome[]>;
  private readonly isolatedBatch: Database.Transaction<(requests: AppendRequest[]) => AppendOutcome[]>;
  private readonly isolatedOne: Database.Transaction<(request: AppendRequest, heads: Map<string, number>) => AppendOutcome>;

  constructor(db: Database.Database) {
    this.selectStream = db.prepare('SELECT revision, position FROM streams WHERE stream_id = ?');
    this.selectEvent = db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?');
    this.insertEvent = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertStream = db.prepare(
      `INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
    );
    this.fastBatch = db.transaction((requests) => {
      const heads = new Map<string, number>();
      return requests.map((request) => this.applyOne(request, heads));
    });
    // Nested better-sqlite3 transactions are savepoints.
    this.isolatedOne = db.transaction((request, heads) => this.applyOne(request, heads));
    this.isolatedBatch = db.transaction((requests) => {
      const heads = new Map<string, number>();
      return requests.map((request) => {
        try {
          return this.isolatedOne(request, heads);
        } catch (error) {
          if (isUnavailable(error)) throw error;
          return this.explainFailure(request, error);
        }
      });
    });
  }

  commit(requests: AppendRequest[]): AppendOutcome[] {
    try {
      return this.fastBatch.immediate(requests);
    } catch (error) {
      if (isUnavailable(error)) return requests.map(() => ({ ok: false as const, error: toUnavailable(error) }));
      try {
        return this.isolatedBatch.immediate(requests);
      } catch (retryError) {
        const failure = isUnavailable(retryError) ? toUnavailable(retryError) : (retryError as Error);
        return requests.map(() => ({ ok: false as const, error: failure }));
      }
    }
  }

  private applyOne(request: AppendRequest, heads: Map<string, number>): AppendOutcome {
    const { streamId, events, expectedRevision } = request;
    const stored = heads.has(streamId) ? undefined : this.selectStream.get(streamId);
    const current = heads.get(streamId) ?? stored?.revision ?? NO_STREAM;
    if (!matches(expectedRevision, current)) {
      return this.idempotentReplay(request) ?? {
        ok: false,
        error: new ConcurrencyError(streamId, expectedRevision, current === NO_STREAM ? 'no_stream' : current),
      };
    }
    if (events.length === 0) {
      const position = stored ? encodePosition(stored.position) : START;
      return { ok: true, result: { nextExpectedRevision: current, position } };
    }
    let revision = current;
    let position = 0;
    for (const e of events) {
      revision += 1;
      const info = this.insertEvent.run(streamId, revision, e.eventId, e.type, e.schemaVersion, e.data, e.metadata, e.recordedAt);
      position = Number(info.lastInsertRowid);
    }
    this.upsertStream.run(streamId, revision, position);
    heads.set(streamId, revision);
    return { ok: true, result: { nextExpectedRevision: revision, position: encodePosition(position) } };
  }

  /**
   * The same event ids already stored as exactly this append (same stream, consecutive
   * revisions where the expected revision says they should be) answer as a success.
   */
  private idempotentReplay(request: AppendRequest): AppendOutcome | undefined {
    if (request.events.length === 0) return undefined;
    const found = request.events.map((e) => this.selectEvent.get(e.eventId));
    if (found.every((row) => row === undefined)) return undefined;
    const first = found[0];
    const expectedFirst =
      typeof request.expectedRevision === 'number' ? request.expectedRevision + 1
        : request.expectedRevision === 'no_stream' ? 0
          : first?.revision;
    const exact = found.every(
      (row, i) => row !== undefined && row.stream_id === request.streamId && row.revision === (expectedFirst ?? -2) + i,
    );
    if (!exact) {
      return { ok: false, error: new DuplicateEventIdError(request.streamId, request.events.filter((_, i) => found[i]).map((e) => e.eventId)) };
    }
    const last = found[found.length - 1]!;
    return { ok: true, result: { nextExpectedRevision: last.revision, position: encodePosition(last.position) } };
  }

  /** A unique-id violation under 'any'/'stream_exists' may still be an idempotent replay. */
  private explainFailure(request: AppendRequest, error: unknown): AppendOutcome {
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      return this.idempotentReplay(request) ?? {
        ok: false,
        error: new DuplicateEventIdError(request.streamId, request.events.map((e) => e.eventId)),
      };
    }
    return { ok: false, error: error as Error };
  }
}

function matches(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM;
    case 'stream_exists':
      return current !== NO_STREAM;
    default:
      return current === expected;
  }
}
