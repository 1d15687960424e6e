import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change, ProjectionDefinition, Row } from '../../../projections/projection';
import type { EventStore, EventToAppend } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../../src/projections/projection-runner';
import { anEvent } from '../../support/events';

/** Idempotent: the count of a stream is its last revision + 1. */
export const streamCounts = (version = 1): ProjectionDefinition => ({
  name: 'stream_counts',
  version,
  description: 'events per stream',
  tables: {
    streams: {
      columns: { stream_id: 'TEXT', events: 'INTEGER NOT NULL', last_type: 'TEXT', version: 'INTEGER' },
      primaryKey: ['stream_id'],
      indexes: [['last_type']],
    },
  },
  apply: (e) => [{ op: 'upsert', table: 'streams', row: { stream_id: e.streamId, events: e.revision + 1, last_type: e.type, version } }],
});

/**
 * Deliberately NOT idempotent (read, add one, write): applying an event twice, or skipping
 * one, shows up in the numbers. Ignores 'test.noise' (only the checkpoint moves).
 */
export const tally = (onApply: (position: string) => void = () => undefined): ProjectionDefinition => ({
  name: 'tally',
  version: 1,
  description: 'times each stream was applied',
  tables: {
    per_stream: { columns: { stream_id: 'TEXT', applied: 'INTEGER NOT NULL', positions: 'TEXT NOT NULL' }, primaryKey: ['stream_id'] },
    total: { columns: { id: 'TEXT', applied: 'INTEGER NOT NULL' }, primaryKey: ['id'] },
  },
  eventTypes: ['test.happened', 'test.poison'],
  apply(e, lookup): Change[] {
    onApply(e.globalPosition);
    const mine = lookup.get('per_stream', { stream_id: e.streamId });
    const total = lookup.get('total', { id: 'all' });
    return [
      { op: 'upsert', table: 'per_stream', row: { stream_id: e.streamId, applied: Number(mine?.applied ?? 0) + 1, positions: `${mine?.positions ?? ''}${Number(e.globalPosition)},` } },
      { op: 'upsert', table: 'total', row: { id: 'all', applied: Number(total?.applied ?? 0) + 1 } },
    ];
  },
});

/** Throws on 'test.poison' events. */
export const poisoned = (): ProjectionDefinition => ({
  name: 'poisoned',
  version: 1,
  description: 'fails on a poison event',
  tables: { seen: { columns: { position: 'TEXT', type: 'TEXT NOT NULL' }, primaryKey: ['position'] } },
  apply(e) {
    if (e.type === 'test.poison') throw new Error(`毒事件 poison ${String(e.data.n)}`);
    return [{ op: 'upsert', table: 'seen', row: { position: e.globalPosition, type: e.type } }];
  },
});

export const tempDir = (prefix = 'gw-proj-'): string => mkdtempSync(join(tmpdir(), prefix));

export const eventsFile = (dataDir: string): string => join(dataDir, 'events.sqlite');

export function openStore(dataDir: string): SqliteEventStore {
  return new SqliteEventStore({ file: eventsFile(dataDir), synchronous: 'NORMAL', pollIntervalMs: 50 });
}

export function newRunner(store: EventStore, dataDir: string, definitions: ProjectionDefinition[], extra: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
  return new ProjectionRunner({ store, dataDir, synchronous: 'NORMAL', definitions, retireGraceMs: 0, rebuildRequestPollMs: 0, ...extra });
}

/** Appends `count` events spread over `streams` streams (one append per event); returns the last position. */
export async function appendSpread(store: EventStore, count: number, streams: number, from = 0, type = 'test.happened'): Promise<string> {
  let position = '';
  for (let i = 0; i < count; i++) {
    const event: EventToAppend = anEvent(from + i, { type });
    position = (await store.appendToStream(`s-${(from + i) % streams}`, [event], { expectedRevision: 'any' })).position;
  }
  return position;
}

/** Appends many events in few transactions (fast set-up for larger tests). */
export async function appendBulk(store: EventStore, count: number, streams: number, type = 'test.happened'): Promise<string> {
  const pending: Array<Promise<{ position: string }>> = [];
  for (let i = 0; i < count; i++) {
    pending.push(store.appendToStream(`s-${i % streams}`, [anEvent(i, { type })], { expectedRevision: 'any' }));
  }
  const results = await Promise.all(pending);
  return results.map((r) => r.position).reduce((a, b) => (b > a ? b : a), '');
}

/** Every row of a physical table, sorted, through a separate read-only connection. */
export function rowsOf(file: string, table: string): Row[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM "${table}"`).all() as Row[];
  } finally {
    db.close();
  }
}

export const sortBy = (key: string) => (rows: Row[]) => [...rows].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
