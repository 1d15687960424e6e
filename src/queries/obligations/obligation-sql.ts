import { CODE_PATTERN } from '../../documents/http/dto/messages';
import { SOURCE_LABELS } from '../../../projections/obligation-vocabulary';
import { OBLIGATION_ROW } from '../../../projections/obligations.projection';
import type { ObligationSort, ObligationView } from './obligation-query';

/** Index-ordered sorts; every one ends with the primary key, so pages are stable. */
const SORT_COLUMNS: Record<ObligationSort, { columns: string[]; desc: boolean }> = {
  dueAt: { columns: ['due_at', 'stream_id', 'obligation'], desc: false },
  '-dueAt': { columns: ['due_at', 'stream_id', 'obligation'], desc: true },
  unit: { columns: ['unit', 'due_at', 'stream_id', 'obligation'], desc: false },
};

export const sortColumns = (sort: ObligationSort): string[] => SORT_COLUMNS[sort].columns;

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const STREAM_ID = new RegExp(`^(${Object.keys(SOURCE_LABELS).join('|')})-[0-9A-Za-z_-]{1,100}$`);
const OBLIGATION_KEY = /^[a-z_]{1,40}(:[0-9A-Za-z_.-]{1,100})?$/;

/** What each sort column holds as stored (projections/obligations.projection.ts). */
const COLUMN_VALUES: Record<string, (value: string) => boolean> = {
  due_at: (v) => STORED_INSTANT.test(v) && Number.isFinite(Date.parse(v)) && new Date(v).toISOString() === v,
  unit: (v) => v === '' || CODE_PATTERN.test(v),
  stream_id: (v) => STREAM_ID.test(v),
  obligation: (v) => OBLIGATION_KEY.test(v),
};

/** A check per sort column, for the cursor's key (decodeCursor). */
export const sortKeyChecks = (sort: ObligationSort): Array<(value: string) => boolean> => SORT_COLUMNS[sort].columns.map((c) => COLUMN_VALUES[c]!);

export interface SqlParts {
  where: string[];
  params: unknown[];
  /** Only obligations with a due date can match (a red/yellow window): past versions read `timed = 1` only. */
  timedOnly?: boolean;
}

export const emptyParts = (): SqlParts => ({ where: [], params: [] });

export function addCondition(parts: SqlParts, sql: string, ...params: unknown[]): void {
  parts.where.push(sql);
  parts.params.push(...params);
}

/** The time window of a view; `asOf` and `boundary` are UTC instants. */
export function addWindow(parts: SqlParts, view: ObligationView, asOf: string, boundary: string): void {
  if (view === 'overdue') addCondition(parts, 'due_at < ?', asOf);
  else if (view === 'due_soon') addCondition(parts, 'due_at >= ? AND due_at <= ?', asOf, boundary);
  else if (view === 'outstanding') addCondition(parts, 'due_at <= ?', boundary);
  // The window ends before NO_DEADLINE_AT (asOf ≤ 2100), so no untimed row can match.
  if (view === 'overdue' || view === 'due_soon' || view === 'outstanding') parts.timedOnly = true;
}

export function addIn(parts: SqlParts, column: string, values: readonly string[]): void {
  if (values.length === 1) addCondition(parts, `${column} = ?`, values[0]);
  else addCondition(parts, `${column} IN (${values.map(() => '?').join(', ')})`, ...values);
}

/** Rows after the cursor's key, in the sort's direction (row-value comparison, index-friendly). */
export function addAfter(parts: SqlParts, sort: ObligationSort, key: readonly string[]): void {
  const { columns, desc } = SORT_COLUMNS[sort];
  addCondition(parts, `(${columns.join(', ')}) ${desc ? '<' : '>'} (${columns.map(() => '?').join(', ')})`, ...key);
}

export function orderBy(sort: ObligationSort): string {
  const { columns, desc } = SORT_COLUMNS[sort];
  return columns.map((c) => (desc ? `${c} DESC` : c)).join(', ');
}

export const whereClause = (parts: SqlParts): string => (parts.where.length > 0 ? `WHERE ${parts.where.join(' AND ')}` : '');

/** A row's columns (OpenRow), the same in `open` and `past`. */
const ROW = Object.keys(OBLIGATION_ROW).join(', ');

type Sql = (table: (name: string) => string) => string;

/**
 * The obligations as they were at a past asOf, with the same filters on both arms: `open` rows
 * whose version began by then and ended versions from `past` that outlived it
 * (projections/obligation-versions.ts). A UNION ALL to select from or to sort.
 */
export function versionsAt(parts: SqlParts, asOf: string, columns = ROW): { sql: Sql; params: unknown[] } {
  const where = (...extra: string[]) => `WHERE ${[...parts.where, ...extra].join(' AND ')}`;
  return {
    // `timed` leads the key of `past`: naming its values keeps the `until` range on the key.
    sql: (t) =>
      `SELECT ${columns} FROM ${t('open')} ${where('since <= ?')} UNION ALL SELECT ${columns} FROM ${t('past')} ${where(parts.timedOnly ? 'timed = 1' : 'timed IN (0, 1)', 'since <= ?', 'until > ?')}`,
    params: [...parts.params, asOf, ...parts.params, asOf, asOf],
  };
}

/**
 * The rows of a query in sort order, at most `LIMIT ?` (the last parameter, the caller's).
 * Now or later: `open` as it is. At a past asOf: the versions valid then; each arm reads its
 * own index and SQLite merges the two ordered results.
 */
export function rowsQuery(parts: SqlParts, sort: ObligationSort, pastAsOf?: string): { sql: Sql; params: unknown[] } {
  if (pastAsOf === undefined) {
    return { sql: (t) => `SELECT * FROM ${t('open')} ${whereClause(parts)} ORDER BY ${orderBy(sort)} LIMIT ?`, params: parts.params };
  }
  const versions = versionsAt(parts, pastAsOf);
  return { sql: (t) => `${versions.sql(t)} ORDER BY ${orderBy(sort)} LIMIT ?`, params: versions.params };
}
