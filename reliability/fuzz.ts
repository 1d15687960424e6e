import fc from 'fast-check';
import { join } from 'node:path';
import { actors, type Actors } from './lib/actors';
import { num, parseArgs } from './lib/args';
import { startInProcess } from './lib/app';
import { endpointsFrom, requestArbitrary, type Endpoint, type FuzzRequest } from './lib/fuzz-requests';
import { authorizations } from './lib/hostile';
import { rawRequests, sendRaw, type RawResult } from './lib/raw-http';
import { auditStore } from './lib/store-audit';
import { nextStep, type DocView } from './lib/workflow';

export interface FuzzOptions {
  requests: number;
  seed: number;
  /** Random raw-socket payloads (in addition to the fixed malformed ones). */
  raw: number;
  log: (line: string) => void;
}

export interface FuzzSummary {
  requests: number;
  endpoints: number;
  accepted: number;
  rejected: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  /** 4xx answers without the `{ code, message }` body. */
  badErrorBodies: number;
  /** Non-2xx (or read) requests after which the store's head position moved. */
  storeChanged: number;
  /** Requests the inject client itself refused to build (e.g. invalid header characters). */
  clientRefused: number;
  uncaught: number;
  raw: RawResult;
  storeProblems: string[];
  samples: string[];
  ok: boolean;
}

const PROCESS_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

export async function runFuzz(o: FuzzOptions): Promise<FuzzSummary> {
  // The per-token write limit is lifted: at 100k requests it refused a third of them with 429
  // before validation or a decider saw them (the limiter has its own tests).
  const t = await startInProcess({ listen: true, env: { BODY_LIMIT_BYTES: String(256 * 1024), WRITE_RATE_LIMIT_PER_MINUTE: '10000000' } });
  let uncaught = 0;
  const onUncaught = () => void uncaught++;
  PROCESS_EVENTS.forEach((e) => process.on(e, onUncaught));
  const s: FuzzSummary = {
    requests: 0, endpoints: 0, accepted: 0, rejected: 0, byStatus: {}, serverErrors: 0, badErrorBodies: 0, storeChanged: 0,
    clientRefused: 0, uncaught: 0, raw: { sent: 0, statuses: {}, serverErrors: 0 }, storeProblems: [], samples: [], ok: false,
  };
  try {
    const openApi = JSON.parse((await t.app.inject({ method: 'GET', url: '/docs/openapi.json' })).body);
    const endpoints = endpointsFrom(openApi);
    const schemas = openApi.components?.schemas ?? {};
    const auths = authorizations();
    const validAuth = auths.findIndex((a) => a.label === 'unknown-unit');
    s.endpoints = endpoints.length;
    const pool = await seedDocuments(t.app, actors());
    o.log(`fuzz: ${o.requests} requests over ${endpoints.length} operations, seed ${o.seed}, ${pool.get('documents')!.length} seeded documents`);

    const arb = requestArbitrary(endpoints, auths.length, validAuth, schemas);
    // Per operation, the valid actors it refused (403): plausible requests try the others.
    const refused = new Map<number, Set<number>>();
    const debug = new Map<string, number>();
    const BATCH = 500;
    for (let done = 0, batch = 0; done < o.requests; batch++) {
      const n = Math.min(BATCH, o.requests - done);
      for (const req of fc.sample(arb, { seed: o.seed + batch, numRuns: n })) {
        if (req.plausible) req.auth = actorFor(req, validAuth, refused);
        const built = build(req, endpoints[req.endpoint]!, auths[req.auth]!.value, pool);
        const before = await t.store.headPosition();
        let res;
        try {
          res = await t.app.inject(built);
        } catch {
          s.clientRefused++;
          continue;
        }
        s.requests++;
        s.byStatus[res.statusCode] = (s.byStatus[res.statusCode] ?? 0) + 1;
        const after = await t.store.headPosition();
        const success = res.statusCode < 300;
        const write = success && built.method === 'POST';
        if (write) s.accepted++;
        else s.rejected++;
        const sample = (why: string) =>
          s.samples.length < 25 &&
          s.samples.push(`${why}: seed ${o.seed + batch} ${built.method} ${built.url.slice(0, 120)} auth=${auths[req.auth]!.label} → ${res.statusCode} ${res.body.slice(0, 200)} payload=${String(built.payload ?? '').slice(0, 200)}`);
        if (process.env.FUZZ_DEBUG && req.plausible) {
          const k = `${res.statusCode} ${safeJson(res.body)?.code} ${endpoints[req.endpoint]!.path}${res.statusCode === 400 && process.env.FUZZ_DEBUG === "2" ? " " + String(safeJson(res.body)?.message).slice(0, 100) + " " + String(built.payload).slice(0, 80) : ""}`;
          debug.set(k, (debug.get(k) ?? 0) + 1);
        }
        if (res.statusCode >= 500) (s.serverErrors++, sample('5xx'));
        if (res.statusCode >= 400 && built.method !== 'HEAD' && !hasErrorBody(res.body)) (s.badErrorBodies++, sample('error body'));
        if (!write && after !== before) (s.storeChanged++, sample(`store moved ${before}→${after}`));
        if (req.plausible && res.statusCode === 403) (refused.get(req.endpoint) ?? refused.set(req.endpoint, new Set()).get(req.endpoint)!).add(req.auth);
        if (write && res.statusCode === 201) {
          const id = safeJson(res.body)?.id;
          const collection = built.url.split(/[/?]/)[1]!;
          if (typeof id === 'string') (pool.get(collection) ?? pool.set(collection, []).get(collection)!).push(id);
        }
      }
      done += n;
      if (batch % 20 === 19) o.log(`  ${done} requests, ${s.accepted} accepted, statuses ${JSON.stringify(s.byStatus)}`);
    }

    if (process.env.FUZZ_DEBUG) [...debug].sort((a, b) => b[1] - a[1]).slice(0, 40).forEach(([k, v]) => o.log(`${v} ${k}`));
    s.raw = await sendRaw(Number(new URL(t.baseUrl!).port), rawRequests(actors().office), o.seed, o.raw);
    const health = await t.app.inject({ method: 'GET', url: '/health/ready' });
    if (health.statusCode !== 200) s.samples.push(`health after fuzzing: ${health.statusCode}`);
    const report = auditStore(join(t.dataDir, 'events.sqlite'), []);
    s.storeProblems = report.integrity === 'ok' ? report.problems : [`integrity: ${report.integrity}`, ...report.problems];
    s.uncaught = uncaught;
    s.ok =
      s.serverErrors + s.badErrorBodies + s.storeChanged + s.uncaught + s.raw.serverErrors === 0 &&
      s.storeProblems.length === 0 && health.statusCode === 200 && s.requests > 0;
    return s;
  } finally {
    PROCESS_EVENTS.forEach((e) => process.off(e, onUncaught));
    await t.close();
  }
}

function actorFor(req: FuzzRequest, validAuth: number, refused: Map<number, Set<number>>): number {
  const no = refused.get(req.endpoint);
  for (let i = 0; i < validAuth; i++) {
    const candidate = (req.auth + i) % validAuth;
    if (!no?.has(candidate)) return candidate;
  }
  no?.clear();
  return req.auth % validAuth;
}

function build(req: FuzzRequest, e: Endpoint, authorization: string | undefined, pool: Map<string, string[]>) {
  const collection = e.path.split('/')[1]!;
  let i = 0;
  const path = e.path.replace(/\{\w+\}/g, () => {
    const id = req.ids[i++]!;
    if (id.kind !== 'existing' && !req.plausible) return id.value;
    const ids = pool.get(collection) ?? pool.get('documents')!;
    return ids[(id.kind === 'existing' ? id.index : i) % ids.length]!;
  });
  const headers: Record<string, string> = {};
  if (authorization !== undefined) headers.authorization = authorization;
  const contentType = req.plausible ? 'application/json' : req.contentType;
  if (contentType !== undefined && req.body.kind !== 'none') headers['content-type'] = contentType;
  if (req.ifMatch !== undefined && !req.plausible) headers['if-match'] = req.ifMatch;
  if (req.idempotencyKey !== undefined) headers['idempotency-key'] = req.idempotencyKey;
  const payload =
    req.body.kind === 'json' ? JSON.stringify(req.body.value) ?? 'null'
      : req.body.kind === 'text' ? req.body.value
        : req.body.kind === 'bytes' ? Buffer.from(req.body.value)
          : undefined;
  const method = (req.plausible ? e.method : req.method ?? e.method) as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  return { method, url: path + (req.query ?? ''), headers, ...(payload !== undefined ? { payload } : {}) };
}

const safeJson = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const hasErrorBody = (text: string) => {
  const b = safeJson(text);
  return typeof b?.code === 'string' && typeof b?.message === 'string' && b.message.length > 0;
};

/** Documents in several lifecycle states, so fuzzed commands reach the deciders. */
async function seedDocuments(app: Awaited<ReturnType<typeof startInProcess>>['app'], a: Actors): Promise<Map<string, string[]>> {
  const ids: string[] = [];
  const targets = ['submitted', 'registered', 'reviewed', 'routed', 'instructed', 'assigned', 'assigned', 'completed', 'closed', 'returned'];
  for (const [n, target] of targets.entries()) {
    let doc: DocView = { unit: ['natural-resources', 'education', 'finance'][n % 3]!, status: 'new', pendingExtension: false, extensions: 0, extras: 5 };
    while (doc.status !== target) {
      const step = nextStep(doc, a, () => (target === 'returned' ? 0.01 : 0.5))!;
      const res = await app.inject({ method: 'POST', url: step.path, headers: { authorization: `Bearer ${step.token}` }, payload: step.body });
      if (res.statusCode >= 300) throw new Error(`seeding ${step.name}: ${res.statusCode} ${res.body}`);
      doc = { ...doc, id: doc.id ?? JSON.parse(res.body).id, status: step.to ?? doc.status };
    }
    ids.push(doc.id!);
  }
  return new Map([['documents', ids]]);
}

export const fuzzLine = (s: FuzzSummary) =>
  `requests=${s.requests} endpoints=${s.endpoints} accepted=${s.accepted} rejected=${s.rejected} server_errors=${s.serverErrors} ` +
  `bad_error_bodies=${s.badErrorBodies} store_changed_on_reject=${s.storeChanged} uncaught=${s.uncaught} client_refused=${s.clientRefused} ` +
  `raw_sent=${s.raw.sent} raw_5xx=${s.raw.serverErrors} store_problems=${s.storeProblems.length} statuses=${JSON.stringify(s.byStatus)} raw_statuses=${JSON.stringify(s.raw.statuses)}`;

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  runFuzz({
    requests: num(args, 'requests', 100_000),
    seed: num(args, 'seed', 20260),
    raw: num(args, 'raw', 500),
    log: (l) => process.stderr.write(`${l}\n`),
  }).then(
    (s) => {
      for (const x of [...s.samples, ...s.storeProblems]) process.stderr.write(`failure: ${x}\n`);
      process.stdout.write(`${fuzzLine(s)}\n`);
      process.exit(s.ok ? 0 : 1);
    },
    (error: unknown) => {
      process.stderr.write(`fuzz harness failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
