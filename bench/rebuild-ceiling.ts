/**
 * bench:rebuild-ceiling — how fast can a rebuild of ALL_PROJECTIONS be on this machine at all?
 * A probe for bench:rebuild's goals (≥100k events/s, ≥50% of raw read-all + JSON.parse), run
 * on the same cached scenario, side by side in one process run:
 *
 *   raw        read-all + JSON.parse (bench:rebuild's baseline), with its CPU per event;
 *   runner     the real rebuild (bench:rebuild's), with its CPU per event;
 *   ideal      a rebuild stripped to the essential work with these projections, one thread: each
 *              item's events (read in stream order) go through the projections' own handlers
 *              against an in-memory lookup of that item's rows, and only the final rows are
 *              written, with plain INSERTs into fresh tables, indexes built at the end. No
 *              runner, no checkpoints, no row cache, no upserts, no reads of rows back;
 *   ideal × 2  the same on two worker threads, each given half of the items (two halves
 *              written to two files, never merged: an upper bound for stream partitioning).
 *
 * The `ideal` path is a measurement, not a second way to rebuild: it skips what the runner
 * must do (crash safety, the live tail, bounded memory for any log order) and would need a
 * merge step. The lower of the two CPU figures per event is the cost of the projections' own
 * work as far as we can make it: two cores give at most 2 / (that CPU per event).
 *
 *   npm run bench:rebuild-ceiling                     # 1,000,000 events (bench:rebuild's file)
 *   npm run bench:rebuild-ceiling -- --events 200000
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '../projections';
import { rebuildAll } from './rebuild';
import type { Change, ProjectionDefinition, ProjectionLookup, Row, TableSchema } from '../projections/projection';
import { COLUMNS, toStoredEvent, type EventRow } from '../src/event-store/sqlite/sqlite-event-store';
import type { StoredEvent } from '../src/event-store/event-store.port';

interface Measured {
  events: number;
  seconds: number;
  cpuMicros: number;
}
interface Part {
  file: string;
  part: number;
  parts: number;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** Items by the last character of their stream id: about even halves for generated ids. */
const partFilter = (p: Part) => (p.parts > 1 ? `WHERE unicode(substr(stream_id, -1)) % ${p.parts} = ${p.part}` : '');

function measure<T>(run: () => T): { result: T; seconds: number; cpuMicros: number } {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = run();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { result, seconds, cpuMicros: used.user + used.system };
}

function rawReadAll(file: string): Measured {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare(`SELECT ${COLUMNS} FROM events ORDER BY position`);
  const { result, seconds, cpuMicros } = measure(() => {
    let n = 0;
    for (const row of rows.iterate() as IterableIterator<{ data: string; metadata: string }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      n++;
    }
    return n;
  });
  db.close();
  return { events: result, seconds, cpuMicros };
}

interface Table {
  def: ProjectionDefinition;
  schema: TableSchema;
  name: string;
  columns: string[];
  /** Keyed by stream_id: its rows belong to one item and are kept only while that item is folded. */
  perItem: boolean;
  insert: Database.Statement;
  rows: Map<string, Row>;
}

/** Folds each item of `p` through every projection and writes only the final rows. */
function idealRebuild(p: Part, out: string): number {
  const db = new Database(out);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -32768');
  const tables = new Map<string, Table>();
  for (const def of ALL_PROJECTIONS) {
    for (const [t, schema] of Object.entries(def.tables)) {
      const name = `${def.name}_${t}`;
      const columns = Object.keys(schema.columns);
      db.exec(`CREATE TABLE ${name} (${columns.map((c) => `"${c}" ${schema.columns[c]}`).join(', ')}, PRIMARY KEY (${schema.primaryKey.join(', ')}))`);
      const insert = db.prepare(`INSERT INTO ${name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      tables.set(`${def.name}.${t}`, { def, schema, name, columns, perItem: schema.primaryKey.includes('stream_id'), insert, rows: new Map() });
    }
  }
  const table = (def: ProjectionDefinition, t: string) => tables.get(`${def.name}.${t}`)!;
  const keyOf = (s: TableSchema, row: Row) => s.primaryKey.map((c) => row[c]).join('\u0001');
  const matches = (row: Row, key: Row) => Object.keys(key).every((k) => row[k] === key[k]);
  const lookup = (def: ProjectionDefinition): ProjectionLookup => ({
    get: (t, key) => {
      const x = table(def, t);
      return x.schema.primaryKey.every((c) => c in key) ? x.rows.get(keyOf(x.schema, key)) : [...x.rows.values()].find((r) => matches(r, key));
    },
    all: (t, key) => [...table(def, t).rows.values()].filter((r) => matches(r, key)),
  });
  const apply = (def: ProjectionDefinition, c: Change) => {
    const x = table(def, c.table);
    const key = keyOf(x.schema, c.op === 'upsert' ? c.row : c.key);
    const was = x.rows.get(key);
    if (c.op === 'upsert') x.rows.set(key, was ? { ...was, ...c.row } : c.row);
    else if (c.op === 'delete') x.rows.delete(key);
    else if (was) x.rows.set(key, { ...was, ...c.set });
  };
  const write = (x: Table) => {
    for (const r of x.rows.values()) x.insert.run(x.columns.map((c) => r[c] ?? null));
    x.rows.clear();
  };
  const handlers = ALL_PROJECTIONS.map((def) => ({ def, types: def.eventTypes && new Set(def.eventTypes), lookup: lookup(def), events: [] as StoredEvent[] }));
  const perItem = [...tables.values()].filter((x) => x.perItem);
  const endItem = () => {
    for (const h of handlers) {
      if (h.events.length === 0) continue;
      const changes = h.def.applyBatch ? h.def.applyBatch(h.events, h.lookup) : h.events.flatMap((e) => h.def.apply(e, h.lookup));
      for (const c of changes) apply(h.def, c);
      h.events = [];
    }
    for (const x of perItem) write(x);
  };
  const source = new Database(p.file, { readonly: true });
  let events = 0;
  let item: string | undefined;
  db.exec('BEGIN');
  for (const r of source.prepare(`SELECT ${COLUMNS} FROM events ${partFilter(p)} ORDER BY stream_id, revision`).iterate() as IterableIterator<EventRow>) {
    if (r.stream_id !== item) {
      if (item !== undefined) endItem();
      item = r.stream_id;
    }
    const e = toStoredEvent(r);
    for (const h of handlers) if (!h.types || h.types.has(e.type)) h.events.push(e);
    if (++events % 2000 === 0) db.exec('COMMIT; BEGIN');
  }
  endItem();
  for (const x of tables.values()) if (!x.perItem) write(x);
  db.exec('COMMIT');
  for (const x of tables.values()) (x.schema.indexes ?? []).forEach((ix, i) => db.exec(`CREATE INDEX ${x.name}_ix${i} ON ${x.name} (${ix.join(', ')})`));
  source.close();
  db.close();
  return events;
}

/** CPU is the whole process's (Node 20 has no per-thread figure): both workers and the idle main thread. */
function inWorkers(file: string, parts: number, dir: string): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const runs = Array.from({ length: parts }, (_, part) =>
    new Promise<number>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { file, part, parts, out: join(dir, `part${part}.sqlite`) } });
      worker.once('message', resolve);
      worker.once('error', reject);
    }),
  );
  return Promise.all(runs).then((done) => {
    const used = process.cpuUsage(cpu);
    return { events: done.reduce((a, d) => a + d, 0), cpuMicros: used.user + used.system, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  });
}

async function main(): Promise<void> {
  const n = Number(arg('--events') ?? 1_000_000);
  const file = join(tmpdir(), 'gongwen-bench', `rebuild-domain-v1-${n}.sqlite`);
  if (!existsSync(file)) {
    const made = spawnSync(process.execPath, [join(__dirname, 'rebuild.js'), '--generate', '--events', String(n)], { stdio: 'inherit' });
    if (made.status !== 0) throw new Error('scenario generation failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-ceiling-'));
  try {
    const raws = [rawReadAll(file), rawReadAll(file)];
    const run = await rebuildAll(file, ALL_PROJECTIONS);
    rmSync(run.dir, { recursive: true, force: true });
    const runner: Measured = { events: run.events, seconds: run.seconds, cpuMicros: run.cpuMicros };
    const one = measure(() => idealRebuild({ file, part: 0, parts: 1 }, join(dir, 'ideal.sqlite')));
    const ideal: Measured = { events: one.result, seconds: one.seconds, cpuMicros: one.cpuMicros };
    const two = await inWorkers(file, 2, dir);
    raws.push(rawReadAll(file));
    const raw = raws.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const rate = (m: Measured) => m.events / m.seconds;
    const cpu = (m: Measured) => m.cpuMicros / m.events;
    const line = (label: string, m: Measured, note = '') =>
      `${label.padEnd(26)} ${fmt(rate(m)).padStart(9)} events/s  ${((rate(m) / rate(raw)) * 100).toFixed(0).padStart(3)} % of raw  ${cpu(m).toFixed(1).padStart(5)} µs CPU/event${note}`;
    const cheapest = Math.min(cpu(runner), cpu(ideal));
    const bound = 2e6 / cheapest;
    process.stdout.write(
      [
        `bench:rebuild-ceiling — ${fmt(raw.events)} events, projections: ${ALL_PROJECTIONS.map((d) => d.name).join(', ')}`,
        line('raw read-all + JSON.parse', raw, `  (best of ${raws.length})`),
        line('runner (bench:rebuild)', runner),
        line('ideal, one thread', ideal),
        line('ideal × 2 worker threads', two, '  (two halves, no merge)'),
        `two cores at ${cheapest.toFixed(1)} µs CPU per event (the cheaper of runner and ideal): at most ${fmt(bound)} events/s = ${((bound / rate(raw)) * 100).toFixed(0)} % of raw (goals: 100,000 events/s, 50 %)`,
        '',
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
} else {
  const p = workerData as Part & { out: string };
  parentPort!.postMessage(idealRebuild(p, p.out));
}
