import { JwtService } from '@nestjs/jwt';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { mintToken } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config/app-config';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, TEST_SECRET, type TestApp } from '../support/app';
import { ACTORS, requestBody, unitClerkClaims } from '../support/document-fixtures';
import { http } from '../support/http';

const DOC = '/documents/00000000-0000-4000-8000-000000000000';

describe('hardening', () => {
  describe('headers, body limit, errors', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ BODY_LIMIT_BYTES: '2048' })));
    afterAll(() => t.close());

    it('sends security headers (helmet) and no-store on authenticated answers; no X-Powered-By', async () => {
      const res = await http(t.app).get(DOC, t.token(ACTORS.officeClerk));
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      expect(String(res.headers['strict-transport-security'])).toMatch(/max-age=\d+/);
      expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect((await http(t.app).get('/health/live')).headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a body over BODY_LIMIT_BYTES with 413 {code, message}', async () => {
      const res = await http(t.app).post('/documents', t.token(unitClerkClaims('finance')), requestBody({ summary: '长'.repeat(3000) }));
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) });
    });

    it('answers an unexpected failure with a bare 500: no stack trace, no SQL, no internals', async () => {
      const store = t.app.get<EventStore>(EVENT_STORE);
      const original = store.readStream.bind(store);
      store.readStream = async () => {
        const error = new Error('SqliteError: no such column: secret_col in "SELECT * FROM events WHERE stream_id = ?"');
        (error as Error & { code: string }).code = 'SQLITE_ERROR';
        throw error;
      };
      try {
        const res = await http(t.app).get(DOC, t.token(ACTORS.officeClerk));
        expect(res.status).toBe(500);
        expect(res.body).toEqual({ code: 'INTERNAL_ERROR', message: expect.any(String) });
        expect(JSON.stringify(res.body)).not.toMatch(/SELECT|sqlite|secret_col|\bat \w|\.ts:\d/i);
      } finally {
        store.readStream = original;
      }
      const unknown = await http(t.app).get('/no/such/route', t.token(ACTORS.officeClerk));
      expect(unknown.status).toBe(404);
      expect(Object.keys(unknown.body).sort()).toEqual(['code', 'message']);
      const malformed = await t.app.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${t.token(ACTORS.officeClerk)}`, 'content-type': 'application/json' }, payload: '{"kind": ' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.body).not.toMatch(/Unexpected|JSON\.parse|position \d/);
    });
  });

  describe('tokens: expiry, issuer, audience, signature, format', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp()));
    afterAll(() => t.close());

    const claims = { name: '测试', unit: 'finance', roles: ['unit_clerk'] };
    const sign = (payload: object, options: Record<string, unknown>, secret = TEST_SECRET) =>
      new JwtService({ secret }).sign(payload, { algorithm: 'HS256', ...options } as never);
    const ok = { issuer: () => t.config.auth.issuer, audience: () => t.config.auth.audience };
    const get = async (token: string) => http(t.app).get(DOC, token);

    it.each([
      ['expired', 'TOKEN_EXPIRED', () => sign(claims, { subject: 'u1', issuer: ok.issuer(), audience: ok.audience(), expiresIn: -10 })],
      ['from another issuer', 'TOKEN_WRONG_ISSUER', () => sign(claims, { subject: 'u1', issuer: 'https://evil.example', audience: ok.audience(), expiresIn: 60 })],
      ['for another audience', 'TOKEN_WRONG_AUDIENCE', () => sign(claims, { subject: 'u1', issuer: ok.issuer(), audience: 'other-api', expiresIn: 60 })],
      ['signed with another secret', 'TOKEN_INVALID', () => sign(claims, { subject: 'u1', issuer: ok.issuer(), audience: ok.audience(), expiresIn: 60 }, 'x'.repeat(40))],
      ['without an expiry', 'TOKEN_NO_EXPIRY', () => sign(claims, { subject: 'u1', issuer: ok.issuer(), audience: ok.audience() })],
      ['unsigned (alg none)', 'TOKEN_INVALID', () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, sub: 'u1', iss: ok.issuer(), aud: ok.audience(), exp: 9999999999 })).toString('base64url')}.`],
      ['malformed', 'TOKEN_INVALID', () => 'not-a.jwt'],
      ['garbage', 'TOKEN_INVALID', () => '%%%'],
    ] as [string, string, () => string][])('refuses a token %s (401 %s)', async (_what, code, token) => {
      const res = await get(token());
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code, message: expect.any(String) });
    });

    it('accepts a valid one (control)', async () => {
      const token = mintToken({ ...claims, sub: 'u1', roles: ['unit_clerk'] }, { secret: TEST_SECRET, issuer: ok.issuer(), audience: ok.audience(), expiresInSeconds: 60 });
      expect((await get(token)).status).toBe(404);
    });
  });

  describe('rate limit per token on writes', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ WRITE_RATE_LIMIT_PER_MINUTE: '3' })));
    afterAll(() => t.close());

    it('the 4th write in a minute with one token is 429 RATE_LIMITED with Retry-After; other tokens and reads are unaffected', async () => {
      const api = http(t.app);
      const a = t.token(unitClerkClaims('finance'));
      for (let i = 0; i < 3; i++) expect((await api.post('/documents', a, requestBody())).status).not.toBe(429);
      const limited = await api.post('/documents', a, requestBody());
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ code: 'RATE_LIMITED', message: expect.stringContaining('3') });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
      expect((await api.post('/documents', t.token(unitClerkClaims('education')), requestBody())).status).not.toBe(429);
      expect((await api.get(DOC, a)).status).toBe(404);
    });
  });

  describe('CORS allow-list', () => {
    let t: TestApp;
    beforeAll(async () => (t = await startTestApp({ CORS_ORIGINS: 'https://duban.zjg.example' })));
    afterAll(() => t.close());

    const preflight = (origin: string) =>
      t.app.inject({ method: 'OPTIONS', url: '/documents', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

    it('answers an allowed origin and nobody else', async () => {
      const allowed = await preflight('https://duban.zjg.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://duban.zjg.example');
      expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/authorization/i);
      const evil = await preflight('https://evil.example');
      expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('logs', () => {
    it('never contain the bearer token, an access_token in the URL, key material or passwords', async () => {
      const lines: string[] = [];
      const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
      const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-logs-')), AUTH_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'trace' });
      const app = await createApp(config, pino({ level: 'trace' }, sink));
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const token = mintToken({ sub: 'u', name: 'u', unit: 'finance', roles: ['unit_clerk'] }, { secret: TEST_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresInSeconds: 60 });
      await app.inject({ method: 'GET', url: `${DOC}?access_token=${token}`, headers: { authorization: `Bearer ${token}` } });
      await app.inject({ method: 'GET', url: `/live/summary?access_token=${token}&x=1` });
      await app.inject({ method: 'POST', url: '/documents', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { password: 'hunter2-secret' } });
      await app.inject({ method: 'GET', url: DOC, headers: { authorization: 'Bearer forged.token.value' } });
      await app.close();
      const log = lines.join('');
      expect(log).toContain('incoming request');
      for (const secret of [token, token.split('.')[2]!, 'forged.token.value', 'hunter2-secret', TEST_SECRET, 'PRIVATE KEY']) {
        expect(log.includes(secret)).toBe(false);
      }
      expect(log).toContain('access_token=[redacted]');
    });
  });
});
