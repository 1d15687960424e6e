import { JwtService } from '@nestjs/jwt';
import { directory, token, AUDIENCE, ISSUER, SECRET } from './actors';

/** Hostile constants shared by the fuzz generators. Huge values are built once and reused. */
export const HUGE = {
  string300k: 'x'.repeat(300_000),
  cjk100k: '公'.repeat(100_000), // 300 kB of UTF-8, over the 256 kB body limit
  string10k: 'y'.repeat(10_001),
  array100k: new Array(100_000).fill('a'),
  array60: Array.from({ length: 60 }, (_, i) => `unit-${i}`),
};

export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\ud83d\ude00', // 😀
  '\u202e\u0645\u0631\u062d\u0628\u0627', // RTL override + Arabic
  '\u200b\u200c\u200d\ufeff', // zero-width and BOM
  'e\u0301\u0301\u0301\u0301', // combining marks
  '\uffff\ufffe',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '\r\nX-Injected: 1',
  '第四十一条',
  'zjg-gov',
  '1e309',
  'NaN',
  '__proto__',
];

export const ABSURD_DATES = [
  '0000-00-00', '0000-01-01', '9999-12-31', '2026-02-30', '2026-02-31', '2026-13-01', '2026-00-10', '2026-1-1',
  '-001-01-01', '+275760-09-13', '2026-01-01T00:00:00Z', '１２３４-０１-０１', '2026/01/01', '1970-01-01', '2100-02-29',
  '2026-12-31 ', 'tomorrow', '', '20260101', '2026-06-15\u0000',
];

export const BAD_JSON = [
  '{"kind": ', '{', '[', '}', 'nul', 'undefined', "{'a':1}", '{"a":1,}', '{"a":01}', '{"a":NaN}', '{"a":Infinity}',
  '{"a":"\\x41"}', '{"a":"\\ud800"}', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":1}{"b":2}', '\ufeff{"title":"bom"}', '{"title":"a","title":"b"}', '1e309', '-', '""', '"\u0000"',
  '[' .repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
];

/** Byte strings that are not UTF-8: lone continuation bytes, overlongs, surrogates, truncations. */
export const INVALID_UTF8: Buffer[] = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from('{"title":"'),
  Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0x80, 0x80, 0x80]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"opinion":"'), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from('"}')]),
  Buffer.from([0x00, 0x7b, 0x00, 0x7d]), // UTF-16-ish "{}"
];

export const HOSTILE_IDS = [
  '../../etc/passwd', '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '..%252f..%252fetc', '....//....//', '%00',
  '%ff%fe', 'a'.repeat(3000), '%F0%9F%98%80', 'not-a-uuid', '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '%20', '.', '..', 'null', 'undefined', '-1', '1e309', '%E2%80%AE',
  "'%20OR%201=1--", '%3Cscript%3E', 'document-00000000-0000-4000-8000-000000000000', '%C0%AE%C0%AE%2F',
];

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Authorization header values: valid tokens of many actors, and every way a token can be wrong. */
export function authorizations(): { label: string; value?: string }[] {
  const raw = (payload: object, secret = SECRET) => new JwtService({ secret }).sign(payload as Record<string, unknown>, { algorithm: 'HS256' });
  const base = { sub: 'fuzz', name: '模糊', unit: 'natural-resources', roles: ['unit_clerk'], iss: ISSUER, aud: AUDIENCE, iat: now() };
  const leaders = directory.leaderPositions().map((p) => ({
    label: `leader:${p}`,
    value: `Bearer ${token({ unit: directory.organCode, roles: [directory.leader(p)!.role], leader: p })}`,
  }));
  return [
    ...['natural-resources', 'education', 'finance', 'housing-construction', 'justice'].map((u) => ({ label: `unit:${u}`, value: `Bearer ${token({ unit: u, roles: ['unit_clerk'] })}` })),
    { label: 'office', value: `Bearer ${token({ unit: directory.officeCode, roles: ['office_clerk'] })}` },
    { label: 'director', value: `Bearer ${token({ unit: directory.officeCode, roles: ['office_director'] })}` },
    { label: 'supervisor', value: `Bearer ${token({ unit: directory.supervisionCode, roles: ['supervisor'] })}` },
    { label: 'auditor', value: `Bearer ${token({ unit: directory.officeCode, roles: ['auditor'] })}` },
    { label: 'legal', value: `Bearer ${token({ unit: 'justice', roles: ['legal_reviewer'] })}` },
    ...leaders,
    { label: 'unknown-unit', value: `Bearer ${token({ unit: 'no-such-unit', roles: ['office_clerk'] })}` },
    { label: 'leader-claim-forged', value: `Bearer ${token({ unit: 'natural-resources', roles: ['unit_clerk'], leader: 'mayor' })}` },
    { label: 'expired', value: `Bearer ${raw({ ...base, iat: now() - 7200, exp: now() - 3600 })}` },
    { label: 'no-exp', value: `Bearer ${raw(base)}` },
    { label: 'future-nbf', value: `Bearer ${raw({ ...base, exp: now() + 3600, nbf: now() + 3000 })}` },
    { label: 'wrong-secret', value: `Bearer ${raw({ ...base, exp: now() + 3600 }, 'another-secret-that-is-long-enough-000000')}` },
    { label: 'wrong-issuer', value: `Bearer ${raw({ ...base, exp: now() + 3600, iss: 'evil' })}` },
    { label: 'wrong-audience', value: `Bearer ${raw({ ...base, exp: now() + 3600, aud: 'other' })}` },
    { label: 'bad-roles', value: `Bearer ${raw({ ...base, exp: now() + 3600, roles: ['god'] })}` },
    { label: 'roles-not-array', value: `Bearer ${raw({ ...base, exp: now() + 3600, roles: 'office_clerk' })}` },
    { label: 'no-unit', value: `Bearer ${raw({ ...base, exp: now() + 3600, unit: undefined })}` },
    { label: 'alg-none', value: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...base, exp: now() + 3600 })}.` },
    { label: 'alg-hs512', value: `Bearer ${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ ...base, exp: now() + 3600 })}.AAAA` },
    { label: 'garbage', value: 'Bearer garbage' },
    { label: 'empty-bearer', value: 'Bearer ' },
    { label: 'basic', value: 'Basic YWRtaW46YWRtaW4=' },
    { label: 'huge', value: `Bearer ${'a'.repeat(12_000)}` },
    { label: 'three-dots', value: 'Bearer ...' },
    { label: 'json-token', value: 'Bearer {"sub":"x"}' },
    { label: 'missing' },
  ];
}
