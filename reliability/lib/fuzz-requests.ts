import fc from 'fast-check';
import { directory } from './actors';
import { ABSURD_DATES, BAD_JSON, HOSTILE_IDS, HUGE, INVALID_UTF8, ODD_STRINGS } from './hostile';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Schema = Record<string, any>;

export interface Endpoint {
  method: string;
  /** e.g. /documents/{id}/review */
  path: string;
  params: string[];
  body?: Schema;
}

/** Every operation of the running app, from its own OpenAPI document, plus a few non-routes. */
export function endpointsFrom(openApi: { paths: Record<string, Record<string, { requestBody?: any }>>; components?: { schemas?: Record<string, Schema> } }): Endpoint[] {
  const out: Endpoint[] = [];
  for (const [path, ops] of Object.entries(openApi.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({ method: method.toUpperCase(), path, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!), body });
    }
  }
  for (const path of ['/', '/documents/', '/documents/{id}/unknown-command', '/admin', '/.env', '/docs/../../etc/passwd']) {
    out.push({ method: 'GET', path, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) });
  }
  return out;
}

const CODES = directory.units().map((u) => u.code).slice(0, 12);
const DATE_KEYS = /date|By$|dueAt|deadline/i;
const CODE_KEYS = /unit|mainTo|copyTo|alsoTo|units|position|to$/i;

const validDate = fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = fc.oneof(fc.constantFrom('同意', '请抓紧办理', '拟请分管副市长阅示', '已办结', 'ok'), fc.string({ maxLength: 30 }), fc.constantFrom(...ODD_STRINGS.filter(Boolean)));

/** Values that should not pass validation, or that test the edges when they do. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(...ODD_STRINGS),
  fc.constantFrom(...ABSURD_DATES),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom<unknown>(HUGE.string10k, HUGE.array60, { $gt: '' }, [[[[[]]]]], '9'.repeat(400)),
);
const rareHuge = fc.constantFrom<unknown>(HUGE.string300k, HUGE.cjk100k, HUGE.array100k);

/** `arb` in about one of `every` cases, otherwise undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, every: number) =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

function resolve(schema: Schema, schemas: Record<string, Schema>): Schema {
  return schema.$ref ? (schemas[String(schema.$ref).split('/').pop()!] ?? {}) : schema;
}

/** Mostly-plausible value for a schema node, with hostile values mixed in at every level. */
export function valueFor(raw: Schema, key: string, schemas: Record<string, Schema>, depth = 0, clean = false): fc.Arbitrary<unknown> {
  const schema = resolve(raw, schemas);
  let good: fc.Arbitrary<unknown>;
  if (schema.enum) good = fc.constantFrom(...(schema.enum as unknown[]));
  else if (schema.type === 'boolean') good = fc.boolean();
  else if (schema.type === 'integer' || schema.type === 'number') good = fc.integer({ min: 0, max: 12 });
  else if (schema.type === 'array') good = fc.array(valueFor(schema.items ?? {}, key, schemas, depth + 1, clean), { minLength: 1, maxLength: 3 });
  else if (schema.type === 'object' || schema.properties) good = objectFor(schema, schemas, depth + 1, clean);
  else if (DATE_KEYS.test(key)) good = fc.oneof(validDate, fc.constantFrom(...ABSURD_DATES));
  else if (CODE_KEYS.test(key)) good = fc.constantFrom(...CODES, ...directory.leaderPositions());
  else good = schema.example !== undefined ? fc.oneof(fc.constant(schema.example), text) : text;
  return clean ? good : fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: hostileValue });
}

/** An object for a schema: required keys usually present, optional ones sometimes, plus extras. */
/** `clean`: no hostile values, no dropped or extra keys. */
export function objectFor(raw: Schema, schemas: Record<string, Schema>, depth = 0, clean = false): fc.Arbitrary<Record<string, unknown>> {
  if (depth > 3) return fc.constant({});
  const schema = resolve(raw, schemas);
  const props: Record<string, Schema> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const fields = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valueFor(s, k, schemas, depth, clean)]));
  const dropRequired = fc.subarray([...required], { maxLength: Math.min(2, required.size) });
  const extras = sometimes(
    fc.dictionary(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'streamId', 'actor', 'revision')), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    6,
  );
  return fc
    .tuple(fc.record(fields, { requiredKeys: [...required].filter((k) => k in fields) }), clean ? fc.constant(undefined) : sometimes(dropRequired, 6), clean ? fc.constant(undefined) : extras)
    .map(([obj, drop, extra]) => {
      const o: Record<string, unknown> = { ...obj };
      for (const k of drop ?? []) delete o[k];
      for (const [k, v] of Object.entries(extra ?? {})) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    });
}

export type IdChoice = { kind: 'existing'; index: number } | { kind: 'uuid'; value: string } | { kind: 'hostile'; value: string };
export type BodyChoice =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'bytes'; value: Uint8Array | Buffer }
  | { kind: 'none' };

export interface FuzzRequest {
  endpoint: number;
  /** Well-formed envelope (JSON, no If-Match, an actor not yet refused here): reaches the deciders. */
  plausible: boolean;
  method?: string;
  ids: IdChoice[];
  query?: string;
  auth: number;
  contentType?: string;
  ifMatch?: string;
  idempotencyKey?: string;
  body: BodyChoice;
}

const idChoice: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(1000).map((index) => ({ kind: 'existing' as const, index })) },
  { weight: 2, arbitrary: fc.uuid().map((value) => ({ kind: 'uuid' as const, value })) },
  { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...HOSTILE_IDS), fc.string({ maxLength: 20 }).map(encodeURIComponent)).map((value) => ({ kind: 'hostile' as const, value })) },
);

const query = fc.oneof(
  fc.constantFrom('?minPosition=-1', '?minPosition=abc', '?minPosition=99999999999999999999', '?__proto__[polluted]=1', '?a[]=1&a[]=2', `?q=${'z'.repeat(5000)}`, '?%zz', '?asOf=0000-00-00'),
  fc.string({ maxLength: 30 }).map((s) => `?${encodeURIComponent(s)}=${encodeURIComponent(s)}`),
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz',
      'application/xml', 'application/json; charset=utf-16', 'application/jsonx', '*/*', 'application/merge-patch+json', 'json', '',
    ),
  },
);

const ifMatch = fc.oneof(fc.nat(30).map((n) => `"${n}"`), fc.constantFrom('*', 'W/"1"', '"-1"', '"abc"', '"99999999999999"', '1, 2', '""', `"${'9'.repeat(300)}"`));
const idempotencyKey = fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,40}$/), fc.constantFrom('', ' ', 'k'.repeat(201), 'key with spaces', '键'));

/** `validAuth`: how many of the first authorizations are valid tokens (most requests use one). */
export function requestArbitrary(endpoints: Endpoint[], authCount: number, validAuth: number, schemas: Record<string, Schema>): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.nat(endpoints.length - 1), fc.boolean()).chain(([endpoint, plausible]) => {
    const e = endpoints[endpoint]!;
    const schemaBody = e.body ? objectFor(e.body, schemas, 0, plausible).map((value): BodyChoice => ({ kind: 'json', value })) : fc.constant<BodyChoice>({ kind: 'json', value: {} });
    const body: fc.Arbitrary<BodyChoice> = plausible ? schemaBody : fc.oneof(
      { weight: 12, arbitrary: schemaBody },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value): BodyChoice => ({ kind: 'json', value })) },
      { weight: 2, arbitrary: fc.constantFrom(...BAD_JSON).map((value): BodyChoice => ({ kind: 'text', value })) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((value): BodyChoice => ({ kind: 'text', value })) },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.uint8Array({ maxLength: 60 })).map((value): BodyChoice => ({ kind: 'bytes', value })) },
      { weight: 1, arbitrary: fc.constant<BodyChoice>({ kind: 'none' }) },
      { weight: 1, arbitrary: rareHuge.map((v): BodyChoice => ({ kind: 'json', value: typeof v === 'string' ? { title: v, text: v, opinion: v } : { mainTo: v } })) },
    );
    return fc.record({
      endpoint: fc.constant(endpoint),
      plausible: fc.constant(plausible),
      method: sometimes(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'), 12),
      ids: fc.array(idChoice, { minLength: e.params.length, maxLength: e.params.length }),
      query: sometimes(query, 12),
      auth: fc.oneof({ weight: 3, arbitrary: fc.nat(validAuth - 1) }, { weight: 1, arbitrary: fc.nat(authCount - 1) }),
      contentType: fc.oneof({ weight: 14, arbitrary: contentType }, { weight: 1, arbitrary: fc.constant(undefined) }),
      ifMatch: sometimes(ifMatch, 4),
      idempotencyKey: sometimes(idempotencyKey, 5),
      body,
    });
  });
}
