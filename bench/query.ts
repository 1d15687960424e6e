/**
 * bench:query — the 督查室's overdue query at 1M documents (~100k open obligations), against a
 * hand-written indexed SQLite query over the same table, p50/p99 side by side in one run.
 *
 *   npm run bench:query                          # 1,000,000 documents
 *   npm run bench:query -- --documents 200000    # smaller while iterating
 *
 * The scenario (realistic 收文/交办 events: 报文, 交办 with its 第四十七条 deadline from the real
 * calendar, and 办结 or 提出意见 for most) and its obligations read model, built by the real
 * runner, are cached under $TMPDIR/gongwen-bench. "Ours" is ObligationsService.page: the SQL
 * plus what the API adds (labels, 分管领导, working days overdue by the calendar). The two
 * "as of … earlier" cases read the versions valid then (open rows and ended versions).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { obligationsProjection } from '../projections/obligations.projection';
import type { ProjectionDefinition } from '../projections/projection';
import { loadWorkingCalendar } from '../src/calendar/calendar-loader';
import { deadlineFor, type HandlingClass } from '../src/calendar/deadline-policy';
import { ProgressBar } from '../src/cli/commands/projections-progress';
import { loadDirectory } from '../src/directory/directory-loader';
import { openEventDatabase } from '../src/event-store/sqlite/schema';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../src/projections/projection-runner';
import { ReadModels } from '../src/projections/read-models';
import { ObligationsService } from '../src/queries/obligations/obligations.service';
import type { ObligationQuery } from '../src/queries/obligations/obligation-query';
import { SummaryService } from '../src/queries/summary/summary.service';

const GOALS = { p99Ms: 5, ratio: 2 };
/** "Now" of the scenario: Monday 2026-11-30 09:00 Beijing. */
export const BENCH_NOW = '2026-11-30T01:00:00.000Z';
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

// ------------------------------------------------------------------ scenario

const CLASSES: Array<[HandlingClass, number]> = [['own_authority', 0.7], ['needs_approval', 0.1], ['lead_with_consultation', 0.1], ['needs_investigation', 0.1]];
const DAY = 86_400_000;

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `documents` 收文 over 2025-01 … 2026-11, in time order: 报文 and 交办 each, and 办结 (or
 * 提出意见) for ~96 % of the older ones and ~15 % of the last 45 days. Returns the event count.
 */
export function generateDocuments(file: string, documents: number, seed = 42): number {
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const db = new Database(tmp);
  openEventDatabase(db, 'OFF');
  const calendar = loadWorkingCalendar();
  const directory = loadDirectory();
  const units = directory.units().filter((u) => directory.isSubmittingUnit(u.code)).map((u) => u.code);
  const random = prng(seed);
  const insert = db.prepare('INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)');
  const head = db.prepare('INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position');
  const start = Date.parse('2025-01-02T01:00:00.000Z');
  const end = Date.parse(BENCH_NOW) - DAY;
  const step = (end - start) / documents;
  let events = 0;
  const write = (streamId: string, revision: number, type: string, data: object, unit: string, role: string, at: number) => {
    const metadata = { actor: { id: `${role}-1`, name: role === 'office_clerk' ? '文电科工作人员' : '经办人' }, unit, role, commandId: `c-${events}`, correlationId: `c-${events}`, causationId: `c-${events}`, prevHash: 'a3f1'.repeat(16), hash: 'b7c2'.repeat(16) };
    const info = insert.run(streamId, revision, `e-${events++}`, type, JSON.stringify(data), JSON.stringify(metadata), new Date(at).toISOString());
    head.run(streamId, revision, info.lastInsertRowid);
  };
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const streamId = `document-00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const unit = units[Math.floor(random() ** 1.5 * units.length)]!;
      const assignedAt = Math.round(start + i * step);
      const r = random();
      let acc = 0;
      const handlingClass = CLASSES.find(([, p]) => (acc += p) > r)?.[0] ?? 'own_authority';
      const title = `关于${['加快推进', '进一步加强', '做好', '开展'][i % 4]}${['城乡建设', '安全生产', '营商环境', '河道整治', '民生实事'][i % 5]}工作的请示`;
      write(streamId, 0, 'document.submitted', { kind: 'request', title, fromUnit: unit, mainTo: [directory.organCode], copyTo: [], requestItems: ['请同意'], major: false, attempt: 1 }, unit, 'unit_clerk', assignedAt - DAY);
      const iso = new Date(assignedAt).toISOString();
      const { primary, progressExplanation } = deadlineFor({ handlingClass, assignedAt: iso }, calendar);
      write(streamId, 1, 'document.assigned', { mode: 'office_transfer', leadUnit: unit, coUnits: [], handlingClass, assignedAt: iso, deadline: primary, ...(progressExplanation && { progressDeadline: progressExplanation }) }, directory.officeCode, 'office_clerk', assignedAt);
      const recent = end - assignedAt < 45 * DAY;
      if (random() < (recent ? 0.15 : 0.96)) {
        const doneAt = Math.min(end, assignedAt + Math.round((1 + random() * 14) * DAY));
        const onTime = doneAt <= Date.parse(primary.dueAt);
        const opinion = handlingClass === 'needs_approval' || handlingClass === 'lead_with_consultation';
        write(streamId, 2, opinion ? 'document.opinion_submitted' : 'document.completed', { unit, ...(opinion ? { text: '意见' } : { result: '已办结' }), onTime }, unit, 'unit_clerk', doneAt);
      }
    }
  });
  for (let from = 0; from < documents; from += 20_000) batch(from, Math.min(documents, from + 20_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  for (const suffix of ['-wal', '-shm']) rmSync(`${tmp}${suffix}`, { force: true });
  return events;
}

/** Builds the given projections from the scenario with the real runner (progress on stderr). */
export async function buildReadModels(dataDir: string, definitions: ProjectionDefinition[]): Promise<void> {
  const store = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  const runner = new ProjectionRunner({ store, dataDir, definitions, retireGraceMs: 0, rebuildRequestPollMs: 0 });
  const bar = new ProgressBar();
  const result = await runner.rebuild('all', (p) =>
    bar.update({ label: 'build', done: p.processed, remaining: p.remaining.events, eventsPerSecond: p.eventsPerSecond, etaSeconds: p.etaSeconds }),
  );
  bar.finish(`built ${definitions.map((d) => d.name).join(', ')}: ${fmt(result.events)} events in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  await runner.stop();
  await store.close();
}

// ------------------------------------------------------------------ measurement

function percentiles(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

const ms = () => Number(process.hrtime.bigint()) / 1e6;

/** Alternates the two, so drift in machine load hits both alike. */
async function compare(iterations: number, ours: (i: number) => Promise<unknown>, hand: (i: number) => unknown) {
  for (let i = 0; i < Math.min(1000, iterations); i++) {
    await ours(i);
    hand(i);
  }
  // Start each case from a clean heap (set-up garbage is nobody's cost); run with --expose-gc.
  (globalThis as { gc?: () => void }).gc?.();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < iterations; i++) {
    let t = ms();
    await ours(i);
    a.push(ms() - t);
    t = ms();
    hand(i);
    b.push(ms() - t);
  }
  return { ours: percentiles(a), hand: percentiles(b) };
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const documents = Number(arg('--documents') ?? process.env.BENCH_DOCUMENTS ?? 1_000_000);
  const iterations = Number(arg('--iterations') ?? 3000);
  // Bump when the generator or the projection changes, so a stale cache is not reused.
  const dataDir = join(tmpdir(), 'gongwen-bench', `query-v1-p${obligationsProjection.version}-${documents}`);
  const eventsFile = join(dataDir, 'events.sqlite');
  if (!existsSync(join(dataDir, 'read-models.ready'))) {
    rmSync(dataDir, { recursive: true, force: true });
    process.stderr.write(`generating ${fmt(documents)} documents → ${dataDir}\n`);
    const events = generateDocuments(eventsFile, documents);
    process.stderr.write(`${fmt(events)} events\n`);
    await buildReadModels(dataDir, [obligationsProjection]);
    new Database(join(dataDir, 'read-models.ready'), {}).close();
  }

  const store = new SqliteEventStore({ file: eventsFile });
  const runner = new ProjectionRunner({ store, dataDir, definitions: [obligationsProjection], rebuildRequestPollMs: 0 });
  runner.open();
  const readModels = new ReadModels(runner, 1000);
  const calendar = loadWorkingCalendar();
  const directory = loadDirectory();
  const clock = { now: () => new Date(BENCH_NOW) };
  const service = new ObligationsService(readModels, calendar, directory, clock);
  const summary = new SummaryService(readModels, service, directory);
  const open = runner.activeTable('obligations', 'open');
  const dueCounts = runner.activeTable('obligations', 'due_counts');
  const hand = new Database(runner.file, { readonly: true });
  const count = (sql: string, ...p: unknown[]) => (hand.prepare(sql).get(...p) as { n: number }).n;
  const total = count(`SELECT COUNT(*) AS n FROM "${open}"`);
  const overdue = count(`SELECT COUNT(*) AS n FROM "${open}" WHERE due_at < ?`, BENCH_NOW);
  const subjects = count(`SELECT COUNT(*) AS n FROM "${runner.activeTable('obligations', 'subjects')}"`);
  const versions = count(`SELECT COUNT(*) AS n FROM "${runner.activeTable('obligations', 'past')}"`);

  const units = [...new Set((hand.prepare(`SELECT DISTINCT unit FROM "${open}"`).all() as { unit: string }[]).map((r) => r.unit))];
  const leaders = directory.leaderPositions();
  const portfolio = (l: string) => directory.units().filter((u) => directory.portfolioLeaderOf(u.code) === l).map((u) => u.code);
  const dueSoonThrough = service.window(undefined).dueSoonThrough;
  // Cursors into the overdue list, for pages deep inside it.
  const cursors: string[] = [];
  for (let page = await service.page({ view: 'overdue', limit: 500 }, {}); page.nextCursor && cursors.length < 100; page = await service.page({ view: 'overdue', limit: 500, cursor: page.nextCursor }, {})) {
    cursors.push(page.nextCursor);
  }
  const keys = cursors.map((c) => (JSON.parse(Buffer.from(c, 'base64url').toString()) as string[]).slice(1));

  const page = (q: Omit<ObligationQuery, 'limit'>) => service.page({ limit: 50, ...q }, {});
  const sql = (where: string) => hand.prepare(`SELECT * FROM "${open}" WHERE ${where} ORDER BY due_at, stream_id, obligation LIMIT 51`);
  const handOverdue = sql('due_at < ?');
  const handUnit = sql('unit = ? AND due_at < ?');
  const handIn = (n: number) => sql(`unit IN (${Array(n).fill('?').join(',')}) AND due_at < ?`);
  const handAfter = sql('due_at < ? AND (due_at, stream_id, obligation) > (?, ?, ?)');
  const handSoon = sql('due_at >= ? AND due_at <= ?');
  // A past asOf reads the versions valid then (open ones begun by then, ended ones that outlived it).
  const PAST_COLUMNS = 'stream_id, obligation, source, doc_id, title, doc_kind, handling_class, type, unit, owed_by, due_at, due_date, opened_at, detail, urged_at';
  const past = runner.activeTable('obligations', 'past');
  const handPast = hand.prepare(
    `SELECT ${PAST_COLUMNS} FROM "${open}" WHERE due_at < ? AND since <= ? UNION ALL SELECT ${PAST_COLUMNS} FROM "${past}" WHERE timed = 1 AND due_at < ? AND since <= ? AND until > ? ORDER BY due_at, stream_id, obligation LIMIT 51`,
  );
  const weekAgo = new Date(Date.parse(BENCH_NOW) - 7 * DAY).toISOString();
  const monthAgo = new Date(Date.parse(BENCH_NOW) - 29 * DAY).toISOString();
  const handSummary = hand.prepare(`SELECT unit, SUM(due_at < ?) AS red, SUM(due_at >= ? AND due_at <= ?) AS yellow, COUNT(*) AS open FROM "${open}" GROUP BY unit`);

  const cases: Array<[string, (i: number) => Promise<unknown>, (i: number) => unknown, boolean]> = [
    ['overdue, first page (50)', () => page({ view: 'overdue' }), () => handOverdue.all(BENCH_NOW), true],
    ['overdue, deep page (cursor)', (i) => page({ view: 'overdue', cursor: cursors[i % cursors.length] }), (i) => handAfter.all(BENCH_NOW, ...keys[i % keys.length]!), false],
    ['overdue, one unit', (i) => page({ view: 'overdue', unit: units[i % units.length] }), (i) => handUnit.all(units[i % units.length], BENCH_NOW), false],
    ['overdue, one 分管领导', (i) => page({ view: 'overdue', leader: leaders[i % leaders.length] }), (i) => { const u = portfolio(leaders[i % leaders.length]!); return handIn(u.length).all(...u, BENCH_NOW); }, false],
    ['due within 3 working days', () => page({ view: 'due_soon' }), () => handSoon.all(BENCH_NOW, dueSoonThrough), false],
    ['overdue as of a week earlier', () => page({ view: 'overdue', asOf: weekAgo }), () => handPast.all(weekAgo, weekAgo, weekAgo, weekAgo, weekAgo), false],
    ['overdue as of a month earlier', () => page({ view: 'overdue', asOf: monthAgo }), () => handPast.all(monthAgo, monthAgo, monthAgo, monthAgo, monthAgo), false],
    ['dashboard summary (counters)', () => summary.summary({}, {}), () => handSummary.all(BENCH_NOW, BENCH_NOW, dueSoonThrough), false],
  ];

  process.stdout.write(
    `bench:query — ${fmt(subjects)} documents, ${fmt(total)} open obligations, ${fmt(overdue)} overdue as of ${BENCH_NOW}; ${fmt(iterations)} iterations each\n` +
      `${'query'.padEnd(32)} ${'ours p50'.padStart(9)} ${'ours p99'.padStart(9)}   ${'hand p50'.padStart(9)} ${'hand p99'.padStart(9)}   p99 ratio\n`,
  );
  for (const [name, ours, handWritten, goal] of cases) {
    const r = await compare(iterations, ours, handWritten);
    const ratio = r.ours.p99 / r.hand.p99;
    const mark = (ok: boolean) => (ok ? '✓' : '✗');
    process.stdout.write(
      `${name.padEnd(32)} ${r.ours.p50.toFixed(3).padStart(6)} ms ${r.ours.p99.toFixed(3).padStart(6)} ms   ${r.hand.p50.toFixed(3).padStart(6)} ms ${r.hand.p99.toFixed(3).padStart(6)} ms   ${ratio.toFixed(2)}×` +
        (goal ? `   ${mark(r.ours.p99 <= GOALS.p99Ms)} p99 ≤ ${GOALS.p99Ms} ms  ${mark(ratio <= GOALS.ratio)} ≤ ${GOALS.ratio}× hand-written` : '') +
        '\n',
    );
  }
  process.stdout.write(`(hand-written: the same SQL on the same indexed table, rows only; ours adds labels, 分管领导 and working days per row. due-count rows: ${fmt(count(`SELECT COUNT(*) AS n FROM "${dueCounts}"`))}; ended versions: ${fmt(versions)})\n`);
  hand.close();
  readModels.close();
  await runner.stop();
  await store.close();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

