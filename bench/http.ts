/**
 * HTTP load benchmark (`npm run bench:http`): durable commands against the built server with
 * 64 connections, beside a no-op route of the same server in the same run.
 *   --duration 10   seconds per scenario     --connections 64
 *   --docs 2000     assigned documents the lifecycle scenario rotates over
 *   --cpu-prof      write a V8 CPU profile of the server and print where its time went
 *   --only submit,lifecycle   scenarios to run besides the no-op baseline
 *   --baseline false          skip the no-op baseline (e.g. to profile commands only)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors, type Actors } from '../reliability/lib/actors';
import { num, parseArgs } from '../reliability/lib/args';
import { send } from '../reliability/lib/http';
import { summarizeProfile } from '../reliability/lib/cpu-profile';
import { ensureBuilt, freePort, ServerProcess } from '../reliability/lib/server';
import { nextStep, type DocView } from '../reliability/lib/workflow';

interface Result {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface Req {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (o: Record<string, unknown>) => Promise<Result>;

interface Row {
  scenario: string;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Server CPU (user + system) per answered request, µs: steadier than req/s on shared cores. */
  cpuUs: number;
}

/** CPU seconds a process has used so far (Linux /proc), NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks
  } catch {
    return NaN;
  }
}

async function load(url: string, connections: number, duration: number, req: Req & { setup?: (r: Req) => Req }): Promise<Omit<Row, 'scenario' | 'cpuUs'> & { answered: number }> {
  const { setup, ...base } = req;
  // autocannon takes the path from the url (a top-level `path` is ignored).
  const { path, ...rest } = base;
  const r = await autocannon({ url: url + (path ?? ''), connections, duration, ...rest, ...(setup ? { requests: [{ setupRequest: setup }] } : {}) });
  return { perSecond: r['2xx'] / r.duration, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts, answered: r['2xx'] + r.non2xx };
}

/** `count` documents moved to 交办 through the API, `concurrency` at a time. */
async function assignedDocuments(base: string, a: Actors, count: number, concurrency = 32): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        let doc: DocView = { unit: 'natural-resources', status: 'new', pendingExtension: false, extensions: 0, extras: 0 };
        while (doc.status !== 'assigned') {
          const step = nextStep(doc, a, () => 0.5)!;
          const res = await send(base, 'POST', step.path, { token: step.token, body: step.body });
          if (!res.ok || res.status >= 300) throw new Error(`seeding ${step.name}: ${res.ok ? res.status : res.error}`);
          doc = { ...doc, id: doc.id ?? res.body.id, status: step.to ?? doc.status };
        }
        ids.push(doc.id!);
      }
    }),
  );
  return ids;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const duration = num(args, 'duration', 10);
  const connections = num(args, 'connections', 64);
  const profileDir = args['cpu-prof'] ? mkdtempSync(join(tmpdir(), 'gw-prof-')) : undefined;
  ensureBuilt((l) => process.stderr.write(`${l}\n`));
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-'));
  const server = new ServerProcess({
    dataDir,
    port: await freePort(),
    mode: 'dist',
    // One token sends every request: lift the per-token write limit so it measures throughput.
    env: { LOG_LEVEL: 'warn', WRITE_RATE_LIMIT_PER_MINUTE: '10000000', ...(process.env.SQLITE_SYNCHRONOUS ? { SQLITE_SYNCHRONOUS: process.env.SQLITE_SYNCHRONOUS } : {}) },
    logFile: join(dataDir, '..', `${dataDir.split('/').pop()}.log`),
    nodeOptions: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  await server.start();
  const url = server.baseUrl;
  const a = actors();
  process.stderr.write(`server ${url} (node dist/src/main.js, LOG_LEVEL=warn, SQLITE_SYNCHRONOUS=${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'}), data ${dataDir}\n`);
  const docs = await assignedDocuments(url, a, num(args, 'docs', 2000));
  process.stderr.write(`seeded ${docs.length} assigned documents; ${duration} s per scenario, ${connections} connections\n`);

  const json = { 'content-type': 'application/json' };
  let i = 0;
  const rows: Row[] = [];
  const only = args.only?.split(',');
  const run = async (scenario: string, req: Req & { setup?: (r: Req) => Req }) => {
    if (only && !scenario.startsWith('no-op') && !only.some((o) => scenario.startsWith(o))) return;
    const cpuBefore = cpuSeconds(server.pid);
    const { answered, ...result } = await load(url, connections, duration, req);
    rows.push({ scenario, ...result, cpuUs: ((cpuSeconds(server.pid) - cpuBefore) / answered) * 1e6 });
    process.stderr.write(`  ${scenario} done\n`);
  };
  if (args.baseline !== 'false') await run('no-op GET /health/live', { method: 'GET', path: '/health/live' });
  await run('submit POST /documents', {
    method: 'POST',
    path: '/documents',
    headers: { ...json, authorization: `Bearer ${a.unit('natural-resources')}` },
    body: JSON.stringify({ kind: 'request', title: '关于压力测试事项的请示', mainTo: ['zjg-gov'], requestItems: ['同意有关事项'] }),
  });
  await run('lifecycle POST urges/progress', {
    method: 'POST',
    setup: (r) => {
      const n = i++;
      const doc = docs[n % docs.length]!;
      return n % 2 === 0
        ? { ...r, path: `/documents/${doc}/urges`, headers: { ...json, authorization: `Bearer ${a.supervisor}` }, body: JSON.stringify({ text: `请抓紧办理 ${n}` }) }
        : { ...r, path: `/documents/${doc}/progress-explanations`, headers: { ...json, authorization: `Bearer ${a.unit('natural-resources')}` }, body: JSON.stringify({ text: `正在办理 ${n}` }) };
    },
  });
  const stop = await server.stop('SIGTERM', 30_000);
  server.close();
  // The store and the server's log are only worth keeping when something went wrong.
  if (stop.code === 0 && rows.every((r) => r.errors === 0)) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.log`, { force: true });
  } else process.stderr.write(`kept ${dataDir} and ${dataDir}.log (exit ${stop.code ?? stop.signal})\n`);

  const noop = rows.find((r) => r.scenario.startsWith('no-op'))?.perSecond ?? NaN;
  const fmt = (n: number, d = 0) => n.toFixed(d).padStart(9);
  const lines = [
    `| scenario                        |    req/s |  p50 ms |  p99 ms |  ratio | non-2xx | errors | server CPU µs/req |`,
    `|---------------------------------|---------:|--------:|--------:|-------:|--------:|-------:|------------------:|`,
    ...rows.map((r) => `| ${r.scenario.padEnd(31)} |${fmt(r.perSecond)} |${fmt(r.p50, 1).slice(1)} |${fmt(r.p99, 1).slice(1)} | ${((r.perSecond / noop) * 100).toFixed(1).padStart(5)}% |${fmt(r.non2xx).slice(1)} |${fmt(r.errors).slice(2)} |${fmt(r.cpuUs).padStart(18)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const commands = rows.filter((r) => !r.scenario.startsWith('no-op'));
  const goals = commands.map((r) => `${r.scenario}: ${r.perSecond >= 5000 ? 'ok' : 'MISSED'} ≥5k/s, ${r.p99 <= 50 ? 'ok' : 'MISSED'} p99≤50ms, ${r.perSecond / noop >= 0.3 ? 'ok' : 'MISSED'} ≥30% of no-op`);
  process.stdout.write(`${goals.join('\n')}\n`);
  if (profileDir) {
    const files = readdirSync(profileDir).map((f) => join(profileDir, f));
    process.stdout.write(`cpu profile: ${files.join(', ') || `none written (exit ${stop.code ?? stop.signal})`}\n`);
    for (const f of files) process.stdout.write(`${summarizeProfile(f)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
