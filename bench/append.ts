/**
 * npm run bench:append — durable append throughput, one table per run.
 * Runs the TypeScript directly (no build): node --require ./test/support/ts-require-hook.js bench/append.ts
 * BENCH_SECONDS (default 5) is each row's total time, split over BENCH_ROUNDS (default 5)
 * interleaved rounds, so that a noisy neighbour's disk or CPU load hits every row alike.
 * BENCH_EVENT_IDS=random measures fully random event ids instead of the product's time-ordered ones.
 * The Emmett peer is installed into bench/peers on first use, never by the product's install.
 */
import { emmettSqlite } from './append/emmett';
import { ourStore } from './append/ours';
import { rawBetterSqlite } from './append/raw';
import { perSecond, RANDOM_IDS, type RowResult, type Session } from './append/workload';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

interface Row {
  name: string;
  session?: Session;
  total: RowResult;
  failure?: string;
}

const CONTENDERS: Array<[string, () => Promise<Session>]> = [
  ['raw better-sqlite3, 1 event/tx', () => rawBetterSqlite(1)],
  ['raw better-sqlite3, 100 events/tx', () => rawBetterSqlite(100)],
  ['our store, 1 writer', () => ourStore(1)],
  ['our store, 64 concurrent writers', () => ourStore(64)],
  ['emmett-sqlite 0.38.5 appendToStream, 1 connection', () => emmettSqlite()],
];

const firstLine = (error: unknown): string => String((error as Error)?.message ?? error).split('\n')[0]!;

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const [name, open] of CONTENDERS) {
    const row: Row = { name, total: { events: 0, seconds: 0 } };
    try {
      row.session = await open();
    } catch (error) {
      row.failure = firstLine(error);
    }
    rows.push(row);
  }
  for (let round = 1; round <= ROUNDS; round++) {
    process.stderr.write(`round ${round}/${ROUNDS}\n`);
    for (const row of rows) {
      if (!row.session || row.failure) continue;
      try {
        const r = await row.session.run(SECONDS / ROUNDS);
        row.total = { events: row.total.events + r.events, seconds: row.total.seconds + r.seconds };
      } catch (error) {
        row.failure = firstLine(error);
      }
    }
  }
  for (const row of rows) await row.session?.close().catch(() => undefined);
  print(rows);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function print(rows: Row[]): void {
  const rate = (i: number): number | undefined => (rows[i]!.failure ? undefined : perSecond(rows[i]!.total));
  const w = Math.max(...rows.map((r) => r.name.length));
  console.log(`\nDurable appends: WAL + synchronous=FULL, ~500 B events, 1 event per append, 10k streams,`);
  console.log(`${SECONDS} s per row in ${ROUNDS} interleaved rounds. Raw rows write our tables (events + streams), no checks.`);
  console.log(`Our store checkpoints the WAL on a background thread; the raw rows and the peer checkpoint in the writer (SQLite's default).`);
  console.log(`Event ids: ${RANDOM_IDS ? 'fully random (BENCH_EVENT_IDS=random), NOT what the product mints' : 'as the product mints them (v7 command id, derived event ids)'}.\n`);
  console.log(`| ${'row'.padEnd(w)} | ${'events'.padStart(9)} | ${'events/s'.padStart(9)} |`);
  console.log(`|${'-'.repeat(w + 2)}|${'-'.repeat(10)}:|${'-'.repeat(10)}:|`);
  rows.forEach((row, i) => {
    const [events, perSec] = row.failure ? ['—', '—'] : [fmt(row.total.events), fmt(rate(i)!)];
    console.log(`| ${row.name.padEnd(w)} | ${events.padStart(9)} | ${perSec.padStart(9)} |${row.failure ? ` did not run: ${row.failure}` : ''}`);
  });
  const [raw100, ours64, emmett] = [rate(1), rate(3), rate(4)];
  const verdict = (value: number | undefined, target: number, shown: (v: number) => string, goal: string) =>
    value === undefined ? 'n/a (a row did not run)' : `${shown(value)}  (goal ${goal}: ${value >= target ? 'met' : 'MISSED'})`;
  const ratio = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : a / b);
  const times = (v: number) => `${v.toFixed(2)}×`;
  console.log('');
  console.log(`ours(64)           = ${verdict(ours64, 25_000, (v) => `${fmt(v)} events/s`, '≥ 25,000 events/s')}`);
  console.log(`ours(64) / emmett  = ${verdict(ratio(ours64, emmett), 25, times, '≥ 25×')}`);
  console.log(`ours(64) / raw-100 = ${verdict(ratio(ours64, raw100), 0.4, times, '≥ 0.40×')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
