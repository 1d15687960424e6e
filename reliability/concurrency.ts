import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors, token, type Actors } from './lib/actors';
import { num, parseArgs } from './lib/args';
import { startInProcess } from './lib/app';
import { send, type Outcome } from './lib/http';
import { ensureBuilt, freePort, ServerProcess, type ServerMode } from './lib/server';
import { auditStore, compareWithGet } from './lib/store-audit';
import type { StoredEvent } from '../src/event-store/event-store.port';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store';
import { nextStep, type DocView } from './lib/workflow';

export interface ConcurrencyOptions {
  /** Absent: the app in this process (CI); otherwise the real server as a separate process. */
  server?: ServerMode;
  clients: number;
  documents: number;
  /** If-Match clients re-read and retry a 412 at most this often. */
  maxAttempts: number;
  log: (line: string) => void;
}

export interface ConcurrencySummary {
  clients: number;
  documents: number;
  requests: number;
  winners: number;
  losers: Record<string, number>;
  failures: string[];
  ok: boolean;
}

interface Result {
  round: string;
  doc: string;
  client: number;
  command: string;
  tag: string;
  ifMatch?: number;
  res: Outcome;
}

const COMMANDS = {
  urge: { path: 'urges', field: 'text', actor: 'supervisor' },
  explainProgress: { path: 'progress-explanations', field: 'text', actor: 'unit' },
  requestExtension: { path: 'extension-requests', field: 'reason', actor: 'unit' },
  complete: { path: 'completion', field: 'result', actor: 'unit' },
} as const;
type Command = keyof typeof COMMANDS;

const UNIT = 'natural-resources';

export async function runConcurrency(o: ConcurrencyOptions): Promise<ConcurrencySummary> {
  const t = await target(o.server);
  const base = t.baseUrl;
  const a = actors();
  const failures: string[] = [];
  const fail = (s: string) => failures.length < 100 && failures.push(s);
  // One token per client, so every client is a distinct actor.
  const clientToken = (n: number, who: 'unit' | 'supervisor') =>
    who === 'unit' ? token({ sub: `clerk-${n}`, unit: UNIT, roles: ['unit_clerk'] }) : token({ sub: `sup-${n}`, unit: 'zjg-gov-office-supervision', roles: ['supervisor'] });
  const tokens = Array.from({ length: o.clients }, (_, n) => ({ unit: clientToken(n, 'unit'), supervisor: clientToken(n, 'supervisor') }));
  const results: Result[] = [];
  try {
    const docs: string[] = [];
    for (let i = 0; i < o.documents; i++) docs.push(await assigned(base, a));
    o.log(`concurrency: ${o.clients} clients on ${o.documents} assigned documents`);

    const post = (r: Omit<Result, 'res' | 'tag'>, tag: string) => {
      const c = COMMANDS[r.command as Command];
      const body: Record<string, string> = { [c.field]: `并发测试 ${tag}` };
      if (r.command === 'requestExtension') body.requestedDueDate = '2027-06-30';
      return send(base, 'POST', `/documents/${r.doc}/${c.path}`, {
        token: tokens[r.client]![c.actor],
        body,
        headers: r.ifMatch !== undefined ? { 'if-match': `"${r.ifMatch}"` } : {},
      });
    };
    const fire = async (round: string, pick: (n: number) => Command, ifMatch: (n: number) => boolean) => {
      await Promise.all(
        Array.from({ length: o.clients }, async (_, client) => {
          const doc = docs[client % docs.length]!;
          const command = pick(client);
          for (let attempt = 1; attempt <= (ifMatch(client) ? o.maxAttempts : 1); attempt++) {
            const tag = `#${round}-c${client}-a${attempt}#`;
            let pinned: number | undefined;
            if (ifMatch(client)) {
              const g = await send(base, 'GET', `/documents/${doc}`, { token: tokens[client]!.unit });
              pinned = g.ok && g.status === 200 ? g.body.revision : undefined;
            }
            const r: Result = { round, doc, client, command, tag, ifMatch: pinned, res: await post({ round, doc, client, command, ifMatch: pinned }, tag) };
            results.push(r);
            if (!(r.res.ok && r.res.status === 412)) break;
          }
        }),
      );
    };

    // A: no If-Match; commutative 催办/说明 beside exclusive 延期申请 (only one may be pending).
    const mixA: Command[] = ['urge', 'explainProgress', 'requestExtension'];
    await fire('A', (n) => mixA[n % 3]!, () => false);
    // B: every client pins the revision it read; one winner per revision, the rest 412 and retry.
    await fire('B', () => 'urge', () => true);
    // C: everyone tries to 办结, half with If-Match: exactly one completion per document.
    await fire('C', () => 'complete', (n) => n % 2 === 0);

    // Every answer is a winner (2xx) or a loser with 409/412 and a reason.
    const losers: Record<string, number> = {};
    for (const r of results) {
      if (!r.res.ok) {
        fail(`${r.tag} ${r.command}: no response (${r.res.error})`);
        continue;
      }
      const { status, body } = r.res;
      if (status >= 200 && status < 300) continue;
      const key = `${status} ${body?.code}`;
      losers[key] = (losers[key] ?? 0) + 1;
      if (status !== 409 && status !== 412) fail(`${r.tag} ${r.command}: status ${status} ${JSON.stringify(body).slice(0, 200)}`);
      else if (typeof body?.code !== 'string' || typeof body?.message !== 'string' || !body.message) fail(`${r.tag}: ${status} without a reason`);
      else if (status === 412 && (body.details?.expected !== r.ifMatch || typeof body.details?.actual !== 'number')) fail(`${r.tag}: 412 details ${JSON.stringify(body.details)}`);
    }

    // Stored events: exactly the winners', each where its response said, nothing from a loser.
    const winners = results.filter((r) => r.res.ok && r.res.status >= 200 && r.res.status < 300);
    for (const doc of docs) {
      const stored = await t.readStream(`document-${doc}`);
      const byTag = new Map<string, typeof stored>();
      for (const e of stored) {
        const tag = /#[A-Z]-c\d+-a\d+#/.exec(JSON.stringify(e.data))?.[0];
        if (tag) byTag.set(tag, [...(byTag.get(tag) ?? []), e]);
      }
      const mine = winners.filter((w) => w.doc === doc);
      for (const w of mine) {
        const found = byTag.get(w.tag) ?? [];
        const body = (w.res as { body: { revision: number; events: { type: string }[] } }).body;
        if (found.length !== 1) fail(`${w.tag}: acknowledged but stored ${found.length} times`);
        else if (found[0]!.revision !== body.revision || found[0]!.type !== body.events[0]?.type) fail(`${w.tag}: stored at ${found[0]!.revision}, answered ${body.revision}`);
        else if (w.ifMatch !== undefined && found[0]!.revision !== w.ifMatch + 1) fail(`${w.tag}: If-Match ${w.ifMatch} but written at ${found[0]!.revision} (lost update)`);
        byTag.delete(w.tag);
      }
      for (const tag of byTag.keys()) fail(`${tag}: stored although the client was not answered 2xx`);
      const count = (round: string, command: Command) => mine.filter((w) => w.round === round && w.command === command).length;
      if (count('A', 'requestExtension') > 1) fail(`${doc}: ${count('A', 'requestExtension')} extension requests accepted at once`);
      if (count('C', 'complete') !== 1) fail(`${doc}: ${count('C', 'complete')} completions accepted`);
      const state = (await send(base, 'GET', `/documents/${doc}`, { token: a.office })) as { body: Record<string, unknown[]> & { status: string } };
      const expectUrges = count('A', 'urge') + count('B', 'urge');
      if (state.body.status !== 'completed' || state.body.urges!.length !== expectUrges || state.body.progressExplanations!.length !== count('A', 'explainProgress')) {
        fail(`${doc}: state ${state.body.status}, urges ${state.body.urges?.length}/${expectUrges}, explanations ${state.body.progressExplanations?.length}/${count('A', 'explainProgress')}`);
      }
    }

    // Final states equal the fold of the stored events; store invariants hold.
    const got = new Map<string, { revision: number; body: Record<string, unknown> }>();
    for (const doc of docs) {
      const g = await send(base, 'GET', `/documents/${doc}`, { token: a.office });
      if (g.ok) got.set(`document-${doc}`, { revision: g.body.revision, body: g.body });
    }
    const report = auditStore(join(t.dataDir, 'events.sqlite'), []);
    for (const s of compareWithGet(report.folded, got)) fail(`${s}: GET differs from the fold`);
    if (report.gaps + report.hashFailures + report.foldFailures > 0 || report.integrity !== 'ok') fail(`store: ${report.problems.join('; ')}`);

    return { clients: o.clients, documents: o.documents, requests: results.length, winners: winners.length, losers, failures, ok: failures.length === 0 };
  } finally {
    await t.close();
  }
}

interface Target {
  baseUrl: string;
  dataDir: string;
  readStream(streamId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

async function target(mode?: ServerMode): Promise<Target> {
  if (!mode) {
    const t = await startInProcess({ listen: true });
    return { baseUrl: t.baseUrl!, dataDir: t.dataDir, readStream: (id) => t.store.readStream(id), close: () => t.close() };
  }
  if (mode === 'dist') ensureBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-conc-'));
  const server = new ServerProcess({ dataDir, port: await freePort(), mode, logFile: join(dataDir, 'server.log') });
  await server.start();
  // A second connection on the server's file (WAL: readers beside the writer).
  const reader = new SqliteEventStore({ file: join(dataDir, 'events.sqlite') });
  return {
    baseUrl: server.baseUrl,
    dataDir,
    readStream: (id) => reader.readStream(id),
    close: async () => {
      await reader.close();
      await server.stop('SIGTERM');
      server.close();
    },
  };
}

/** A new document moved to 交办 (own authority) through the API. */
async function assigned(base: string, a: Actors): Promise<string> {
  let doc: DocView = { unit: UNIT, status: 'new', pendingExtension: false, extensions: 0, extras: 0 };
  while (doc.status !== 'assigned') {
    const step = nextStep(doc, a, () => 0.5)!;
    const res = await send(base, 'POST', step.path, { token: step.token, body: step.body });
    if (!res.ok || res.status >= 300) throw new Error(`setup ${step.name}: ${res.ok ? `${res.status} ${JSON.stringify(res.body)}` : res.error}`);
    doc = { ...doc, id: doc.id ?? res.body.id, status: step.to ?? doc.status };
  }
  return doc.id!;
}

export const concurrencyLine = (s: ConcurrencySummary) =>
  `clients=${s.clients} documents=${s.documents} requests=${s.requests} winners=${s.winners} losers=${JSON.stringify(s.losers)} failures=${s.failures.length}`;

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  runConcurrency({
    server: args.server === 'in-process' ? undefined : args.server === 'ts' ? 'ts' : 'dist',
    clients: num(args, 'clients', 100),
    documents: num(args, 'documents', 4),
    maxAttempts: num(args, 'max-attempts', 30),
    log: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (s) => {
      for (const f of s.failures) process.stderr.write(`failure: ${f}\n`);
      process.stdout.write(`${concurrencyLine(s)}\n`);
      process.exit(s.ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(`concurrency harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
