import Database from 'better-sqlite3';
import { ALL_PROJECTIONS, obligationsProjection } from '../../projections';
import { historyEntry } from '../../projections/history-entry';
import type { Row } from '../../projections/projection';
import { sourceOf } from '../../projections/stream-source';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { ProjectionHarness } from './support/projection-harness';
import { runRandomScenario } from './support/random-scenario';
import { newRunner, openStore, tempDir } from './support/test-projections';

/** Every table of every projection, as readers see it (the active generation), in key order. */
function snapshot(runner: ProjectionRunner): Record<string, Row[]> {
  const db = new Database(runner.file, { readonly: true });
  try {
    const out: Record<string, Row[]> = {};
    for (const def of ALL_PROJECTIONS) {
      for (const [table, schema] of Object.entries(def.tables)) {
        const key = schema.primaryKey.map((c) => `"${c}"`).join(', ');
        out[`${def.name}.${table}`] = db.prepare(`SELECT * FROM "${runner.activeTable(def.name, table)}" ORDER BY ${key}`).all() as Row[];
      }
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * After a seeded random scenario of thousands of commands (documents, proposals, 发文), applied
 * live in whatever batches the subscription delivered, every projection equals one rebuilt
 * from scratch by the runner, and ones applied in memory as one batch and event by event; and
 * the obligations' versions give back, for every moment of the scenario, the open rows then.
 */
describe('projection consistency after a random scenario', () => {
  it.each([20260301, 7])('seed %i: live rows equal a rebuild from scratch', async (seed) => {
    const dataDir = tempDir('gw-proj-consistency-');
    const store = openStore(dataDir);
    const runner = newRunner(store, dataDir, ALL_PROJECTIONS, { maxBatch: 37 });
    await runner.start();
    try {
      await check(seed, store, runner);
    } finally {
      await runner.stop();
      await store.close();
    }
  }, 180_000);
});

async function check(seed: number, store: ReturnType<typeof openStore>, runner: ProjectionRunner): Promise<void> {
  const { accepted, refused } = await runRandomScenario(store, seed, 3000);
  expect(accepted).toBeGreaterThan(2000);
  const head = await store.headPosition();
  await runner.waitForPosition('all', head, 30_000);
  const live = snapshot(runner);

  const result = await runner.rebuild('all');
  expect(result.projections.sort()).toEqual(ALL_PROJECTIONS.map((d) => d.name).sort());
  const rebuilt = snapshot(runner);
  expect(rebuilt).toEqual(live);

  const events = await store.readAll({ maxCount: 1_000_000 });
  // The open obligations one-by-one application had after the last event of each instant.
  const openAt = new Map<string, Row[]>();
  for (const def of ALL_PROJECTIONS) {
    // All events as one batch (what applyBatch folds per stream) and one event at a time.
    const whole = new ProjectionHarness(def).apply(events);
    const oneByOne = new ProjectionHarness(def);
    events.forEach((e, i) => {
      oneByOne.apply([e]);
      if (def === obligationsProjection && events[i + 1]?.recordedAt !== e.recordedAt) openAt.set(e.recordedAt, oneByOne.rows('open'));
    });
    for (const table of Object.keys(def.tables)) {
      expect({ table, rows: whole.rows(table) }).toEqual({ table, rows: live[`${def.name}.${table}`] });
      expect({ table, rows: oneByOne.rows(table) }).toEqual({ table, rows: live[`${def.name}.${table}`] });
    }
  }
  // Every past moment: the versions valid then (as the queries read them) are the rows `open` had then.
  const versions = new ProjectionHarness(obligationsProjection).apply(events);
  const COLUMNS = Object.keys(obligationsProjection.tables.open!.columns).join(', ');
  const validAt = (asOf: string) =>
    versions.sql(
      (t) => `SELECT ${COLUMNS} FROM ${t('open')} WHERE since <= ? UNION ALL SELECT ${COLUMNS} FROM ${t('past')} WHERE since <= ? AND until > ? ORDER BY stream_id, obligation`,
      asOf,
      asOf,
      asOf,
    );
  expect(openAt.size).toBeGreaterThan(2000);
  for (const [asOf, rows] of openAt) {
    const valid = validAt(asOf);
    // Thousands of moments: compared cheaply, and the first difference shown.
    if (JSON.stringify(valid) !== JSON.stringify(rows)) expect({ asOf, rows: valid }).toEqual({ asOf, rows });
  }
  expect(versions.rows('past').length).toBeGreaterThan(live['obligations.open']!.length);
  // Histories are folded on read (projections/history-entry.ts): every event of a tracked item has its entry.
  const tracked = events.filter((e) => sourceOf(e.streamId) !== undefined);
  expect(tracked.filter((e) => historyEntry(e) === undefined).map((e) => e.type)).toEqual([]);
  expect(tracked.length).toBeGreaterThan(2000);
  // The dashboard counters equal the rows they count.
  const count = (rows: Row[], key: (r: Row) => string) => rows.reduce<Record<string, number>>((m, r) => ((m[key(r)] = (m[key(r)] ?? 0) + 1), m), {});
  const counters = (rows: Row[], key: (r: Row) => string) => Object.fromEntries(rows.map((r) => [key(r), Number(r.n)]));
  expect(counters(live['obligations.due_counts']!, (r) => `${r.unit}|${r.due_date}`)).toEqual(count(live['obligations.open']!, (r) => `${r.unit}|${r.due_date}`));
  expect(counters(live['obligations.open_counts']!, (r) => String(r.unit))).toEqual(count(live['obligations.open']!, (r) => String(r.unit)));
  expect(counters(live['obligations.status_counts']!, (r) => `${r.source}|${r.unit}|${r.status}`)).toEqual(count(live['obligations.subjects']!, (r) => `${r.source}|${r.unit}|${r.status}`));
  // The scenario reached every corner worth checking.
  expect(live['obligations.open']!.length).toBeGreaterThan(10);
  expect(new Set(live['obligations.open']!.map((r) => r.type)).size).toBeGreaterThan(6);
  expect(live['performance.incidents']!.length).toBeGreaterThan(10);
  process.stdout.write(`seed ${seed}: ${accepted} commands accepted, ${refused} refused, ${events.length} events\n`);
}
