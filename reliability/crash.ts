import { appendFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors, UNITS } from './lib/actors';
import { num, parseArgs, rng, sleep, within } from './lib/args';
import { send } from './lib/http';
import { externalChecks, type CheckResult } from './lib/plugins';
import { ensureBuilt, freePort, ServerProcess, type ServerMode } from './lib/server';
import { auditStore, compareWithGet, type Ack } from './lib/store-audit';
import { nextStep, viewFrom, type DocView, type Step } from './lib/workflow';

export interface CrashOptions {
  cycles: number;
  workers: number;
  seed: number;
  mode: ServerMode;
  /** Load time before each SIGKILL is drawn from [minRunMs, maxRunMs]. */
  minRunMs: number;
  maxRunMs: number;
  /** Chance that a cycle also kills the server during start-up, before it is ready. */
  startupKillRate: number;
  log: (line: string) => void;
}

export interface CrashSummary {
  cycles: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  gaps: number;
  hashFailures: number;
  foldFailures: number;
  getMismatches: number;
  unexpected: number;
  streams: number;
  events: number;
  unknownOutcomes: number;
  replayed: number;
  startupKills: number;
  integrity: string;
  checks: CheckResult[];
  problems: string[];
  dataDir: string;
  ok: boolean;
}

/** Shared by the workers: which server generation is up, and whether to wind down. */
class Control {
  generation = 0;
  up = false;
  draining = false;
  stopped = false;
  private waiters: (() => void)[] = [];
  setUp(up: boolean): void {
    this.up = up;
    if (up) {
      this.generation++;
      this.waiters.splice(0).forEach((w) => w());
    }
  }
  /** Resolves once a server newer than `generation` is up (or right away if one is). */
  async newerThan(generation: number): Promise<void> {
    while (!(this.up && this.generation > generation) && !this.stopped) {
      await within(new Promise<void>((r) => this.waiters.push(r)), 200);
      // A transport error without a kill (e.g. a timeout): retry on the same server.
      if (this.up && this.generation === generation) return;
    }
  }
}

interface Stats {
  acks: Ack[];
  unknown: number;
  replayed: number;
  unexpected: string[];
}

async function worker(n: number, base: () => string, ctl: Control, stats: Stats, random: () => number, journal: string): Promise<void> {
  const a = actors();
  const unit = UNITS[n % UNITS.length]!;
  let doc: DocView = { unit, status: 'new', pendingExtension: false, extensions: 0, extras: 0 };
  let pending: { step: Step; key?: string } | undefined;
  let seq = 0;
  while (!ctl.stopped) {
    if (!ctl.up) await ctl.newerThan(ctl.generation);
    if (ctl.draining && !pending) return;
    if (!pending) {
      const step = nextStep(doc, a, random);
      if (!step) {
        doc = { unit, status: 'new', pendingExtension: false, extensions: 0, extras: 0 };
        continue;
      }
      // Most clients send an Idempotency-Key and retry with it; some do not.
      pending = { step, key: random() < 0.8 ? `w${n}-${seq++}-${Math.floor(random() * 1e9)}` : undefined };
    }
    const { step, key } = pending;
    const generation = ctl.generation;
    const res = await send(base(), 'POST', step.path, { token: step.token, body: step.body, headers: key ? { 'idempotency-key': key } : {} });
    if (!res.ok) {
      stats.unknown++;
      if (!key) {
        // Unknown outcome and no key to retry with: re-read the document instead.
        pending = undefined;
        if (!doc.id) doc = { unit, status: 'new', pendingExtension: false, extensions: 0, extras: 0 };
        else doc.status = 'unknown';
      }
      await ctl.newerThan(generation);
      if (doc.status === 'unknown') doc = await resync(base, doc, a.unit(unit));
      continue;
    }
    if (res.status >= 200 && res.status < 300) {
      const b = res.body;
      const ack: Ack = { step: step.name, streamId: b.streamId, revision: b.revision, position: b.position, events: b.events, replayed: b.replayed };
      stats.acks.push(ack);
      if (b.replayed) stats.replayed++;
      appendFileSync(journal, `${JSON.stringify(ack)}\n`);
      doc.id ??= b.id;
      if (step.to) doc.status = step.to;
      step.apply?.(doc);
      pending = undefined;
    } else if (res.status === 503) {
      await sleep(50); // store unavailable (e.g. shutting down): retry
    } else {
      stats.unexpected.push(`${step.name} ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      pending = undefined;
      doc = doc.id ? await resync(base, doc, a.unit(unit)) : { ...doc, status: 'new' };
    }
  }
}

async function resync(base: () => string, doc: DocView, token: string): Promise<DocView> {
  for (;;) {
    const res = await send(base(), 'GET', `/documents/${doc.id}`, { token });
    if (res.ok && res.status === 200) return viewFrom(res.body, doc.unit);
    if (res.ok && res.status === 404) return { ...doc, id: undefined, status: 'new' };
    await sleep(100);
  }
}

export async function runCrash(o: CrashOptions): Promise<CrashSummary> {
  if (o.mode === 'dist') ensureBuilt(o.log);
  const root = mkdtempSync(join(tmpdir(), 'gw-crash-'));
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  const journal = join(root, 'acknowledged.jsonl');
  const server = new ServerProcess({ dataDir, port: await freePort(), mode: o.mode, logFile: join(root, 'server.log') });
  const random = rng(o.seed);
  const ctl = new Control();
  const stats: Stats = { acks: [], unknown: 0, replayed: 0, unexpected: [] };
  let startupKills = 0;
  o.log(`crash harness: data ${dataDir}, seed ${o.seed}, ${o.workers} workers, ${o.cycles} cycles`);

  await server.start();
  ctl.setUp(true);
  const workers = Array.from({ length: o.workers }, (_, n) => worker(n, () => server.baseUrl, ctl, stats, rng(o.seed * 1000 + n), journal));
  try {
    for (let cycle = 1; cycle <= o.cycles; cycle++) {
      await sleep(o.minRunMs + random() * (o.maxRunMs - o.minRunMs));
      ctl.setUp(false);
      await server.stop('SIGKILL');
      o.log(`cycle ${cycle}: SIGKILL after ${stats.acks.length} acknowledged so far`);
      if (random() < o.startupKillRate) {
        server.spawn();
        await sleep(random() * 600);
        await server.stop('SIGKILL');
        startupKills++;
      }
      await server.start();
      ctl.setUp(true);
    }
    // Let every worker settle its pending command (retried with its key), then stop cleanly.
    ctl.draining = true;
    await within(Promise.all(workers), 30_000);
  } finally {
    ctl.stopped = true;
  }
  await Promise.all(workers);

  const got = new Map<string, { revision: number; body: Record<string, unknown> }>();
  const reader = actors().office;
  for (const streamId of new Set(stats.acks.map((x) => x.streamId))) {
    const res = await send(server.baseUrl, 'GET', `/documents/${streamId.slice('document-'.length)}`, { token: reader });
    if (res.ok && res.status === 200) got.set(streamId, { revision: res.body.revision, body: res.body });
    else stats.unexpected.push(`GET ${streamId}: ${res.ok ? res.status : res.error}`);
  }
  const stop = await server.stop('SIGTERM');
  server.close();
  if (stop.forced) stats.unexpected.push('server did not exit on SIGTERM within 15 s');

  const report = auditStore(join(dataDir, 'events.sqlite'), stats.acks);
  const getMismatches = compareWithGet(report.folded, got);
  const checks = externalChecks(o.mode, dataDir);
  const summary: CrashSummary = {
    cycles: o.cycles,
    acknowledged: stats.acks.length,
    lost: report.lost,
    duplicated: report.duplicated,
    gaps: report.gaps,
    hashFailures: report.hashFailures,
    foldFailures: report.foldFailures,
    getMismatches: getMismatches.length,
    unexpected: stats.unexpected.length,
    streams: report.streams,
    events: report.events,
    unknownOutcomes: stats.unknown,
    replayed: stats.replayed,
    startupKills,
    integrity: report.integrity,
    checks,
    problems: [...report.problems, ...getMismatches.map((s) => `GET differs from fold: ${s}`), ...stats.unexpected.slice(0, 20)],
    dataDir,
    ok: false,
  };
  summary.ok =
    summary.lost + summary.duplicated + summary.gaps + summary.hashFailures + summary.foldFailures + summary.getMismatches + summary.unexpected === 0 &&
    summary.integrity === 'ok' &&
    summary.acknowledged > 0 &&
    checks.every((c) => c.status !== 'failed');
  return summary;
}

export function summaryLine(s: CrashSummary): string {
  return (
    `cycles=${s.cycles} acknowledged=${s.acknowledged} lost=${s.lost} duplicated=${s.duplicated} gaps=${s.gaps} ` +
    `hash_failures=${s.hashFailures} fold_failures=${s.foldFailures} get_mismatches=${s.getMismatches} unexpected=${s.unexpected} ` +
    `streams=${s.streams} events=${s.events} unknown_outcomes=${s.unknownOutcomes} replayed=${s.replayed} startup_kills=${s.startupKills} ` +
    `integrity=${s.integrity} ${s.checks.map((c) => `${c.name}=${c.status}`).join(' ')}`
  );
}

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  const options: CrashOptions = {
    cycles: num(args, 'cycles', 20),
    workers: num(args, 'workers', 8),
    seed: num(args, 'seed', Date.now() % 1_000_000),
    mode: args.mode === 'ts' ? 'ts' : 'dist',
    minRunMs: num(args, 'min-run-ms', 300),
    maxRunMs: num(args, 'max-run-ms', 2500),
    startupKillRate: num(args, 'startup-kill-rate', 0.15),
    log: (l) => process.stderr.write(`${l}\n`),
  };
  runCrash(options).then(
    (s) => {
      for (const c of s.checks) process.stderr.write(`check ${c.name}: ${c.status} — ${c.detail}\n`);
      for (const p of s.problems) process.stderr.write(`problem: ${p}\n`);
      process.stdout.write(`${summaryLine(s)}\n`);
      process.exit(s.ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(`crash harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
