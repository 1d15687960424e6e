/**
 * What the live views read, as a port; `queries-adapter.ts` implements it with the query
 * services of `src/queries/`. The live code never reads read-model tables itself.
 */

/** Tracked items: 收文交办 documents, 发文 and 建议提案 (projections/obligation-vocabulary.ts). */
export type Source = 'document' | 'issuance' | 'proposal';

/** Which units' rows a reader may see (src/security: toUnitScope); `units` undefined: all. */
export interface UnitScope {
  units?: readonly string[];
}

/** One overdue (red) or soon-due (yellow) obligation; other fields pass through to the client. */
export interface OutstandingRow {
  documentId: string;
  source: string;
  unit: string;
  colour: 'red' | 'yellow' | 'green';
}

export interface OutstandingFilter {
  unit?: string;
  leader?: string;
}

/** Counters by colour and status per unit, and on-time rates per unit. */
export interface DashboardSummary {
  asOf: string;
  units: Array<{ unit: string }>;
  performance: Array<{ unit: string; onTimeRate: number | null }>;
  /** The period the rates cover. */
  performanceRange?: { from: string; to: string };
}

/** One history entry; `revision` ties it to its event. */
export interface TimelineRow {
  revision: number;
}

export interface LiveQueries {
  /** Read models the views read: a batch is handed out once all of them applied it. */
  readonly projections: readonly string[];
  summary(scope: UnitScope): Promise<DashboardSummary>;
  /** Overdue and soon-due obligations matching the filter, most overdue first (at most `limit`). */
  outstanding(filter: OutstandingFilter, scope: UnitScope, limit: number): Promise<{ items: OutstandingRow[]; truncated: boolean }>;
  /** The same, for these items' streams only, grouped by stream id. */
  outstandingOf(streamIds: readonly string[], filter: OutstandingFilter, scope: UnitScope): Promise<Map<string, OutstandingRow[]>>;
  /** Units an item concerns and their 分管领导; undefined: not in the read model (yet). */
  concerns(source: Source, id: string): Promise<{ units: string[]; leaders: string[] } | undefined>;
  /** Undefined: no entries (yet), or outside the scope. */
  timeline(source: Source, id: string, scope: UnitScope): Promise<TimelineRow[] | undefined>;
}

export const LIVE_QUERIES = Symbol('LIVE_QUERIES');
