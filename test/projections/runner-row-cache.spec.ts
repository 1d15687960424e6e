import Database from 'better-sqlite3';
import fc from 'fast-check';
import type { Cell, ProjectionDefinition, Row } from '../../projections/projection';
import { createGenerationTables } from '../../src/projections/physical-tables';
import { RowCache } from '../../src/projections/row-cache';
import { TableStatements } from '../../src/projections/table-statements';

/**
 * The write-back cache must be invisible: any sequence of changes and lookups gives the same
 * answers and leaves the same rows as plain SQL, wherever the batch boundaries fall.
 */
const def: ProjectionDefinition = {
  name: 'cache_check',
  version: 1,
  description: '',
  tables: {
    pairs: {
      columns: { a: 'TEXT', b: 'INTEGER', v: 'INTEGER DEFAULT 7', w: 'TEXT', x: '' },
      primaryKey: ['a', 'b'],
      indexes: [['w']],
    },
    names: { columns: { id: 'TEXT COLLATE NOCASE', n: 'INTEGER' }, primaryKey: ['id'] },
  },
  apply: () => [],
};

function open(cached: boolean) {
  const db = new Database(':memory:');
  createGenerationTables(db, def, 1);
  const tables = Object.entries(def.tables).map(([name, schema]) => new TableStatements(db, name, `rm_cache_check_g1_${name}`, schema));
  const cache = new RowCache(tables.map((t) => [t, def.tables[t.logical]!.columns] as const));
  cache.enabled = cached;
  const dump = () =>
    Object.fromEntries(tables.map((t) => [t.logical, db.prepare(`SELECT * FROM "${t.name}" ORDER BY 1, 2`).all()]));
  return { db, cache, dump };
}

const cell: fc.Arbitrary<Cell> = fc.oneof(fc.constant(null), fc.integer({ min: -1, max: 2 }), fc.constantFrom('p', 'q', '5'), fc.constant(1.5));
const a = fc.constantFrom('k1', 'K1');
const b = fc.integer({ min: 0, max: 1 });
const values = fc.record({ v: cell, w: cell, x: cell }, { requiredKeys: [] });
const stableValues = fc.record({ v: fc.integer({ min: 0, max: 3 }), w: fc.constantFrom('p', 'q', null), x: cell }, { requiredKeys: [] });

type Op =
  | { op: 'upsert'; table: string; row: Row }
  | { op: 'patch'; table: string; key: Row; set: Row }
  | { op: 'delete' | 'get' | 'all'; table: string; key: Row }
  | { op: 'flush' };

const fullKey = fc.record({ a, b });
const partialKey = fc.oneof(fc.record({ a }), fc.record({ w: cell }));
const nonEmpty = (r: Row) => Object.keys(r).length > 0;
const pairs = 'pairs' as const;
// Mostly full-key traffic (what the cache serves), sometimes what forces it to write through.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('upsert' as const), table: fc.constant(pairs), row: fc.tuple(fullKey, fc.oneof(stableValues, values)).map(([k, v]) => ({ ...k, ...v })) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('patch' as const), table: fc.constant(pairs), key: fullKey, set: stableValues.filter(nonEmpty) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('get' as const), table: fc.constant(pairs), key: fullKey }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), table: fc.constant(pairs), key: fullKey }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('patch' as const), table: fc.constant(pairs), key: fc.oneof(fullKey, partialKey), set: fc.oneof(values, fc.record({ b })).filter(nonEmpty) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'get' as const, 'all' as const), table: fc.constant(pairs), key: partialKey }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('upsert' as const), table: fc.constant('names'), row: fc.record({ id: a, n: cell }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('patch' as const), table: fc.constant('names'), key: fc.record({ id: a }), set: fc.record({ n: cell }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('delete' as const, 'get' as const), table: fc.constant('names'), key: fc.record({ id: a }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'flush' as const }) },
);

function run(target: ReturnType<typeof open>, o: Op): unknown {
  try {
    switch (o.op) {
      case 'upsert':
        return target.cache.upsert(o.table, o.row);
      case 'patch':
        return target.cache.patch(o.table, o.key, o.set);
      case 'delete':
        return target.cache.delete(o.table, o.key);
      case 'get':
        return target.cache.get(o.table, o.key) ?? null;
      case 'all':
        return target.cache.all(o.table, o.key).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
      case 'flush':
        return target.cache.flush();
    }
  } catch (error) {
    return { error: (error as { code?: string }).code ?? 'error' };
  }
}

describe('row cache (write-back per batch)', () => {
  it('answers and writes exactly like direct SQL', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const cached = open(true);
        const direct = open(false);
        try {
          for (const o of ops) {
            const got = run(cached, o);
            const expected = run(direct, o);
            // A constraint error may surface later (at the flush) with the cache; stop comparing then.
            if ((got as { error?: string })?.error || (expected as { error?: string })?.error) return;
            expect(got).toEqual(expected);
          }
          cached.cache.flush();
          expect(cached.dump()).toEqual(direct.dump());
        } finally {
          cached.db.close();
          direct.db.close();
        }
      }),
      {
        numRuns: 3000,
        examples: [
          // Found in CI: a value that cannot be cached sends K1 to SQL before the pending k1, so
          // "the first row with w IS NULL" differed until get() read in primary-key order.
          [
            [
              { op: 'upsert', table: pairs, row: { a: 'k1', b: 0 } },
              { op: 'upsert', table: pairs, row: { a: 'K1', b: 0, v: 'p' } },
              { op: 'get', table: pairs, key: { w: null } },
            ],
          ],
        ],
      },
    );
  });
});
