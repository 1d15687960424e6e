/**
 * bench:cold-start — time from starting the server to `GET /health/ready` = 200 with 1M events
 * in the store and the read models already built (they persist; nothing is replayed at start).
 *
 *   npm run bench:cold-start                      # ~1,000,000 events
 *   npm run bench:cold-start -- --documents 50000
 *
 * The data directory (events from bench/query.ts's generator, read models built by the runner
 * with ALL_PROJECTIONS) is cached under $TMPDIR/gongwen-bench. The server is the compiled app
 * (dist/src/main.js) in a child process; an empty data directory is timed the same way, to
 * show what start-up costs with no data at all.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutOf } from '../src/projections/physical-tables';
import { loadAllProjections } from '../src/projections/load-all-projections';
import { buildReadModels, generateDocuments } from './query';

const GOAL_SECONDS = 2;
const RUNS = 3;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const ready = (port: number) =>
  new Promise<number>((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/health/ready', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
  });

/** Starts the server on `dataDir`; resolves with seconds to ready, then stops it (SIGTERM). */
async function timeToReady(dataDir: string): Promise<number> {
  const compiled = __filename.endsWith('.js');
  const main = join(__dirname, '..', 'src', compiled ? 'main.js' : 'main.ts');
  const args = compiled ? [main] : ['-r', join(__dirname, '..', 'test', 'support', 'ts-require-hook.js'), main];
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', AUTH_TOKEN_SECRET: 'bench-secret-that-is-long-enough-0123456789' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`server exited before ready:\n${stderr}`);
      if ((await ready(port)) === 200) return Number(process.hrtime.bigint() - started) / 1e9;
      if (Number(process.hrtime.bigint() - started) / 1e9 > 120) throw new Error(`not ready after 120 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (exited ? r(undefined) : child.on('exit', r)));
  }
}

async function main(): Promise<void> {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const documents = Number(arg('--documents') ?? 345_000); // ≈ 1,000,000 events
  const definitions = loadAllProjections();
  const signature = JSON.stringify(definitions.map((d) => [d.name, d.version, layoutOf(d)]));
  const dataDir = join(tmpdir(), 'gongwen-bench', `cold-start-v1-${documents}`);
  const marker = join(dataDir, 'read-models.ready');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== signature) {
    rmSync(dataDir, { recursive: true, force: true });
    process.stderr.write(`generating ${fmt(documents)} documents → ${dataDir}\n`);
    const events = generateDocuments(join(dataDir, 'events.sqlite'), documents);
    writeFileSync(join(dataDir, 'events.count'), String(events));
    await buildReadModels(dataDir, definitions);
    writeFileSync(marker, signature);
  }
  const events = Number(readFileSync(join(dataDir, 'events.count'), 'utf8'));
  const empty = mkdtempSync(join(tmpdir(), 'gw-cold-empty-'));
  const emptyTimes: number[] = [];
  const fullTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    emptyTimes.push(await timeToReady(empty));
    fullTimes.push(await timeToReady(dataDir));
  }
  rmSync(empty, { recursive: true, force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const worst = Math.max(...fullTimes);
  const mark = worst <= GOAL_SECONDS ? '✓' : '✗';
  process.stdout.write(
    [
      `bench:cold-start — start to GET /health/ready = 200, ${RUNS} runs each (${__filename.endsWith('.js') ? 'compiled' : 'TypeScript via require hook: includes transpiling'})`,
      `projections: ${definitions.map((d) => d.name).join(', ')}`,
      `empty data dir              median ${median(emptyTimes).toFixed(2)} s  (${emptyTimes.map((t) => t.toFixed(2)).join(', ')})`,
      `${fmt(events)} events, built  median ${median(fullTimes).toFixed(2)} s  (${fullTimes.map((t) => t.toFixed(2)).join(', ')})  ${mark} goal ≤ ${GOAL_SECONDS} s (worst run)`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
