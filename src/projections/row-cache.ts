import type { Cell, Row } from '../../projections/projection';
import type { TableStatements } from './table-statements';

/**
 * `merge`: upsert these columns; `patch`: update them if the row exists; `known`: the whole
 * row as it will be (null: absent), read from the table at most once per batch; `replace`:
 * delete, then insert these columns (so column defaults apply as in SQL).
 */
type Entry =
  | { kind: 'merge' | 'patch' | 'replace'; key: Row; cols: Row }
  | { kind: 'known'; key: Row; row: Row | null; dirty: boolean };

type Affinity = 'text' | 'number' | 'any';

const MAX_ENTRIES = 20_000;

/**
 * A write-back cache for one batch of one generation. Changes and lookups addressed by the
 * full primary key are merged in memory and written once per key at the end of the batch,
 * so a row touched by many events of a batch (a counter per unit and month) costs one write
 * instead of one per event. Everything else (partial keys, `all`, key changes) first writes
 * the table's pending rows and then goes to SQL directly.
 *
 * What a lookup returns must not depend on the batch boundaries, or a rebuild could differ
 * from the live model: values whose stored form could differ from the JS value (a number in a
 * TEXT column, a numeric string in an INTEGER column…) bypass the cache, and so do tables with
 * a collation on their key.
 */
export class RowCache {
  enabled = true;
  private size = 0;
  private readonly tables = new Map<string, CachedTable>();

  constructor(tables: Iterable<[TableStatements, Record<string, string>]>) {
    for (const [sql, columns] of tables) this.tables.set(sql.logical, new CachedTable(sql, columns));
  }

  upsert(name: string, row: Row): void {
    const t = this.table(name);
    const k = this.enabled ? t.keyOf(row, false) : undefined;
    if (k === undefined || !t.stable(row)) return this.through(t, k, () => t.sql.upsert(row));
    const e = t.entries.get(k);
    if (e === undefined) return this.put(t, k, { kind: 'merge', key: t.keyRow(row), cols: { ...row } });
    if (e.kind === 'known') {
      if (e.row) {
        Object.assign(e.row, row);
        e.dirty = true;
      } else {
        // Read as absent: a plain insert. Deleted in this batch: replace, so unset columns get their defaults.
        t.entries.set(k, { kind: e.dirty ? 'replace' : 'merge', key: e.key, cols: { ...row } });
      }
    } else if (e.kind === 'patch') {
      this.write(t, e);
      t.entries.set(k, { kind: 'merge', key: e.key, cols: { ...row } });
    } else Object.assign(e.cols, row);
  }

  patch(name: string, key: Row, set: Row): void {
    const t = this.table(name);
    const k = this.enabled && !t.touchesKey(set) ? t.keyOf(key, true) : undefined;
    if (k === undefined || !t.stable(set)) return this.through(t, t.touchesKey(set) ? undefined : k, () => t.sql.patch(key, set));
    const e = t.entries.get(k);
    if (e === undefined) return this.put(t, k, { kind: 'patch', key: { ...key }, cols: { ...set } });
    if (e.kind !== 'known') Object.assign(e.cols, set);
    else if (e.row) {
      Object.assign(e.row, set);
      e.dirty = true;
    }
  }

  delete(name: string, key: Row): void {
    const t = this.table(name);
    const k = this.enabled ? t.keyOf(key, true) : undefined;
    if (k === undefined) return this.through(t, undefined, () => t.sql.delete(key));
    const entry: Entry = { kind: 'known', key: { ...key }, row: null, dirty: true };
    if (t.entries.has(k)) t.entries.set(k, entry);
    else this.put(t, k, entry);
  }

  get(name: string, key: Row): Row | undefined {
    const t = this.table(name);
    const k = this.enabled ? t.keyOf(key, true) : undefined;
    if (k === undefined) {
      this.writeTable(t);
      return t.sql.get(key);
    }
    let e = t.entries.get(k);
    if (e?.kind !== 'known') {
      if (e) this.write(t, e);
      const known: Entry = { kind: 'known', key: { ...key }, row: t.sql.get(key) ?? null, dirty: false };
      if (e) t.entries.set(k, known);
      else this.put(t, k, known);
      e = known;
    }
    return e.row ? { ...e.row } : undefined;
  }

  all(name: string, key: Row): Row[] {
    const t = this.table(name);
    this.writeTable(t);
    return t.sql.all(key);
  }

  /** Writes every pending row (at the end of the batch, inside its transaction). */
  flush(): void {
    for (const t of this.tables.values()) this.writeTable(t);
  }

  /** The transaction rolled back: forget everything. */
  discard(): void {
    for (const t of this.tables.values()) t.entries.clear();
    this.size = 0;
  }

  private table(name: string): CachedTable {
    const t = this.tables.get(name);
    if (!t) throw new Error(`no table "${name}"`);
    return t;
  }

  private put(t: CachedTable, k: unknown, e: Entry): void {
    t.entries.set(k, e);
    if (++this.size >= MAX_ENTRIES) this.flush();
  }

  /** Straight to SQL, after whatever is pending for that key (or, without one, the whole table). */
  private through(t: CachedTable, k: unknown, op: () => void): void {
    if (k === undefined) this.writeTable(t);
    else {
      const e = t.entries.get(k);
      if (e) {
        this.write(t, e);
        t.entries.delete(k);
        this.size--;
      }
    }
    op();
  }

  private writeTable(t: CachedTable): void {
    for (const e of t.entries.values()) this.write(t, e);
    this.size -= t.entries.size;
    t.entries.clear();
  }

  private write(t: CachedTable, e: Entry): void {
    switch (e.kind) {
      case 'merge':
        return t.sql.upsert(e.cols);
      case 'patch':
        return t.sql.patch(e.key, e.cols);
      case 'replace':
        t.sql.delete(e.key);
        return t.sql.upsert(e.cols);
      case 'known':
        if (!e.dirty) return;
        e.dirty = false;
        if (e.row) t.sql.upsert(e.row);
        else t.sql.delete(e.key);
    }
  }
}

class CachedTable {
  readonly entries = new Map<unknown, Entry>();
  private readonly affinity = new Map<string, Affinity>();
  private readonly key: readonly string[];
  private readonly cacheable: boolean;

  constructor(
    readonly sql: TableStatements,
    columns: Record<string, string>,
  ) {
    this.key = sql.key;
    for (const [column, declared] of sql.declaredTypes()) this.affinity.set(column, affinityOf(declared));
    this.cacheable = !this.key.some((c) => /\bCOLLATE\b/i.test(columns[c] ?? ''));
  }

  /** A map key for `row`'s primary key; undefined when it is not exactly (or, for rows, not fully) the key. */
  keyOf(row: Row, exact: boolean): unknown {
    if (!this.cacheable) return undefined;
    const key = this.key;
    if (exact && Object.keys(row).length !== key.length) return undefined;
    if (key.length === 1) {
      const v = row[key[0]!];
      return v !== null && v !== undefined && this.fits(key[0]!, v) ? v : undefined;
    }
    let k = '';
    for (const c of key) {
      const v = row[c];
      if (v === null || v === undefined || !this.fits(c, v)) return undefined;
      k += `${typeof v === 'number' ? 'n' : 's'}${v}\u0001`;
    }
    return k;
  }

  keyRow(row: Row): Row {
    const out: Row = {};
    for (const c of this.key) out[c] = row[c]!;
    return out;
  }

  touchesKey(set: Row): boolean {
    return this.key.some((c) => c in set);
  }

  /** Every value would read back exactly as given. */
  stable(row: Row): boolean {
    for (const c in row) if (!this.fits(c, row[c])) return false;
    return true;
  }

  private fits(column: string, v: Cell | undefined): boolean {
    if (v === null) return true;
    switch (this.affinity.get(column)) {
      case 'text':
        return typeof v === 'string';
      case 'number':
        return typeof v === 'number' && Number.isFinite(v);
      case 'any':
        return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
      default:
        return false; // not a column: let SQL say so
    }
  }
}

/** SQLite's type affinity rules (INTEGER, REAL and NUMERIC all keep a finite JS number as is). */
function affinityOf(declared: string): Affinity {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'number';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t === '') return 'any';
  return 'number';
}
