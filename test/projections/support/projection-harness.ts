import Database from 'better-sqlite3';
import type { Change, ProjectionDefinition, ProjectionLookup, Row } from '../../../projections/projection';
import type { StoredEvent } from '../../../src/event-store/event-store.port';
import { createGenerationTables, physicalTableName } from '../../../src/projections/physical-tables';
import { RowCache } from '../../../src/projections/row-cache';
import { TableStatements } from '../../../src/projections/table-statements';

/**
 * A projection applied the way the runner writes it (the same statements and row cache), in
 * memory and without checkpoints, so a spec can feed events — even the same ones twice — and
 * read the rows.
 */
export class ProjectionHarness {
  private readonly db = new Database(':memory:');
  private readonly cache: RowCache;
  private readonly lookup: ProjectionLookup;
  private readonly types?: ReadonlySet<string>;

  constructor(readonly def: ProjectionDefinition) {
    createGenerationTables(this.db, def, 1);
    const tables = Object.entries(def.tables).map(([name, schema]) => new TableStatements(this.db, name, physicalTableName(def.name, 1, name), schema));
    this.cache = new RowCache(tables.map((t) => [t, def.tables[t.logical]!.columns] as const));
    this.lookup = { get: (t, k) => this.cache.get(t, k), all: (t, k) => this.cache.all(t, k) };
    if (def.eventTypes) this.types = new Set(def.eventTypes);
  }

  apply(events: readonly StoredEvent[]): this {
    this.db.transaction(() => {
      const handled = events.filter((e) => !this.types || this.types.has(e.type));
      // As the runner does: the whole batch at once when the projection can take it.
      if (this.def.applyBatch) this.write(this.def.applyBatch(handled, this.lookup));
      else for (const e of handled) this.write(this.def.apply(e, this.lookup));
      this.cache.flush();
    })();
    return this;
  }

  private write(changes: Change[]): void {
    for (const c of changes) {
      if (c.op === 'upsert') this.cache.upsert(c.table, c.row);
      else if (c.op === 'patch') this.cache.patch(c.table, c.key, c.set);
      else this.cache.delete(c.table, c.key);
    }
  }

  /** Rows of a table in primary-key order. */
  rows(table: string): Row[] {
    const key = this.def.tables[table]!.primaryKey.map((c) => `"${c}"`).join(', ');
    return this.db.prepare(`SELECT * FROM "${physicalTableName(this.def.name, 1, table)}" ORDER BY ${key}`).all() as Row[];
  }

  /** Every table's rows. */
  dump(): Record<string, Row[]> {
    return Object.fromEntries(Object.keys(this.def.tables).map((t) => [t, this.rows(t)]));
  }

  sql<T = Row>(query: (table: (name: string) => string) => string, ...params: unknown[]): T[] {
    return this.db.prepare(query((name) => `"${physicalTableName(this.def.name, 1, name)}"`)).all(...params) as T[];
  }
}

/** Applying the events again, in one batch or one at a time, changes nothing. */
export function expectIdempotent(def: ProjectionDefinition, events: readonly StoredEvent[]): void {
  const once = new ProjectionHarness(def).apply(events).dump();
  const twice = new ProjectionHarness(def).apply(events).apply(events).dump();
  const oneByOne = new ProjectionHarness(def);
  for (const e of events) oneByOne.apply([e]).apply([e]);
  expect(twice).toEqual(once);
  expect(oneByOne.dump()).toEqual(once);
}
