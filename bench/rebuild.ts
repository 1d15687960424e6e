/**
 * bench:rebuild — rebuild every projection from a generated 1M-event scenario and compare with
 * the floor: raw better-sqlite3 read-all + JSON.parse of the same file.
 *
 *   npm run bench:rebuild                      # 1,000,000 events
 *   npm run bench:rebuild -- --events 200000   # smaller while iterating
 *
 * The scenario is generated once (in a child process, so its memory does not count) and
 * cached under $TMPDIR/gongwen-bench. Projections: ALL_PROJECTIONS from projections/index.ts
 * when it exists, else the sample set below (document-like, with lookups and deletes).
 * `npm run bench:rebuild` builds first and runs the compiled JS, so the TypeScript compiler
 * is not in the measured process (it alone would add ~100 MB of RSS).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change, ProjectionDefinition } from '../projections/projection';
import { ProgressBar } from '../src/cli/commands/projections-progress';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { openEventDatabase } from '../src/event-store/sqlite/schema';
import { loadAllProjections } from '../src/projections/load-all-projections';
import { ProjectionRunner } from '../src/projections/projection-runner';

const GOALS = { eventsPerSecond: 100_000, ratioOfRaw: 0.5, rssMb: 300 };

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--events') ?? process.env.BENCH_EVENTS ?? 1_000_000);
const STREAMS = Math.max(1, Math.round(N / 10));
// Bump the version when the generator changes, so a stale cached file is not reused.
const scenario = join(tmpdir(), 'gongwen-bench', `rebuild-v3-${N}.sqlite`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------- scenario (child process)

const UNITS = ['zjg-gov-office', 'zjg-dev-reform', 'zjg-finance', 'zjg-education', 'zjg-health', 'zjg-housing', 'zjg-transport', 'zjg-agri', 'zjg-water', 'zjg-culture', 'zjg-ecology', 'zjg-market'];
const LEADERS = ['市长', '常务副市长', '副市长甲', '副市长乙', '副市长丙', '秘书长'];
const KINDS = ['请示', '报告', '函', '意见', '通知', '纪要'];
/** A document's life; a stream's nth event has the nth type (the last ones repeat). */
const LIFE = ['document.submitted', 'document.registered', 'document.assigned', 'opinion.requested', 'opinion.given', 'progress.reported', 'document.urged', 'extension.requested', 'extension.decided', 'document.completed', 'document.archived'];

function generate(file: string, count: number, streams: number): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const db = new Database(tmp);
  openEventDatabase(db, 'OFF');
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)');
  const head = db.prepare('INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position');
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const revisions = new Int32Array(streams).fill(-1);
  const start = Date.parse('2026-01-05T01:00:00.000Z');
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = Math.floor(rnd() * streams);
      const revision = ++revisions[s]!;
      const docId = `doc-${s.toString(36).padStart(6, '0')}`;
      const type = LIFE[Math.min(revision, LIFE.length - 1)]!;
      const at = new Date(start + i * 30_000).toISOString();
      const unit = UNITS[s % UNITS.length]!;
      const data = {
        documentId: docId,
        title: `关于${pick(['加快推进', '进一步加强', '做好', '开展'])}${pick(['城乡建设', '安全生产', '营商环境', '河道整治', '民生实事'])}工作的${KINDS[s % KINDS.length]}`,
        unit,
        leader: LEADERS[s % LEADERS.length],
        kind: KINDS[s % KINDS.length],
        handlingClass: pick(['A', 'B', 'C']),
        dueAt: new Date(start + i * 30_000 + 10 * 86_400_000).toISOString(),
      };
      const metadata = {
        actor: { id: `user-${Math.floor(rnd() * 500)}`, name: '王文书' },
        unit,
        role: 'office_clerk',
        commandId: `cmd-${i}`,
        correlationId: `corr-${s}`,
        causationId: `cmd-${i}`,
        prevHash: 'a3f1'.repeat(16),
        hash: 'b7c2'.repeat(16),
      };
      const info = insert.run(docId, revision, `evt-${i.toString(36)}`, type, JSON.stringify(data), JSON.stringify(metadata), at);
      head.run(docId, revision, info.lastInsertRowid);
    }
  });
  for (let from = 0; from < count; from += 20_000) batch(from, Math.min(count, from + 20_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
}

// ---------------------------------------------------------------- sample projections

type Data = { documentId: string; title: string; unit: string; leader: string; kind: string; dueAt: string };

const documents: ProjectionDefinition = {
  name: 'bench_documents',
  version: 1,
  description: 'one row per document: title, unit, status, last change',
  tables: {
    documents: {
      columns: { doc_id: 'TEXT', title: 'TEXT', unit: 'TEXT', kind: 'TEXT', status: 'TEXT', revision: 'INTEGER', updated_at: 'TEXT' },
      primaryKey: ['doc_id'],
      indexes: [['unit', 'status']],
    },
  },
  apply(e): Change[] {
    const d = e.data as Data;
    if (e.type === 'document.submitted') {
      return [{ op: 'upsert', table: 'documents', row: { doc_id: e.streamId, title: d.title, unit: d.unit, kind: d.kind, status: 'submitted', revision: e.revision, updated_at: e.recordedAt } }];
    }
    return [{ op: 'patch', table: 'documents', key: { doc_id: e.streamId }, set: { status: e.type.split('.')[1]!, revision: e.revision, updated_at: e.recordedAt } }];
  },
};

const obligations: ProjectionDefinition = {
  name: 'bench_obligations',
  version: 1,
  description: 'open obligations: opened by assignment/requests, closed when fulfilled',
  tables: {
    open: {
      columns: { doc_id: 'TEXT', kind: 'TEXT', unit: 'TEXT', leader: 'TEXT', due_at: 'TEXT' },
      primaryKey: ['doc_id', 'kind'],
      indexes: [['due_at'], ['unit', 'due_at']],
    },
  },
  eventTypes: ['document.assigned', 'opinion.requested', 'opinion.given', 'extension.requested', 'extension.decided', 'document.completed'],
  apply(e): Change[] {
    const d = e.data as Data;
    const open = (kind: string): Change => ({ op: 'upsert', table: 'open', row: { doc_id: e.streamId, kind, unit: d.unit, leader: d.leader, due_at: d.dueAt } });
    const close = (kind: string): Change => ({ op: 'delete', table: 'open', key: { doc_id: e.streamId, kind } });
    switch (e.type) {
      case 'document.assigned': return [open('办结')];
      case 'opinion.requested': return [open('意见')];
      case 'opinion.given': return [close('意见')];
      case 'extension.requested': return [open('延期审批')];
      case 'extension.decided': return [close('延期审批'), { op: 'patch', table: 'open', key: { doc_id: e.streamId, kind: '办结' }, set: { due_at: d.dueAt } }];
      default: return [close('办结')];
    }
  },
};

const unitMonths: ProjectionDefinition = {
  name: 'bench_unit_months',
  version: 1,
  description: 'per unit and month: events, assignments, completions (read-modify-write through lookup)',
  tables: {
    unit_months: {
      columns: { unit: 'TEXT', month: 'TEXT', events: 'INTEGER NOT NULL', assigned: 'INTEGER NOT NULL', completed: 'INTEGER NOT NULL' },
      primaryKey: ['unit', 'month'],
    },
  },
  apply(e, lookup): Change[] {
    const key = { unit: (e.data as Data).unit, month: e.recordedAt.slice(0, 7) };
    const row = lookup.get('unit_months', key);
    return [{
      op: 'upsert',
      table: 'unit_months',
      row: {
        ...key,
        events: Number(row?.events ?? 0) + 1,
        assigned: Number(row?.assigned ?? 0) + (e.type === 'document.assigned' ? 1 : 0),
        completed: Number(row?.completed ?? 0) + (e.type === 'document.completed' ? 1 : 0),
      },
    }];
  },
};

const SAMPLE = [documents, obligations, unitMonths];

/** Writes nothing: what the runner itself costs on top of reading and parsing. */
const NOOP: ProjectionDefinition = {
  name: 'bench_noop',
  version: 1,
  description: 'no rows (runner floor)',
  tables: { nothing: { columns: { k: 'TEXT' }, primaryKey: ['k'] } },
  apply: () => [],
};

// ---------------------------------------------------------------- measurement

function rawReadAll(file: string): { events: number; seconds: number } {
  const db = new Database(file, { readonly: true });
  const started = process.hrtime.bigint();
  let events = 0;
  const rows = db.prepare('SELECT position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at FROM events ORDER BY position');
  for (const row of rows.iterate() as IterableIterator<{ data: string; metadata: string }>) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    events++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { events, seconds };
}

async function rebuildAll(file: string, definitions: ProjectionDefinition[]): Promise<{ seconds: number; events: number; peakRss: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-rm-'));
  const store = new SqliteEventStore({ file });
  const runner = new ProjectionRunner({ store, dataDir: dir, definitions, retireGraceMs: 0, rebuildRequestPollMs: 0 });
  runner.open();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const bar = new ProgressBar();
  const started = process.hrtime.bigint();
  const result = await runner.rebuild('all', (p) =>
    bar.update({ label: 'rebuild', done: p.processed, remaining: p.remaining.events, eventsPerSecond: p.eventsPerSecond, etaSeconds: p.etaSeconds }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  bar.finish('');
  await runner.stop();
  await store.close();
  return { seconds, events: result.events, peakRss, dir };
}

async function main(): Promise<void> {
  if (process.argv.includes('--generate')) return generate(scenario, N, STREAMS);
  if (!existsSync(scenario)) {
    process.stderr.write(`generating ${fmt(N)} events over ${fmt(STREAMS)} streams → ${scenario}\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--generate', '--events', String(N)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error('scenario generation failed');
  }
  const loaded = loadAllProjections();
  const definitions = loaded.length > 0 ? loaded : SAMPLE;
  const probe = new Database(scenario, { readonly: true });
  const { bytes } = probe.prepare('SELECT AVG(LENGTH(CAST(data AS BLOB)) + LENGTH(CAST(metadata AS BLOB))) AS bytes FROM events').get() as { bytes: number };
  probe.close();

  process.stdout.write(
    `bench:rebuild — ${fmt(N)} events, ${fmt(STREAMS)} streams, ~${Math.round(bytes)} B/event (data + metadata JSON), file ${fmt(statSync(scenario).size / 1e6)} MB\n` +
      `projections (${loaded.length > 0 ? 'ALL_PROJECTIONS' : 'sample set; projections/index.ts has none yet'}): ${definitions.map((d) => d.name).join(', ')}\n`,
  );
  // Warm cache; raw is measured before and after the rebuilds and the best is kept (the
  // conservative choice for the ratio, on a machine whose load varies).
  const raws = [rawReadAll(scenario), rawReadAll(scenario)];
  const floor = await rebuildAll(scenario, [NOOP]);
  rmSync(floor.dir, { recursive: true, force: true });
  const rebuild = await rebuildAll(scenario, definitions);
  raws.push(rawReadAll(scenario));
  const raw = raws.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const rawRate = raw.events / raw.seconds;
  const rate = rebuild.events / rebuild.seconds;
  const ratio = rate / rawRate;
  const rssMb = Math.max(rebuild.peakRss, process.resourceUsage().maxRSS * 1024) / 1024 / 1024;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  process.stdout.write(
    [
      `raw read-all + JSON.parse   ${fmt(rawRate).padStart(10)} events/s  (${raw.seconds.toFixed(2)} s, best of ${raws.length})`,
      `runner floor (no-op)        ${fmt(floor.events / floor.seconds).padStart(10)} events/s  (${floor.seconds.toFixed(2)} s)  ${((floor.events / floor.seconds / rawRate) * 100).toFixed(0)} % of raw: subscription, batching, transactions`,
      `rebuild, all projections    ${fmt(rate).padStart(10)} events/s  (${rebuild.seconds.toFixed(2)} s)  ${mark(rate >= GOALS.eventsPerSecond)} goal ≥ ${fmt(GOALS.eventsPerSecond)}`,
      `rebuild / raw               ${(ratio * 100).toFixed(1).padStart(9)} %           ${mark(ratio >= GOALS.ratioOfRaw)} goal ≥ ${GOALS.ratioOfRaw * 100} %`,
      `peak RSS                    ${rssMb.toFixed(0).padStart(9)} MB          ${mark(rssMb <= GOALS.rssMb)} goal ≤ ${GOALS.rssMb} MB`,
      '',
    ].join('\n'),
  );
  rmSync(rebuild.dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
