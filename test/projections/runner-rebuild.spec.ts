import type { ProjectionDefinition } from '../../projections/projection';
import type { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { toErrorResponse } from '../../src/http/error-mapping';
import { ReadModels } from '../../src/projections/read-models';
import type { RebuildProgress } from '../../src/projections/rebuild-job';
import { anEvent } from '../support/events';
import { appendBulk, newRunner, openStore, rowsOf, sortBy, streamCounts, tempDir } from './support/test-projections';

function catchError(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to be refused');
}

describe('projection versions and rebuilds', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  const track = (r: ProjectionRunner) => (runners.push(r), r);
  /** 3,000 events in 50 streams, with stream_counts v1 built over them and its runner stopped. */
  const builtAtVersion1 = async () => {
    await appendBulk(store, 3000, 50);
    const v1 = track(newRunner(store, dataDir, [streamCounts(1)]));
    await v1.start();
    await v1.rebuild(['stream_counts']);
    await v1.stop();
  };
  const tables = (runner: ProjectionRunner) => {
    const db = new ReadModels(runner, 0).db;
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  };

  beforeEach(() => {
    dataDir = tempDir();
    store = openStore(dataDir);
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await store.close();
  });

  it('a version bump builds a new generation in new tables; readers see the old rows until the switch', async () => {
    await builtAtVersion1();

    // Version 2: during its rebuild, a reader (another connection) still gets generation 1, complete.
    const checks: Array<{ table: string; versions: number[]; rows: number }> = [];
    let readModels: ReadModels | undefined;
    let n = 0;
    const base = streamCounts(2);
    const v2def: ProjectionDefinition = {
      ...base,
      apply(e, lookup) {
        if (readModels && ++n % 400 === 0) {
          const rows = readModels.prepare('stream_counts', (t) => `SELECT version FROM ${t('streams')}`).all() as Array<{ version: number }>;
          checks.push({ table: readModels.table('stream_counts', 'streams'), versions: [...new Set(rows.map((r) => r.version))], rows: rows.length });
        }
        return base.apply(e, lookup);
      },
    };
    const v2 = track(newRunner(store, dataDir, [v2def], { rebuildBatch: 200 }));
    readModels = new ReadModels(v2, 1000);
    await v2.start();
    const progress: RebuildProgress[] = [];
    const result = await v2.rebuild(['stream_counts'], (p) => progress.push(p)); // joins the version rebuild
    expect(checks.length).toBeGreaterThan(3);
    expect(checks.every((c) => c.table === '"rm_stream_counts_g1_streams"' && c.versions.join() === '1' && c.rows === 50)).toBe(true);

    // Switched: generation 2 is active, generation 1 is gone.
    expect(result.generations).toEqual({ stream_counts: 2 });
    expect(readModels.table('stream_counts', 'streams')).toBe('"rm_stream_counts_g2_streams"');
    const rows = readModels.prepare('stream_counts', (t) => `SELECT stream_id, events, version FROM ${t('streams')}`).all() as Array<{ events: number; version: number }>;
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.version === 2 && r.events === 60)).toBe(true);
    expect(tables(v2)).toEqual(['rm_stream_counts_g2_streams']);
    expect(progress.at(-1)).toMatchObject({ done: true, processed: 3000, remaining: { events: 0 } });
    readModels.close();

    // And it is live on the new generation.
    const { position } = await store.appendToStream('s-1', [anEvent(1)], { expectedRevision: 'any' });
    await v2.waitForPosition('stream_counts', position, 2000);
    const after = new ReadModels(v2, 0);
    expect(after.prepare('stream_counts', (t) => `SELECT events FROM ${t('streams')} WHERE stream_id = 's-1'`).get()).toEqual({ events: 61 });
    after.close();
  });

  it('a version whose tables changed is not read from the old tables: queries answer 503 READ_MODEL_NOT_CAUGHT_UP until the new generation switches in', async () => {
    await builtAtVersion1();

    // Version 2 adds a column its queries use (as obligations v3 added `since` and `past`).
    const base = streamCounts(2);
    const streams = base.tables.streams!;
    let readModels: ReadModels | undefined;
    const during: unknown[] = [];
    let n = 0;
    const v2def: ProjectionDefinition = {
      ...base,
      tables: { streams: { ...streams, columns: { ...streams.columns, first_seen: 'TEXT' } } },
      apply(e, lookup) {
        if (readModels && ++n % 500 === 0) {
          during.push(toErrorResponse(catchError(() => readModels!.prepare('stream_counts', (t) => `SELECT first_seen FROM ${t('streams')}`).all())));
        }
        return base.apply(e, lookup);
      },
    };
    const v2 = track(newRunner(store, dataDir, [v2def], { rebuildBatch: 200 }));
    readModels = new ReadModels(v2, 0);
    await v2.start();
    await v2.rebuild(['stream_counts']);
    expect(during.length).toBeGreaterThan(2);
    for (const answer of during) expect(answer).toMatchObject({ status: 503, body: { code: 'READ_MODEL_NOT_CAUGHT_UP' } });
    expect(readModels.prepare('stream_counts', (t) => `SELECT first_seen FROM ${t('streams')}`).all()).toHaveLength(50);
    readModels.close();
  });

  it('a requested rebuild runs beside the live generation, which keeps serving new events, then switches', async () => {
    await appendBulk(store, 10_000, 40);
    const runner = track(newRunner(store, dataDir, [streamCounts()], { rebuildBatch: 100 }));
    await runner.start();
    await runner.rebuild(['stream_counts']);
    const readModels = new ReadModels(runner, 2000);
    const liveCount = () => (readModels.prepare('stream_counts', (t) => `SELECT events FROM ${t('streams')} WHERE stream_id = ?`).get('s-live') as { events: number }).events;

    // While the rebuild runs, commands keep coming and read-your-writes keeps working (on generation 1).
    let finished = false;
    const rebuilding = runner.rebuild(['stream_counts']).finally(() => (finished = true));
    const seenTables = new Set<string>();
    let appended = 0;
    while (!finished) {
      const { position } = await store.appendToStream('s-live', [anEvent(appended++)], { expectedRevision: 'any' });
      await readModels.caughtUp('stream_counts', position);
      if (!finished) seenTables.add(readModels.table('stream_counts', 'streams'));
      expect(liveCount()).toBe(appended);
    }
    await rebuilding;
    expect(seenTables).toEqual(new Set(['"rm_stream_counts_g1_streams"']));
    expect(appended).toBeGreaterThan(1);
    expect(readModels.table('stream_counts', 'streams')).toBe('"rm_stream_counts_g2_streams"');

    await readModels.caughtUp('stream_counts', await store.headPosition());
    expect(liveCount()).toBe(appended);
    const rows = readModels.prepare('stream_counts', (t) => `SELECT stream_id, events FROM ${t('streams')}`).all() as Array<{ stream_id: string; events: number }>;
    expect(rows.filter((r) => r.stream_id !== 's-live').every((r) => r.events === 250)).toBe(true);
    readModels.close();
  });

  it('a rebuild equals the live-built model (same rows, fresh tables)', async () => {
    const runner = track(newRunner(store, dataDir, [streamCounts()]));
    await runner.start();
    await appendBulk(store, 2500, 33);
    await runner.waitForPosition('stream_counts', await store.headPosition(), 5000);
    const liveRows = sortBy('stream_id')(rowsOf(runner.file, 'rm_stream_counts_g1_streams'));
    await runner.rebuild('all');
    expect(sortBy('stream_id')(rowsOf(runner.file, 'rm_stream_counts_g2_streams'))).toEqual(liveRows);
  });
});
