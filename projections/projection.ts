import type { StoredEvent } from '../src/event-store/event-store.port';

/**
 * The contract every projection in this folder follows: a pure handler from one stored
 * event to read-model changes, plus the schema of its tables and a version. The runner
 * (src/projections/) owns SQL, batching, checkpoints and rebuilds.
 */

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

/**
 * Idempotent by construction: every change is keyed by the table's primary key, so
 * applying the same event twice leaves the same rows.
 */
export type Change =
  /** Insert, or overwrite the given columns of the row with the same primary key. */
  | { op: 'upsert'; table: string; row: Row }
  /** Update columns of the rows matching `key`; nothing when none match. */
  | { op: 'patch'; table: string; key: Row; set: Row }
  | { op: 'delete'; table: string; key: Row };

/** Read access to the projection's own tables, as of the changes applied so far. */
export interface ProjectionLookup {
  /** The matching row; with a key that is not unique, the first in primary-key order. */
  get(table: string, key: Row): Row | undefined;
  /** Matching rows in primary-key order. */
  all(table: string, key: Row): Row[];
}

export interface TableSchema {
  /** Column definitions, e.g. { doc_id: 'TEXT NOT NULL', due_at: 'TEXT' }. */
  columns: Record<string, string>;
  primaryKey: string[];
  /** Each entry is the column list of one index. */
  indexes?: string[][];
}

export interface ProjectionDefinition {
  /** Stable identifier, e.g. 'obligations'. */
  name: string;
  /** Bump when the handler or schema changes: the runner rebuilds into new tables. */
  version: number;
  description: string;
  tables: Record<string, TableSchema>;
  /** Event types it reads; others only move the checkpoint. Omit to receive all. */
  eventTypes?: readonly string[];
  apply(event: StoredEvent, lookup: ProjectionLookup): Change[];
  /**
   * Optional: the events of one batch at once (log order, only `eventTypes`), with the same
   * resulting rows as `apply` one by one. Lets a projection that folds per stream read, fold
   * and write each stream once per batch. The runner still isolates a failing event by
   * calling it with one event at a time.
   */
  applyBatch?(events: readonly StoredEvent[], lookup: ProjectionLookup): Change[];
}
