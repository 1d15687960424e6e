/**
 * bench:rebuild — rebuild every projection from a generated 1M-event scenario and compare with
 * the floor: raw better-sqlite3 read-all + JSON.parse of the same file.
 *
 *   npm run bench:rebuild                      # 1,000,000 events
 *   npm run bench:rebuild -- --events 200000   # smaller while iterating
 *   npm run bench:rebuild -- --interleave 20000 # each item's next event 20k events later
 *
 * The generator writes each item's 2–3 events next to each other, so most of an item's events
 * share a batch. In a real log items interleave (a 收文 is submitted, assigned days later,
 * finished weeks later); `--interleave GAP` reorders the same events so that an item's
 * revision r sits about r × GAP positions after its first event (recorded_at unchanged).
 *
 * The scenario is generated once (in a child process, so its memory does not count) and
 * cached under $TMPDIR/gongwen-bench: real 收文 lifecycles from bench/query.ts's generator, so
 * every projection in ALL_PROJECTIONS handles every event.
 * `npm run bench:rebuild` builds first and runs the compiled JS, so the TypeScript compiler
 * is not in the measured process (it alone would add ~100 MB of RSS).
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectionDefinition } from '../projections/projection';
import { ProgressBar } from '../src/cli/commands/projections-progress';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { openEventDatabase } from '../src/event-store/sqlite/schema';
import { loadAllProjections } from '../src/projections/load-all-projections';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { generateDocuments } from './query';

const GOALS = { eventsPerSecond: 100_000, ratioOfRaw: 0.5, rssMb: 300 };

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--events') ?? process.env.BENCH_EVENTS ?? 1_000_000);
// Bump the version when the generator changes, so a stale cached file is not reused.
// Real 收文 lifecycles (the generator bench:query and bench:cold-start use), so every
// projection handles every event: ~2.9 events per document.
const contiguous = join(tmpdir(), 'gongwen-bench', `rebuild-domain-v1-${N}.sqlite`);
const GAP = Number(arg('--interleave') ?? 0);
/** Events per rebuild transaction (the runner's default unless given). */
const BATCH = arg('--batch') ? Number(arg('--batch')) : undefined;
const scenario = GAP > 0 ? contiguous.replace(/\.sqlite$/, `-interleaved-${GAP}.sqlite`) : contiguous;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

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

/** Rebuilds `definitions` from `file` into a fresh read-model dir (the caller removes `dir`). */
export async function rebuildAll(file: string, definitions: ProjectionDefinition[]): Promise<{ seconds: number; events: number; peakRss: number; cpuMicros: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-rm-'));
  const store = new SqliteEventStore({ file });
  const runner = new ProjectionRunner({ store, dataDir: dir, definitions, retireGraceMs: 0, rebuildRequestPollMs: 0, ...(BATCH ? { rebuildBatch: BATCH } : {}) });
  runner.open();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const bar = new ProgressBar();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await runner.rebuild('all', (p) =>
    bar.update({ label: 'rebuild', done: p.processed, remaining: p.remaining.events, eventsPerSecond: p.eventsPerSecond, etaSeconds: p.etaSeconds }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  bar.finish('');
  await runner.stop();
  await store.close();
  return { seconds, events: result.events, peakRss, cpuMicros: used.user + used.system, dir };
}

/** The same events, reordered so items interleave: revision r about r × gap after the item's first event. */
function interleave(from: string, to: string, gap: number): void {
  const tmp = `${to}.tmp`;
  rmSync(tmp, { force: true });
  const db = new Database(tmp);
  openEventDatabase(db, 'OFF');
  db.prepare('ATTACH DATABASE ? AS src').run(from);
  db.exec(`
    INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
      SELECT e.stream_id, e.revision, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at
      FROM src.events e JOIN (SELECT stream_id, MIN(position) AS first FROM src.events GROUP BY stream_id) f USING (stream_id)
      ORDER BY f.first + e.revision * ${Math.floor(gap)}, e.position;
    INSERT INTO streams (stream_id, revision, position) SELECT stream_id, MAX(revision), MAX(position) FROM events GROUP BY stream_id;
  `);
  db.exec('DETACH DATABASE src');
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(tmp, to);
}

async function main(): Promise<void> {
  if (process.argv.includes('--generate')) {
    if (!existsSync(contiguous)) generateDocuments(contiguous, Math.round(N / 2.9));
    if (scenario !== contiguous) interleave(contiguous, scenario, GAP);
    return;
  }
  if (!existsSync(scenario)) {
    process.stderr.write(`generating ~${fmt(N)} events of 收文 lifecycles → ${scenario}\n`);
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--generate', '--events', String(N), '--interleave', String(GAP)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error('scenario generation failed');
  }
  const loaded = loadAllProjections();
  const definitions = loaded;
  const probe = new Database(scenario, { readonly: true });
  const { bytes } = probe.prepare('SELECT AVG(LENGTH(CAST(data AS BLOB)) + LENGTH(CAST(metadata AS BLOB))) AS bytes FROM events').get() as { bytes: number };
  probe.close();

  process.stdout.write(
    `bench:rebuild — ${fmt(N)} events (real 收文 lifecycles, ${GAP > 0 ? `interleaved: next event of an item ~${fmt(GAP)} events later` : 'each item\'s events together'}), ~${Math.round(bytes)} B/event (data + metadata JSON), file ${fmt(statSync(scenario).size / 1e6)} MB\n` +
      `projections (ALL_PROJECTIONS): ${definitions.map((d) => d.name).join(', ')}\n`,
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

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
