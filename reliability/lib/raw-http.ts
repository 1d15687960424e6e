import fc from 'fast-check';
import { connect } from 'node:net';

const CRLF = '\r\n';
const b = (s: string) => Buffer.from(s, 'latin1');

/** Malformed HTTP at the byte level, which inject() and fetch() cannot send. */
export function rawRequests(token: string): Buffer[] {
  const auth = `Authorization: Bearer ${token}${CRLF}`;
  const post = (extra: string, body: Buffer | string) =>
    Buffer.concat([b(`POST /documents HTTP/1.1${CRLF}Host: x${CRLF}${auth}Content-Type: application/json${CRLF}${extra}`), typeof body === 'string' ? b(body) : body]);
  const json = Buffer.concat([b('{"kind":"request","title":"'), Buffer.from([0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), b('","mainTo":["zjg-gov"]}')]);
  return [
    b(`GET /health/live HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`),
    b(`FOO / HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`),
    b(`GET /documents/\xe4\xb8\xad\xff HTTP/1.1${CRLF}Host: x${CRLF}${auth}${CRLF}`),
    b(`GET /documents/%00 HTTP/1.1${CRLF}Host: x${CRLF}${auth}${CRLF}`),
    b(`GET /health/live HTTP/1.1${CRLF}Host: x${CRLF}X-Bad: \xff\xfe\xfd${CRLF}${CRLF}`),
    b(`GET /documents/00000000-0000-4000-8000-000000000000 HTTP/1.1${CRLF}Host: x${CRLF}Authorization: Bearer \xff\xfe${CRLF}${CRLF}`),
    b(`GET /health/live HTTP/1.1${CRLF}Host: x${CRLF}X-Big: ${'a'.repeat(20_000)}${CRLF}${CRLF}`),
    post(`Content-Length: ${json.length}${CRLF}${CRLF}`, json),
    post(`Content-Length: 5${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`, `0${CRLF}${CRLF}`),
    post(`Transfer-Encoding: chunked${CRLF}${CRLF}`, `zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`),
    post(`Content-Length: 100${CRLF}${CRLF}`, '{"kind":'),
    post(`Content-Length: -1${CRLF}${CRLF}`, '{}'),
    post(`Content-Length: 2${CRLF}Content-Length: 3${CRLF}${CRLF}`, '{}'),
    b(`GET / HTTP/0.9${CRLF}${CRLF}`),
    b(`${CRLF}${CRLF}`),
    b(`GET /health/live HTTP/1.1${CRLF}Host: x${CRLF}Connection: keep-alive${CRLF}${CRLF}GET /health/live HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`),
    b(`POST /documents HTTP/1.1${CRLF}Host: x${CRLF}${auth}Content-Type: application/json; charset=\xff${CRLF}Content-Length: 2${CRLF}${CRLF}{}`),
  ];
}

export interface RawResult {
  sent: number;
  statuses: Record<string, number>;
  serverErrors: number;
}

/** Sends each payload on its own connection; collects the status line (or 'closed'). */
export async function sendRaw(port: number, payloads: Buffer[], seed: number, random: number): Promise<RawResult> {
  const garbage = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 300 }), { seed, numRuns: random }).map((u) => Buffer.from(u));
  const all = [...payloads, ...garbage, ...garbage.map((g) => Buffer.concat([b(`POST /documents HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: ${g.length}${CRLF}${CRLF}`), g]))];
  const result: RawResult = { sent: 0, statuses: {}, serverErrors: 0 };
  for (const payload of all) {
    const status = await new Promise<string>((resolve) => {
      let data = '';
      const socket = connect(port, '127.0.0.1');
      const done = (s: string) => {
        clearTimeout(timer);
        socket.destroy();
        resolve(s);
      };
      const timer = setTimeout(() => done(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 'timeout'), 2000);
      socket.on('connect', () => socket.end(payload));
      socket.on('data', (chunk) => {
        data += chunk.toString('latin1');
        const m = /^HTTP\/1\.1 (\d{3})/.exec(data);
        if (m && data.includes('\r\n\r\n')) done(m[1]!);
      });
      socket.on('error', () => done(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 'reset'));
      socket.on('close', () => done(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 'closed'));
    });
    result.sent++;
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (/^5/.test(status)) result.serverErrors++;
  }
  return result;
}
