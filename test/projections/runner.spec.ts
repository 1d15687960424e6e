import Database from 'better-sqlite3';
import { join } from 'node:path';
import { encodePosition } from '../../src/event-store/sqlite/positions';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { toErrorResponse } from '../../src/http/error-mapping';
import type { ProjectionDefinition } from '../../projections/projection';
import type { ProjectionRunner } from '../../src/projections/projection-runner';
import { MinPositionAheadError, ReadModelNotCaughtUpError } from '../../src/projections/read-model-errors';
import { ReadModels } from '../../src/projections/read-models';
import { anEvent } from '../support/events';
import { appendBulk, appendSpread, eventsFile, newRunner, openStore, poisoned, rowsOf, streamCounts, tally, tempDir } from './support/test-projections';

describe('projection runner', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  const runners: ProjectionRunner[] = [];
  const file = () => join(dataDir, 'read-models.sqlite');

  beforeEach(() => {
    dataDir = tempDir();
    store = openStore(dataDir);
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
    await store.close();
  });
  const track = (r: ProjectionRunner) => (runners.push(r), r);

  it('catches up from its checkpoint, then applies live appends without waiting for a full batch', async () => {
    await appendBulk(store, 1200, 10);
    const runner = track(newRunner(store, dataDir, [streamCounts(), tally()]));
    await runner.start();
    await runner.waitForPosition('all', await store.headPosition(), 10_000);

    const readModels = new ReadModels(runner, 1000);
    const counts = readModels.prepare('stream_counts', (t) => `SELECT stream_id, events FROM ${t('streams')} ORDER BY stream_id`).all();
    expect(counts).toHaveLength(10);
    expect(counts.every((r) => (r as { events: number }).events === 120)).toBe(true);

    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const { position } = await store.appendToStream('s-0', [anEvent(9000 + i)], { expectedRevision: 'any' });
      await runner.waitForPosition('all', position, 2000);
      expect(Date.now() - started).toBeLessThan(500); // a live event is not held back to fill a batch
    }
    const total = readModels.prepare('tally', (t) => `SELECT applied FROM ${t('total')}`).get() as { applied: number };
    expect(total.applied).toBe(1205);
    expect(readModels.prepare('stream_counts', (t) => `SELECT events FROM ${t('streams')} WHERE stream_id = 's-0'`).get()).toEqual({ events: 125 });
    readModels.close();
  });

  it('commits each batch of rows together with its checkpoint', async () => {
    await appendBulk(store, 3000, 7);
    // Inside the handler, another connection sees only committed state: rows and checkpoint must agree.
    const observed: Array<{ checkpoint: number; applied: number }> = [];
    let observer: Database.Database | undefined;
    let n = 0;
    const runner = track(
      newRunner(store, dataDir, [tally(() => {
        if (++n % 97 !== 0) return;
        observer ??= new Database(file(), { readonly: true });
        const g = observer.prepare("SELECT generation, checkpoint FROM projection_generations WHERE name = 'tally'").get() as { generation: number; checkpoint: string };
        const total = observer.prepare(`SELECT applied FROM rm_tally_g${g.generation}_total`).get() as { applied: number } | undefined;
        observed.push({ checkpoint: Number(g.checkpoint || 0), applied: total?.applied ?? 0 });
      })], { rebuildBatch: 500 }),
    );
    await runner.start();
    await runner.rebuild(['tally']); // joins the initial build
    observer?.close();

    expect(observed.length).toBeGreaterThan(20);
    for (const o of observed) {
      expect(o.applied).toBe(o.checkpoint);
      expect(o.checkpoint % 500).toBe(0); // batches of 500, never a partial one
    }
    expect(new Set(observed.map((o) => o.checkpoint)).size).toBeGreaterThan(3);
  });

  it('stops a failing projection at the event, records why, and keeps the others running', async () => {
    const runner = track(newRunner(store, dataDir, [poisoned(), streamCounts(), tally()]));
    await runner.start(); // empty store: every projection is live at once
    await appendSpread(store, 100, 5);
    const { position: poison } = await store.appendToStream('s-x', [anEvent(100, { type: 'test.poison' })], { expectedRevision: 'any' });
    await appendSpread(store, 50, 5, 101);
    const head = await store.headPosition();
    await runner.waitForPosition(['stream_counts', 'tally'], head, 10_000);

    const failure = await runner.waitForPosition('poisoned', head, 10_000).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ReadModelNotCaughtUpError);
    expect((failure as ReadModelNotCaughtUpError).details).toMatchObject({ reason: 'failed', projection: 'poisoned', minPosition: head });

    const status = (await runner.status()).find((s) => s.name === 'poisoned')!;
    expect(status.state).toBe('failed');
    expect(status.failure).toMatchObject({ position: poison, eventType: 'test.poison' });
    expect(status.failure!.error).toContain('毒事件 poison 100');
    expect(status.active!.checkpoint).toBe(encodePosition(Number(poison) - 1));
    expect(status.active!.lag.events).toBe(51);
    const seen = () => rowsOf(file(), `rm_poisoned_g${status.active!.generation}_seen`);
    expect(seen()).toHaveLength(100);

    // The others went past it, and keep following live appends.
    const { position } = await store.appendToStream('s-0', [anEvent(500)], { expectedRevision: 'any' });
    await runner.waitForPosition(['stream_counts', 'tally'], position, 2000);
    expect((await runner.status()).find((s) => s.name === 'tally')!.state).toBe('running');

    // A restart retries it from its checkpoint: it fails again at the same event, nothing doubled.
    await runner.stop();
    const again = track(newRunner(store, dataDir, [poisoned(), streamCounts(), tally()]));
    await again.start();
    await expect(again.waitForPosition('poisoned', position, 5000)).rejects.toThrow(ReadModelNotCaughtUpError);
    const after = (await again.status()).find((s) => s.name === 'poisoned')!;
    expect(after.failure).toMatchObject({ position: poison, eventType: 'test.poison' });
    expect(seen()).toHaveLength(100);
  });

  it('a build that fails keeps the events before the poison (same batch) and says where it stopped', async () => {
    await appendSpread(store, 100, 5);
    const { position: poison } = await store.appendToStream('s-x', [anEvent(100, { type: 'test.poison' })], { expectedRevision: 'any' });
    await appendSpread(store, 50, 5, 101);
    const runner = track(newRunner(store, dataDir, [poisoned(), tally()]));
    await runner.start();
    await expect(runner.rebuild(['poisoned'])).rejects.toThrow(/poisoned: .*毒事件 poison 100/);
    await expect(runner.rebuild(['tally'])).resolves.toMatchObject({ projections: ['tally'] });

    const status = (await runner.status()).find((s) => s.name === 'poisoned')!;
    expect(status.state).toBe('not_built');
    expect(status.rebuild).toMatchObject({ state: 'failed', checkpoint: encodePosition(Number(poison) - 1) });
    expect(status.failure).toMatchObject({ position: poison, eventType: 'test.poison' });
    expect(rowsOf(file(), `rm_poisoned_g${status.rebuild!.generation}_seen`)).toHaveLength(100);
    await expect(runner.waitForPosition('poisoned', poison, 5000)).rejects.toMatchObject({ details: { reason: 'failed', checkpoint: null } });
  });

  it('resumes from the checkpoint after a restart: nothing applied twice, nothing replayed', async () => {
    await appendBulk(store, 1000, 13);
    const first = track(newRunner(store, dataDir, [tally()]));
    await first.start();
    await first.rebuild(['tally']);
    await first.stop();

    await appendBulk(store, 500, 13);
    let applied = 0;
    const second = track(newRunner(store, dataDir, [tally(() => applied++)]));
    await second.start();
    await second.waitForPosition('tally', await store.headPosition(), 10_000);
    expect(applied).toBe(500);

    const rows = new ReadModels(second, 1000);
    const total = rows.prepare('tally', (t) => `SELECT applied FROM ${t('total')}`).get() as { applied: number };
    expect(total.applied).toBe(1500);
    for (const r of rows.prepare('tally', (t) => `SELECT applied, positions FROM ${t('per_stream')}`).all() as Array<{ applied: number; positions: string }>) {
      const positions = r.positions.split(',').filter(Boolean);
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions).toHaveLength(r.applied);
    }
    rows.close();
  });

  it('resumes generations that stopped at different checkpoints from the lowest one', async () => {
    const both = () => [streamCounts(), tally()];
    const first = track(newRunner(store, dataDir, both()));
    await first.start();
    await appendBulk(store, 500, 9);
    await first.waitForPosition('all', await store.headPosition(), 5000);
    await first.stop();
    // Only stream_counts runs while 300 more events arrive: tally stays 300 behind.
    const one = track(newRunner(store, dataDir, [streamCounts()]));
    await one.start();
    await appendBulk(store, 300, 9);
    await one.waitForPosition('stream_counts', await store.headPosition(), 5000);
    await one.stop();

    const again = track(newRunner(store, dataDir, both()));
    await again.start();
    await again.waitForPosition('all', await store.headPosition(), 5000);
    const total = rowsOf(file(), 'rm_tally_g1_total');
    expect(total).toEqual([{ id: 'all', applied: 800 }]);
  });

  it('skips event types a projection does not read, but still moves its checkpoint', async () => {
    await appendSpread(store, 10, 2);
    const { position } = await store.appendToStream('s-n', [anEvent(10, { type: 'test.noise' })], { expectedRevision: 'any' });
    const runner = track(newRunner(store, dataDir, [tally()]));
    await runner.start();
    await runner.waitForPosition('tally', position, 5000);
    const status = (await runner.status())[0]!;
    expect(status.active!.checkpoint).toBe(position);
    expect(rowsOf(file(), `rm_tally_g${status.active!.generation}_total`)).toEqual([{ id: 'all', applied: 10 }]);
  });

  it('refuses a second runner on the same data dir', async () => {
    track(newRunner(store, dataDir, [tally()])).open();
    expect(() => newRunner(store, dataDir, [tally()]).open()).toThrow(/另一个进程/);
  });

  it('drops what is left of a retired projection when it opens, and leaves other names it does not run alone', async () => {
    await appendSpread(store, 20, 3);
    const removed: ProjectionDefinition = { ...streamCounts(), name: 'history' };
    const first = track(newRunner(store, dataDir, [streamCounts(), removed, tally()]));
    await first.start();
    await first.waitForPosition('all', await store.headPosition(), 5000);
    await first.stop();
    await appendSpread(store, 5, 3, 20);
    const tables = () => {
      const db = new Database(file(), { readonly: true });
      try {
        return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    };
    expect(tables()).toContain('rm_history_g1_streams');

    const second = track(newRunner(store, dataDir, [streamCounts()], { retired: ['history'] }));
    await second.start();
    await second.waitForPosition('stream_counts', await store.headPosition(), 5000);
    expect(tables()).toEqual(['rm_stream_counts_g1_streams', 'rm_tally_g1_per_stream', 'rm_tally_g1_total']);
    const statuses = await second.status();
    expect(statuses.map((s) => [s.name, s.version])).toEqual([
      ['stream_counts', 1],
      ['tally', null], // not run by this runner, not retired: kept, and resumes when run again
    ]);
    await second.stop();
    // Again: nothing left to drop.
    const third = track(newRunner(store, dataDir, [streamCounts()], { retired: ['history'] }));
    third.open();
    expect((await third.status()).map((s) => s.name)).toEqual(['stream_counts', 'tally']);
  });

  it('refuses a projection that is both defined and retired', () => {
    expect(() => newRunner(store, dataDir, [tally()], { retired: ['tally'] }).open()).toThrow(/both defined and retired: tally/);
    // The lock was released: a corrected runner opens.
    track(newRunner(store, dataDir, [tally()])).open();
  });
});

describe('read-your-writes', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let runner: ProjectionRunner;
  let readModels: ReadModels;

  beforeEach(async () => {
    dataDir = tempDir();
    store = openStore(dataDir);
    runner = newRunner(store, dataDir, [streamCounts()]);
    await runner.start();
    readModels = new ReadModels(runner, 300);
  });
  afterEach(async () => {
    readModels.close();
    await runner.stop();
    await store.close();
  });

  it('a query with the position of a command always sees the command', async () => {
    for (let i = 0; i < 30; i++) {
      const { position } = await store.appendToStream(`doc-${i % 3}`, [anEvent(i)], { expectedRevision: 'any' });
      await readModels.caughtUp('stream_counts', position);
      const row = readModels.prepare('stream_counts', (t) => `SELECT events FROM ${t('streams')} WHERE stream_id = ?`).get(`doc-${i % 3}`);
      expect(row).toEqual({ events: Math.floor(i / 3) + 1 });
    }
  });

  it('without a minPosition it does not wait', async () => {
    await expect(readModels.caughtUp('stream_counts', undefined)).resolves.toBeUndefined();
  });

  it('times out with READ_MODEL_NOT_CAUGHT_UP, the position and the lag, answered as 503', async () => {
    // Another process writes five events; this runner's store would see them only at its next
    // poll (a minute away), so they are in the store but not in the read model.
    const slowDir = tempDir();
    const slowStore = new SqliteEventStore({ file: eventsFile(slowDir), synchronous: 'NORMAL', pollIntervalMs: 60_000 });
    const otherProcess = openStore(slowDir);
    const slowRunner = newRunner(slowStore, slowDir, [streamCounts()]);
    const slowModels = new ReadModels(slowRunner, 300);
    try {
      await slowRunner.start();
      const { position } = await slowStore.appendToStream('doc', [anEvent(1)], { expectedRevision: 'any' });
      await slowModels.caughtUp('stream_counts', position);
      const written = await appendSpread(otherProcess, 5, 1, 2);
      expect(written).toBe(encodePosition(Number(position) + 5));
      const started = Date.now();
      const error = (await slowModels.caughtUp('stream_counts', written).catch((e: unknown) => e)) as ReadModelNotCaughtUpError;
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(error).toBeInstanceOf(ReadModelNotCaughtUpError);
      expect(error.code).toBe('READ_MODEL_NOT_CAUGHT_UP');
      expect(error.details).toMatchObject({ projection: 'stream_counts', minPosition: written, checkpoint: position, lag: '5', reason: 'timeout' });
      expect(error.message).toContain(written);
      expect(error.message).toContain('还差 5 个事件');

      const { status, body } = toErrorResponse(error);
      expect(status).toBe(503);
      expect(body).toMatchObject({ code: 'READ_MODEL_NOT_CAUGHT_UP', details: { minPosition: written, lag: '5' } });
    } finally {
      slowModels.close();
      await slowRunner.stop();
      await otherProcess.close();
      await slowStore.close();
    }
  });

  it('a position beyond the store\'s last event is refused at once with MIN_POSITION_AHEAD (400): no command returned it', async () => {
    const { position } = await store.appendToStream('doc', [anEvent(1)], { expectedRevision: 'any' });
    const ahead = encodePosition(Number(position) + 5);
    const started = Date.now();
    const error = (await readModels.caughtUp('stream_counts', ahead).catch((e: unknown) => e)) as MinPositionAheadError;
    expect(Date.now() - started).toBeLessThan(250); // the timeout is 300 ms: it did not wait
    expect(error).toBeInstanceOf(MinPositionAheadError);
    expect(error.details).toEqual({ minPosition: ahead, head: position });
    const { status, body } = toErrorResponse(error);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'MIN_POSITION_AHEAD', details: { minPosition: ahead, head: position } });
    expect(body.message).toContain(`minPosition ${ahead} 超出事件存储的最后位置 ${position}`);
    // The head itself, and anything before it, is read as before.
    await expect(readModels.caughtUp('stream_counts', position)).resolves.toBeUndefined();
  });

  it('an unknown projection is a programming error, not a timeout', async () => {
    await expect(readModels.caughtUp('nope', '0000000000000001')).rejects.toThrow(/unknown projection "nope"/);
  });
});
