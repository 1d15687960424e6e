/**
 * bench:live — latency from an append to the SSE message that reflects it, received by 100
 * subscribed `eventsource` clients, at 1,000 events/s. Goal: p99 ≤ 100 ms.
 *
 *   npm run bench:live
 *   npm run bench:live -- --clients 100 --rate 1000 --seconds 10 --documents 200 --client-processes 2
 *
 * The app runs in this process exactly as main.ts builds it (embedded SQLite, synchronous=FULL,
 * all projections); the clients run in child processes so their parsing does not share the
 * server's event loop. Events are 催办 (document.urged) appended through the EventStore port
 * to assigned documents, one append per event, paced evenly; t0 is taken just before the
 * append (so the group commit's fsync counts). Latency of an event for a client = when the
 * first message covering it arrived (see `measure`) − its t0, over every (event, client) pair.
 * Scenarios, side by side in one run: every client on /live/outstanding (the 督查室's list);
 * and the dashboard page's mix, half on /live/summary and half on /live/outstanding.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createApp } from '../src/app.factory';
import { mintToken } from '../src/auth/tokens';
import { loadWorkingCalendar } from '../src/calendar/calendar-loader';
import { deadlineFor } from '../src/calendar/deadline-policy';
import { loadConfig } from '../src/config/app-config';
import { loadDirectory } from '../src/directory/directory-loader';
import { EVENT_STORE, type EventStore, type EventToAppend } from '../src/event-store/event-store.port';
import { LiveService } from '../src/live/live.service';

const GOAL_P99_MS = 100;
const SECRET = 'bench-live-secret-that-is-long-enough-0123456789';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Scenario = { name: string; paths: (i: number) => string };
const SCENARIOS: Scenario[] = [
  { name: 'outstanding ×100', paths: () => '/live/outstanding' },
  { name: 'dashboard mix (summary/outstanding)', paths: (i) => (i % 2 === 0 ? '/live/summary' : '/live/outstanding') },
];

function args(): Record<string, number> {
  const out: Record<string, number> = { clients: 100, rate: 1000, seconds: 10, documents: 200, 'client-processes': 2 };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) if (argv[i]!.startsWith('--') && argv[i + 1] !== undefined) out[argv[i]!.slice(2)] = Number(argv[++i]);
  return out;
}

const meta = (role: string, unit: string) => ({
  actor: { id: `${role}-1`, name: role },
  unit,
  role,
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
});

const event = (type: string, data: Record<string, unknown>, role: string, unit: string): EventToAppend => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  metadata: meta(role, unit),
  recordedAt: new Date().toISOString(),
});

/** `count` documents submitted and 交办'd (the deadline from the real calendar), written through the port. */
async function seed(store: EventStore, count: number): Promise<Array<{ stream: string; revision: number; dueAt: string }>> {
  const directory = loadDirectory();
  const calendar = loadWorkingCalendar();
  const units = directory.units().filter((u) => directory.isSubmittingUnit(u.code)).map((u) => u.code);
  const docs = [];
  for (let i = 0; i < count; i++) {
    const unit = units[i % units.length]!;
    const stream = `document-${randomUUID()}`;
    const assignedAt = new Date().toISOString();
    const { primary } = deadlineFor({ handlingClass: 'own_authority', assignedAt }, calendar);
    await store.appendToStream(
      stream,
      [
        event('document.submitted', { kind: 'request', title: `关于压力测试事项 ${i} 的请示`, fromUnit: unit, mainTo: [directory.organCode], copyTo: [], requestItems: ['请同意'], major: false, attempt: 1 }, 'unit_clerk', unit),
        event('document.assigned', { mode: 'office_transfer', leadUnit: unit, coUnits: [], handlingClass: 'own_authority', assignedAt, deadline: primary }, 'office_clerk', directory.officeCode),
      ],
      { expectedRevision: 'no_stream' },
    );
    docs.push({ stream, revision: 1, dueAt: primary.dueAt });
  }
  return docs;
}

// ------------------------------------------------------------------------------ clients (children)

/** One appended event: its position, when the append started, and its document. */
type Sent = [position: string, t0: number, documentId: string];
interface Measured {
  /** (event, client) pairs delivered, and their append → received latencies. */
  latencies: number[];
  undelivered: number;
}

/**
 * A client has seen an event once a message with an id at or after the event's position
 * arrived that covers it: on /live/summary any later summary; on /live/outstanding a change
 * listing the same document. Events that share a message are each measured from their own t0.
 */
function measure(sent: Sent[], messages: Array<{ id: string; at: number; doc?: string }>, perDocument: boolean): Measured {
  const latencies: number[] = [];
  let undelivered = 0;
  const lists = new Map<string, Array<{ id: string; at: number }>>();
  for (const m of messages) {
    const key = perDocument ? m.doc! : '';
    lists.set(key, [...(lists.get(key) ?? []), m]);
  }
  const cursor = new Map<string, number>();
  for (const [position, t0, doc] of sent) {
    const key = perDocument ? doc : '';
    const list = lists.get(key) ?? [];
    let i = cursor.get(key) ?? 0;
    while (i < list.length && list[i]!.id < position) i++;
    cursor.set(key, i);
    if (i < list.length) latencies.push(list[i]!.at - t0);
    else undelivered++;
  }
  return { latencies, undelivered };
}

async function clientsProcess(): Promise<void> {
  const { EventSource } = await import('eventsource');
  const sources: InstanceType<typeof EventSource>[] = [];
  let received: Array<Array<{ id: string; at: number; doc?: string }>> = [];
  let kinds: boolean[] = [];
  let count = 0;
  process.on('message', (msg: { open?: { base: string; token: string; paths: string[] }; sent?: Sent[]; close?: true }) => {
    if (msg.open) {
      const { base, token, paths } = msg.open;
      received = paths.map(() => []);
      count = 0;
      kinds = paths.map((p) => p.startsWith('/live/outstanding'));
      let ready = 0;
      paths.forEach((path, i) => {
        const es = new EventSource(`${base}${path}`, {
          fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as object), Authorization: `Bearer ${token}` } }),
        });
        es.addEventListener('snapshot', () => (++ready === paths.length ? process.send!({ ready: true }) : undefined));
        es.addEventListener('change', (e) => {
          const at = now();
          count++;
          for (const d of (JSON.parse(e.data) as { documents: Array<{ documentId: string }> }).documents) received[i]!.push({ id: e.lastEventId, at, doc: d.documentId });
        });
        es.addEventListener('summary', (e) => (count++, received[i]!.push({ id: e.lastEventId, at: now() })));
        es.addEventListener('close', (e) => process.send!({ closed: e.data }));
        sources.push(es);
      });
    }
    if (msg.sent) {
      const latencies: number[] = [];
      let undelivered = 0;
      received.forEach((messages, i) => {
        const m = measure(msg.sent!, messages, kinds[i]!);
        for (const l of m.latencies) latencies.push(l);
        undelivered += m.undelivered;
      });
      process.send!({ result: { latencies, undelivered, messages: count } });
    }
    if (msg.close) {
      for (const es of sources) es.close();
      sources.length = 0;
      process.send!({ closedAll: true });
    }
  });
  process.send!({ up: true });
}

// ------------------------------------------------------------------------------ server (parent)

function ask<T>(child: ChildProcess, message: object | undefined, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>) => {
      if (m.closed) process.stderr.write(`  a client was closed by the server: ${String(m.closed)}\n`);
      if (key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    if (message) child.send(message);
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const o = args();
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-bench-live-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN_SECRET: SECRET, LOG_LEVEL: 'silent' });
  const app = await createApp(config, pino({ level: 'silent' }));
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const store = app.get<EventStore>(EVENT_STORE);
  const live = app.get(LiveService);
  const token = mintToken(
    { sub: 'bench-supervisor', name: '督查室', unit: 'zjg-gov-office-supervision', roles: ['supervisor'] },
    { secret: SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresInSeconds: 3600 },
  );
  const docs = await seed(store, o.documents!);
  const processes = o['client-processes']!;
  process.stderr.write(
    `${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; app ${base} in this process (embedded SQLite, synchronous=${config.sqliteSynchronous}, all projections); ${docs.length} assigned documents; ` +
      `${o.clients} clients in ${processes} child processes; ${o.rate} events/s for ${o.seconds} s per scenario\n`,
  );

  const hook = join(__dirname, '..', 'test', 'support', 'ts-require-hook.js');
  const children = Array.from({ length: processes }, () => fork(__filename, ['--clients-process'], { execArgv: __filename.endsWith('.ts') ? ['--require', hook] : [] }));
  await Promise.all(children.map((c) => ask(c, undefined, 'up')));

  const rows: Array<{ name: string; events: number; messages: number; pairs: number; undelivered: number; p50: number; p90: number; p99: number; max: number }> = [];
  let n = 0;
  for (const scenario of SCENARIOS) {
    const paths = Array.from({ length: o.clients! }, (_, i) => scenario.paths(i));
    await Promise.all(children.map((c, k) => ask(c, { open: { base, token, paths: paths.filter((_, i) => i % processes === k) } }, 'ready')));
    const sent: Sent[] = [];
    const total = o.rate! * o.seconds!;
    const start = now();
    const appends: Promise<void>[] = [];
    for (let i = 0; i < total; ) {
      // Every event whose moment has come, one append each (concurrent ones share a group commit).
      for (; i < total && start + (i * 1000) / o.rate! <= now(); i++) {
        const doc = docs[n++ % docs.length]!;
        const t0 = now();
        const data = { text: `请抓紧办理 ${n}`, dueAt: doc.dueAt, overdue: false };
        appends.push(
          store
            .appendToStream(doc.stream, [event('document.urged', data, 'supervisor', 'zjg-gov-office-supervision')], { expectedRevision: doc.revision++ })
            .then((r) => void sent.push([r.position, t0, doc.stream.slice('document-'.length)])),
        );
      }
      await sleep(1);
    }
    await Promise.all(appends);
    const elapsed = (now() - start) / 1000;
    await sleep(2_000); // let the last messages arrive
    sent.sort((a, b) => (a[0] < b[0] ? -1 : 1));
    const results = await Promise.all(children.map((c) => ask<{ latencies: number[]; undelivered: number; messages: number }>(c, { sent }, 'result')));
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    rows.push({
      name: scenario.name,
      events: total,
      messages: results.reduce((t, r) => t + r.messages, 0),
      pairs: latencies.length,
      undelivered: results.reduce((t, r) => t + r.undelivered, 0),
      p50: percentile(latencies, 0.5),
      p90: percentile(latencies, 0.9),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? NaN,
    });
    process.stderr.write(`  ${scenario.name}: ${total} events in ${elapsed.toFixed(1)} s (${Math.round(total / elapsed)}/s), ${live.openConnections} streams open, ${live.stats.dropped} dropped so far\n`);
    await Promise.all(children.map((c) => ask(c, { close: true }, 'closedAll')));
    await sleep(300);
  }
  for (const c of children) c.kill();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });

  const ms = (v: number) => v.toFixed(1);
  process.stdout.write(
    [
      `| scenario: ${o.clients} clients, ${o.rate} events/s, ${o.seconds} s | SSE messages received | (event, client) pairs | p50 ms | p90 ms | p99 ms | max ms | p99 ≤ ${GOAL_P99_MS} ms |`,
      `|---|---:|---:|---:|---:|---:|---:|---|`,
      ...rows.map((r) => `| ${r.name} | ${r.messages} | ${r.pairs}${r.undelivered ? ` (+${r.undelivered} never seen)` : ''} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.p99 <= GOAL_P99_MS ? 'met' : 'MISSED'} |`),
    ].join('\n') + '\n',
  );
}

if (process.argv.includes('--clients-process')) void clientsProcess();
else
  main().catch((error: unknown) => {
    process.stderr.write(`bench:live failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
