import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { projectionsCompact } from '../../src/cli/commands/projections-compact';
import { projectionsRebuildCommand } from '../../src/cli/commands/projections-rebuild';
import { projectionsStatusCommand } from '../../src/cli/commands/projections-status';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { ProjectionsHealthIndicator } from '../../src/health/projections.health';
import { AllExceptionsFilter } from '../../src/http/all-exceptions.filter';
import { OwnerLock } from '../../src/projections/owner-lock';
import { openReadOnly, readModelFile, readModelSpace } from '../../src/projections/read-model-database';
import { ProjectionsModule } from '../../src/projections/projections.module';
import { ReadModels } from '../../src/projections/read-models';
import { anEvent } from '../support/events';
import { newRunner, openStore, poisoned, streamCounts, tempDir } from './support/test-projections';
import type { ProjectionDefinition } from '../../projections/projection';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

async function startApp(dataDir: string, definitions: ProjectionDefinition[]): Promise<NestFastifyApplication> {
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN_SECRET: SECRET, LOG_LEVEL: 'silent' });
  // Registered the way a feature module would: ProjectionsModule.forFeature in its imports.
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config), ProjectionsModule.forFeature(definitions)] })
    .setLogger({ log: () => undefined, error: () => undefined, warn: () => undefined })
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

const ready = async (app: NestFastifyApplication) => {
  const res = await app.inject({ method: 'GET', url: '/health/ready' });
  return { status: res.statusCode, body: res.json() as Record<string, Record<string, Record<string, unknown>>> };
};

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Captures what a CLI command prints. */
async function cli(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c) => ((err += String(c)), true));
  try {
    return { code: await run(), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('ProjectionsModule in the app', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
  });

  it('runs registered projections from bootstrap to shutdown, reports them in readiness, resumes without replay', async () => {
    const dataDir = tempDir('gw-proj-app-');
    let applied = 0;
    const counted = streamCounts();
    const countingDef: ProjectionDefinition = { ...counted, apply: (e, l) => (applied++, counted.apply(e, l)) };
    const app = await startApp(dataDir, [countingDef, poisoned()]);
    apps.push(app);

    let health = await ready(app);
    expect(health.status).toBe(200);
    expect(health.body.info!.projections).toMatchObject({ status: 'up', stream_counts: { state: 'running', lag: '0' } });

    // Read-your-writes through the injected ReadModels.
    const store = app.get<EventStore>(EVENT_STORE);
    const { position } = await store.appendToStream('doc-1', [anEvent(1), anEvent(2)], { expectedRevision: 'no_stream' });
    const readModels = app.get(ReadModels);
    await readModels.caughtUp('stream_counts', position);
    expect(readModels.prepare('stream_counts', (t) => `SELECT events FROM ${t('streams')}`).all()).toEqual([{ events: 2 }]);

    // A poison event: readiness goes down, naming the projection, the position and the error.
    const poison = await store.appendToStream('doc-2', [anEvent(3, { type: 'test.poison' })], { expectedRevision: 'no_stream' });
    health = await until(() => ready(app), (h) => h.status === 503);
    expect(health.status).toBe(503);
    // (The app's error filter answers a failed check with its generic 503 body, so look at the indicator.)
    const indicator = (await app.get(ProjectionsHealthIndicator).check()).projections as Record<string, unknown>;
    expect(indicator).toMatchObject({
      status: 'down',
      poisoned: { state: 'failed', failedPosition: poison.position, failedEventType: 'test.poison', lag: '1' },
      stream_counts: { state: 'running', lag: '0' },
    });
    expect((indicator.poisoned as { error: string }).error).toContain('毒事件');

    await app.close();
    expect(OwnerLock.isHeld(dataDir)).toBe(false);

    // The status command (another process's view: the registry) shows the same; exit 1 on a failure.
    process.env.DATA_DIR = dataDir;
    try {
      const status = await cli(() => projectionsStatusCommand(() => [streamCounts(), poisoned()]).run([]));
      expect(status.code).toBe(1);
      expect(status.out).toMatch(/stream_counts\s+v1\s+g1 v1\s+stopped\s+0000000000000003\s+0/);
      expect(status.out).toMatch(/poisoned\s+v1\s+g1 v1\s+failed\s+0000000000000002\s+1\s+test\.poison @ 0000000000000003: .*毒事件/);
      const json = JSON.parse((await cli(() => projectionsStatusCommand(() => [streamCounts()]).run(['--json']))).out);
      expect(json.running).toBe(false);
    } finally {
      delete process.env.DATA_DIR;
    }

    // Cold start: checkpoints persisted, nothing is replayed.
    applied = 0;
    const again = await startApp(dataDir, [countingDef, poisoned()]);
    apps.push(again);
    const more = await again.get<EventStore>(EVENT_STORE).appendToStream('doc-1', [anEvent(4)], { expectedRevision: 1 });
    await again.get(ReadModels).caughtUp('stream_counts', more.position);
    expect(applied).toBe(1);
    await again.close();
  });
});

describe('a data dir from before the history was folded on read', () => {
  it('starts cleanly: the leftover history projection is dropped, readiness and `projections status` do not list it', async () => {
    const dataDir = tempDir('gw-proj-retired-');
    // What an older server left: a `history` generation beside the others, now behind the store.
    const store = openStore(dataDir);
    await store.appendToStream('doc-1', [anEvent(1), anEvent(2)], { expectedRevision: 'no_stream' });
    const old = newRunner(store, dataDir, [streamCounts(), { ...streamCounts(), name: 'history' }]);
    await old.start();
    await old.waitForPosition('all', await store.headPosition(), 5000);
    await old.stop();
    await store.appendToStream('doc-1', [anEvent(3)], { expectedRevision: 1 });
    await store.close();

    // Before the new server has started once, the CLI says what will happen to the leftover.
    process.env.DATA_DIR = dataDir;
    try {
      const before = await cli(() => projectionsStatusCommand(() => [streamCounts()], () => ['history']).run([]));
      expect(before.out).toMatch(/history\s+\(retired: dropped at next server start 下次启动时删除\)\s+g1 v1/);
    } finally {
      delete process.env.DATA_DIR;
    }

    const app = await startApp(dataDir, [streamCounts()]);
    try {
      const health = await until(() => ready(app), (h) => h.status === 200);
      expect(health.status).toBe(200);
      const projections = health.body.info!.projections!;
      expect(projections).toMatchObject({ status: 'up', obligations: { state: 'running' }, performance: { state: 'running' }, stream_counts: { state: 'running' } });
      expect(projections).not.toHaveProperty('history');
      const tables = app.get(ReadModels).db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'rm_history_%'").all();
      expect(tables).toEqual([]);
    } finally {
      await app.close();
    }

    process.env.DATA_DIR = dataDir;
    try {
      const status = await cli(() => projectionsStatusCommand(() => [streamCounts()]).run([]));
      expect(status.code).toBe(0);
      expect(status.out).toMatch(/stream_counts\s+v1\s+g1 v1\s+stopped/);
      expect(status.out).not.toContain('history');
    } finally {
      delete process.env.DATA_DIR;
    }
  });
});

describe('projections rebuild (CLI)', () => {
  const definitions = () => [streamCounts()];

  it('rebuilds in-process when no server holds the read models', async () => {
    const dataDir = tempDir('gw-proj-cli-');
    const store = openStore(dataDir);
    await store.appendToStream('a', [anEvent(1), anEvent(2)], { expectedRevision: 'any' });
    await store.close();
    process.env.DATA_DIR = dataDir;
    try {
      const first = await cli(() => projectionsRebuildCommand(definitions).run([]));
      expect(first).toMatchObject({ code: 0 });
      expect(first.err).toContain('完成 done: stream_counts→g1');
      const second = await cli(() => projectionsRebuildCommand(definitions).run(['stream_counts']));
      expect(second.err).toContain('stream_counts→g2');
      const unknown = await cli(() => projectionsRebuildCommand(definitions).run(['nope']));
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('未知投影 unknown: nope');
    } finally {
      delete process.env.DATA_DIR;
    }
  });

  it('with a server running, asks it through the registry and follows until the switch', async () => {
    const dataDir = tempDir('gw-proj-cli-');
    const store = openStore(dataDir);
    await store.appendToStream('a', [anEvent(1)], { expectedRevision: 'any' });
    const server = newRunner(store, dataDir, definitions(), { rebuildRequestPollMs: 50 });
    await server.start();
    await server.rebuild(['stream_counts']);
    process.env.DATA_DIR = dataDir;
    try {
      const result = await cli(() => projectionsRebuildCommand(definitions).run(['stream_counts']));
      expect(result.err).toContain('读模型正被另一个进程使用');
      expect(result.err).toContain('完成 done: stream_counts→g2');
      expect(result.code).toBe(0);
      expect((await server.status())[0]!.active).toMatchObject({ generation: 2, state: 'running' });
    } finally {
      delete process.env.DATA_DIR;
      await server.stop();
      await store.close();
    }
  });
});

describe('projections compact (CLI)', () => {
  it('gives back the pages a rebuild freed, only while no server holds the read models, and keeps every row', async () => {
    const dataDir = tempDir('gw-proj-compact-');
    const store = openStore(dataDir);
    await store.appendToStream('a', Array.from({ length: 3000 }, (_, i) => anEvent(i)), { expectedRevision: 'no_stream' });
    const definitions = [poisoned()]; // one row per event
    const server = newRunner(store, dataDir, definitions);
    await server.start();
    await server.waitForPosition('all', await store.headPosition(), 5000);
    await server.rebuild('all'); // generation 1's tables are dropped at the switch (no grace period here)
    const space = () => {
      const db = openReadOnly(readModelFile(dataDir));
      try {
        return { ...readModelSpace(db), rows: (db.prepare('SELECT COUNT(*) AS n FROM rm_poisoned_g2_seen').get() as { n: number }).n };
      } finally {
        db.close();
      }
    };
    const before = space();
    expect(before.reclaimableBytes).toBeGreaterThan(0);
    expect(before.rows).toBe(3000);

    process.env.DATA_DIR = dataDir;
    try {
      const refused = await cli(() => projectionsCompact.run([]));
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('读模型正被另一个进程使用');
      expect(refused.err).toContain('请先停止该进程');
      expect(space()).toEqual(before);

      await server.stop();
      const status = await cli(() => projectionsStatusCommand(() => definitions).run([]));
      expect(status.out).toMatch(/读模型文件 read models: [\d.]+ MB,其中 [\d.]+ MB 可回收 reclaimable \(停止服务器后 projections compact\)/);
      const json = JSON.parse((await cli(() => projectionsStatusCommand(() => definitions).run(['--json']))).out);
      expect(json.file).toEqual({ path: readModelFile(dataDir), bytes: before.bytes, reclaimableBytes: before.reclaimableBytes });

      const compacted = await cli(() => projectionsCompact.run([]));
      expect(compacted.code).toBe(0);
      expect(compacted.out).toContain('完成 done');
      const after = space();
      expect(after).toMatchObject({ reclaimableBytes: 0, rows: 3000 });
      // VACUUM also repacks half-full pages, so the file can end below the live pages.
      expect(after.bytes).toBeLessThanOrEqual(before.bytes - before.reclaimableBytes);
      expect(OwnerLock.isHeld(dataDir)).toBe(false);

      const again = await cli(() => projectionsCompact.run([]));
      expect(again).toMatchObject({ code: 0, out: expect.stringContaining('没有可回收的空间') });
    } finally {
      delete process.env.DATA_DIR;
      await server.stop();
      await store.close();
    }
  });
});
