import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { uuidFrom } from '../src/command-handling/deterministic-id';
import type { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { actors } from './lib/actors';
import { parseArgs, sleep, within } from './lib/args';
import { startInProcess, type InProcessApp } from './lib/app';
import { writesUnderFault, type Call, type FaultRun } from './lib/fault-check';
import { send } from './lib/http';
import type { CheckResult } from './lib/plugins';
import { ensureBuilt, freePort, ServerProcess, type ServerMode } from './lib/server';
import { auditStore, type Ack } from './lib/store-audit';

const injectCall = (t: InProcessApp): Call => async (method, url, token, body) => {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body !== undefined ? { payload: body as object } : {}) });
  let parsed: unknown = r.body;
  try {
    parsed = JSON.parse(r.body);
  } catch {
    /* text */
  }
  return { status: r.statusCode, body: parsed };
};

const httpCall = (base: string): Call => async (method, path, token, body) => {
  const r = await send(base, method, path, { token, body });
  return r.ok ? { status: r.status, body: r.body } : { status: 0, body: r.error };
};

/** Every acknowledged write present once, nothing else written, the file intact. */
function verify(name: string, file: string, run: FaultRun): CheckResult {
  const report = auditStore(file, run.acks);
  const submits = run.acks.filter((a) => a.step === 'submit').length;
  const problems = [...run.failures, ...report.problems];
  if (report.lost + report.duplicated + report.gaps + report.hashFailures > 0) problems.push(`lost ${report.lost}, duplicated ${report.duplicated}, gaps ${report.gaps}, hash ${report.hashFailures}`);
  if (report.streams !== submits || report.events !== run.acks.length) problems.push(`store holds ${report.streams} streams/${report.events} events, acknowledged ${submits}/${run.acks.length}`);
  if (report.integrity !== 'ok') problems.push(`integrity_check: ${report.integrity}`);
  return {
    name,
    status: problems.length === 0 ? 'passed' : 'failed',
    detail: problems.length === 0 ? `${run.unavailable} writes refused with 503${run.message ? ` 「${run.message}」` : ''}, ${run.acks.length} acknowledged, all present, integrity ok` : problems.join('; '),
  };
}

/** SQLite's own error paths, provoked on the running app's connection: SQLITE_FULL and SQLITE_READONLY. */
async function pragmaFault(kind: 'disk-full' | 'read-only'): Promise<CheckResult> {
  const t = await startInProcess();
  const db = (t.store as SqliteEventStore).database as Database.Database;
  const maxPages = db.pragma('max_page_count', { simple: true });
  try {
    const run = await writesUnderFault(
      injectCall(t),
      () => t.store.headPosition(),
      async () => void (kind === 'disk-full' ? db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`) : db.pragma('query_only = 1')),
      async () => void (kind === 'disk-full' ? db.pragma(`max_page_count = ${maxPages}`) : db.pragma('query_only = 0')),
      kind === 'disk-full' ? /磁盘已满/ : /只读/,
    );
    await t.close();
    return verify(`sqlite-${kind}`, join(t.dataDir, 'events.sqlite'), run);
  } finally {
    await t.close().catch(() => undefined);
  }
}

/** A tmpfs, or why not (chmod does not stop root, so a real read-only/full disk needs a mount). */
function mountTmpfs(size: string): { dir?: string; why?: string } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return { why: 'needs root on Linux to mount a tmpfs (chmod does not stop root)' };
  const dir = mkdtempSync(join(tmpdir(), 'gw-fault-'));
  const r = sh('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return r.status === 0 ? { dir } : { why: `mount -t tmpfs not permitted here: ${r.stderr.trim()}` };
}
const sh = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const unmount = (dir: string) => {
  sh('mount', ['-o', 'remount,rw', dir]);
  sh('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
};

/** The real server on a small tmpfs that fills up (ENOSPC → SQLITE_FULL), then gets space back. */
async function diskFull(mode: ServerMode): Promise<CheckResult> {
  const name = 'tmpfs-disk-full';
  const { dir, why } = mountTmpfs('24m');
  if (!dir) return { name, status: 'not_run', detail: why! };
  const server = new ServerProcess({ dataDir: dir, port: await freePort(), mode, logFile: join(tmpdir(), `gw-fault-full-${process.pid}.log`) });
  const filler = join(dir, 'filler');
  try {
    await server.start();
    const fill = async () => {
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(256 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch {
        /* ENOSPC: the disk is full */
      } finally {
        closeSync(fd);
      }
    };
    // The head is checked at the end instead: nothing but acknowledged writes in the store.
    const run = await writesUnderFault(httpCall(server.baseUrl), async () => 'n/a', fill, async () => rmSync(filler, { force: true }), /磁盘已满|存储读写失败/, 400);
    if (!server.running) run.failures.push('the server process died during the fault');
    if ((await server.stop('SIGTERM')).forced) run.failures.push('server did not exit on SIGTERM');
    return verify(name, join(dir, 'events.sqlite'), run);
  } finally {
    await server.stop('SIGKILL');
    server.close();
    unmount(dir);
  }
}

/**
 * Linux refuses to remount a filesystem read-only while files on it are open for writing
 * (EBUSY), so a live server cannot be put on a read-only disk from outside; the SQLITE_READONLY
 * scenario covers that path in-process. Here: a restart on a read-only data directory must
 * fail with a clear message, and after it is writable again everything is still there.
 */
async function readOnlyRestart(mode: ServerMode): Promise<CheckResult> {
  const name = 'tmpfs-read-only-restart';
  const { dir, why } = mountTmpfs('24m');
  if (!dir) return { name, status: 'not_run', detail: why! };
  const logFile = join(tmpdir(), `gw-fault-ro-${process.pid}.log`);
  const server = new ServerProcess({ dataDir: dir, port: await freePort(), mode, logFile });
  const failures: string[] = [];
  try {
    await server.start();
    const call = httpCall(server.baseUrl);
    const a = actors();
    const acks: Ack[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', '/documents', a.unit('education'), { kind: 'report', title: '只读测试报告', mainTo: ['zjg-gov'] });
      if (r.status === 201) acks.push({ step: 'submit', streamId: r.body.streamId, revision: r.body.revision, position: r.body.position, events: r.body.events, replayed: false });
    }
    const live = sh('mount', ['-o', 'remount,ro', dir]);
    const liveNote = live.status === 0 ? 'live remount ro succeeded' : `live remount ro refused (${live.stderr.split('\n')[0]!.trim()})`;
    await server.stop('SIGTERM');
    if (sh('mount', ['-o', 'remount,ro', dir]).status !== 0) throw new Error('could not remount the stopped data directory read-only');
    const started = await server.start(15_000).then(() => 'started', (e: Error) => e.message);
    const exit = await server.stop('SIGKILL');
    const log = readFileSync(logFile, 'utf8');
    if (started === 'started') failures.push('the server started on a read-only data directory');
    if (!/数据目录 .* 无法写入/.test(log)) failures.push(`no clear start-up message (exit ${exit.code ?? exit.signal})`);
    sh('mount', ['-o', 'remount,rw', dir]);
    await server.start();
    const after = await call('POST', '/documents', a.unit('education'), { kind: 'report', title: '恢复后报告', mainTo: ['zjg-gov'] });
    if (after.status !== 201) failures.push(`write after recovery answered ${after.status}`);
    else acks.push({ step: 'submit', streamId: after.body.streamId, revision: after.body.revision, position: after.body.position, events: after.body.events, replayed: false });
    await server.stop('SIGTERM');
    const result = verify(name, join(dir, 'events.sqlite'), { acks, unavailable: 0, failures });
    return { ...result, detail: `${liveNote}; restart on read-only dir refused with a clear message: ${failures.length === 0}; ${result.detail}` };
  } finally {
    await server.stop('SIGKILL');
    server.close();
    unmount(dir);
  }
}

/**
 * SIGTERM while 32 clients keep submitting: every request the server took is answered, every
 * 2xx is durable, nothing is stored for a request that got no answer, and the process exits.
 */
async function sigtermInFlight(mode: ServerMode): Promise<CheckResult> {
  const name = 'sigterm-in-flight';
  const dir = mkdtempSync(join(tmpdir(), 'gw-term-'));
  const server = new ServerProcess({ dataDir: dir, port: await freePort(), mode, logFile: join(dir, '..', `gw-term-${process.pid}.log`) });
  await server.start();
  const a = actors();
  const token = a.unit('natural-resources');
  const acks: Ack[] = [];
  const noAnswer: string[] = [];
  const statuses: Record<string, number> = {};
  let stop = false;
  const client = async (n: number) => {
    for (let i = 0; !stop; i++) {
      const key = `term-${n}-${i}`;
      const r = await send(server.baseUrl, 'POST', '/documents', {
        token,
        body: { kind: 'report', title: '停机测试报告', mainTo: ['zjg-gov'] },
        headers: { 'idempotency-key': key },
      });
      const label = r.ok ? String(r.status) : r.error;
      statuses[label] = (statuses[label] ?? 0) + 1;
      if (r.ok && r.status === 201) acks.push({ step: 'submit', streamId: r.body.streamId, revision: r.body.revision, position: r.body.position, events: r.body.events, replayed: false });
      else if (!r.ok && r.error !== 'ECONNREFUSED') noAnswer.push(key);
      if (!r.ok && r.error === 'ECONNREFUSED') return;
    }
  };
  const clients = Array.from({ length: 32 }, (_, n) => client(n));
  await sleep(700);
  const started = Date.now();
  const exit = await server.stop('SIGTERM', 20_000);
  stop = true;
  await Promise.all(clients);
  server.close();
  const failures: string[] = [];
  if (exit.forced) failures.push('did not exit within 20 s of SIGTERM');
  // A reset without an answer is fine only if the server never took the request.
  const report = auditStore(join(dir, 'events.sqlite'), acks);
  const stored = new Set(report.folded.keys());
  const dropped = noAnswer.filter((key) => stored.has(`document-${uuidFrom(`document\n${'clerk-natural-resources'}\n${key}`)}`));
  if (dropped.length > 0) failures.push(`${dropped.length} requests were stored but never answered`);
  if (report.lost + report.duplicated + report.gaps > 0 || report.integrity !== 'ok') failures.push(report.problems.join('; '));
  if (report.streams !== acks.length) failures.push(`${report.streams} documents stored, ${acks.length} acknowledged`);
  if (acks.length === 0) failures.push('no command was acknowledged before the signal');
  return {
    name,
    status: failures.length === 0 ? 'passed' : 'failed',
    detail: `exit ${exit.signal ?? exit.code} after ${Date.now() - started} ms; answers ${JSON.stringify(statuses)}; ${acks.length} acknowledged and stored${failures.length ? `; ${failures.join('; ')}` : ''}`,
  };
}

/** app.close() ends live subscriptions cleanly (the for-await loop finishes, no error). */
async function closeEndsSubscriptions(): Promise<CheckResult> {
  const name = 'close-ends-subscriptions';
  const t = await startInProcess();
  const sub = t.store.subscribeToAll();
  let seen = 0;
  let outcome = 'still running';
  const loop = (async () => {
    try {
      for await (const _ of sub) seen++;
      outcome = 'ended';
    } catch (error) {
      outcome = `threw: ${(error as Error).message}`;
    }
  })();
  await injectCall(t)('POST', '/documents', actors().unit('education'), { kind: 'report', title: '订阅测试报告', mainTo: ['zjg-gov'] });
  for (let i = 0; i < 100 && seen === 0; i++) await sleep(20);
  await within(Promise.all([t.close(), loop]), 5000);
  const ok = seen === 1 && outcome === 'ended';
  return { name, status: ok ? 'passed' : 'failed', detail: `events seen ${seen}; subscription ${outcome}` };
}

export async function runFaults(mode: ServerMode, only?: string[], log: (l: string) => void = () => {}): Promise<CheckResult[]> {
  if (mode === 'dist') ensureBuilt(log);
  const scenarios: [string, () => Promise<CheckResult>][] = [
    ['sqlite-disk-full', () => pragmaFault('disk-full')],
    ['sqlite-read-only', () => pragmaFault('read-only')],
    ['tmpfs-disk-full', () => diskFull(mode)],
    ['tmpfs-read-only-restart', () => readOnlyRestart(mode)],
    ['sigterm-in-flight', () => sigtermInFlight(mode)],
    ['close-ends-subscriptions', closeEndsSubscriptions],
  ];
  const results: CheckResult[] = [];
  for (const [name, run] of scenarios) {
    if (only && !only.includes(name)) continue;
    const result = await run().catch((error: unknown): CheckResult => ({ name, status: 'failed', detail: `harness error: ${(error as Error).stack}` }));
    log(`${result.name}: ${result.status} — ${result.detail}`);
    results.push(result);
  }
  return results;
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  runFaults(args.mode === 'ts' ? 'ts' : 'dist', args.only?.split(','), (l) => process.stderr.write(`${l}\n`)).then((results) => {
    process.stdout.write(`${results.map((r) => `${r.name}=${r.status}`).join(' ')}\n`);
    process.exit(results.some((r) => r.status === 'failed') ? 1 : 0);
  });
}
