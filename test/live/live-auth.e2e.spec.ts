import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { mintToken } from '../../src/auth/tokens';
import { loadConfig } from '../../src/config/app-config';
import { TEST_SECRET } from '../support/app';
import { expectStatus, unitClerkClaims } from '../support/document-fixtures';
import { bearer, startLiveApp, type LiveApp } from './live-app';
import { subscribe } from './sse-clients';

/** Authenticated like the rest of the API; a unit sees only its own items (src/security read scope). */
describe('live SSE streams: authorisation and read scope', () => {
  let a: LiveApp;
  let ours: string;
  let theirs: string;
  beforeAll(async () => {
    a = await startLiveApp();
    ours = await a.assigned('natural-resources');
    theirs = await a.assigned('education');
    a.t.clock.set('2026-12-15T02:00:00.000Z'); // both overdue
  });
  afterAll(() => a.close());

  it('401 without a token, or with a bad one in the header or in ?access_token=', async () => {
    const none = await fetch(`${a.base}/live/summary`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'TOKEN_MISSING' });
    const badHeader = await fetch(`${a.base}/live/outstanding`, { headers: bearer('not.a.token') });
    expect(badHeader.status).toBe(401);
    const badQuery = await fetch(`${a.base}/live/summary?access_token=not.a.token`);
    expect(badQuery.status).toBe(401);
    expect(await badQuery.json()).toMatchObject({ code: 'TOKEN_INVALID' });
    // The real client gives up on a 401 and reports the status.
    const s = subscribe(`${a.base}/live/summary`, ['snapshot']);
    await s.waitFor(() => s.errors.length > 0, 'an error');
    expect(s.errors[0]).toMatchObject({ code: 401 });
    expect(s.source.readyState).toBe(2); // CLOSED
  });

  it('?access_token= authenticates a browser-style EventSource (no headers), on /live/ routes only', async () => {
    const s = subscribe(`${a.base}/live/summary?access_token=${encodeURIComponent(a.tokens.supervisor)}`, ['snapshot']);
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    s.close();
    const elsewhere = await fetch(`${a.base}/obligations/summary?access_token=${encodeURIComponent(a.tokens.supervisor)}`);
    expect(elsewhere.status).toBe(401);
  });

  it('a stream ends with close (token_expired) when its token expires', async () => {
    const short = mintToken({ sub: 'dc-2', name: '督查室', unit: 'zjg-gov-office-supervision', roles: ['supervisor'] }, {
      secret: TEST_SECRET,
      issuer: a.t.config.auth.issuer,
      audience: a.t.config.auth.audience,
      expiresInSeconds: 2,
    });
    const s = subscribe(`${a.base}/live/summary`, ['snapshot'], bearer(short));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    await s.waitFor(() => s.of('close').length === 1, 'close at expiry', 5_000);
    expect(s.of('close')[0]!.data.reason).toBe('token_expired');
    await s.waitFor(() => s.errors.some((e) => e.code === 401), 'the reconnect refused', 5_000);
    s.close();
  });

  it('a unit clerk gets only its own unit’s overdue items, and hears nothing of another unit’s changes', async () => {
    const s = subscribe(`${a.base}/live/outstanding`, ['snapshot', 'change'], bearer(a.tokens.unit('natural-resources')));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    expect(s.of('snapshot')[0]!.data.items.map((i: { documentId: string }) => i.documentId)).toEqual([ours]);
    expectStatus(await a.client.urge(theirs, a.tokens.supervisor, { text: '教育局请抓紧' }), 200);
    const mine = expectStatus(await a.client.urge(ours, a.tokens.supervisor, { text: '自然资源局请抓紧' }), 200);
    await s.waitFor(() => s.of('change').length >= 1, 'our change');
    await new Promise((r) => setTimeout(r, 100));
    expect(s.of('change').map((m) => [m.id, m.data.documents.map((d: { documentId: string }) => d.documentId)])).toEqual([[mine.body.position, [ours]]]);
    expect(JSON.stringify(s.messages)).not.toContain(theirs);
    expect(JSON.stringify(s.messages)).not.toContain('education');
    s.close();
  });

  it('a unit clerk’s summary holds only its own unit; another unit or its timeline is refused or absent', async () => {
    const clerk = a.tokens.unit('natural-resources');
    const s = subscribe(`${a.base}/live/summary`, ['snapshot'], bearer(clerk));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    const { units, performance } = s.of('snapshot')[0]!.data;
    expect(units.map((u: { unit: string }) => u.unit)).toEqual(['natural-resources']);
    expect(performance.map((u: { unit: string }) => u.unit)).toEqual(['natural-resources']);
    s.close();

    const other = await fetch(`${a.base}/live/outstanding?unit=education`, { headers: bearer(clerk) });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    const timeline = await fetch(`${a.base}/live/documents/${theirs}/timeline`, { headers: bearer(clerk) });
    expect(timeline.status).toBe(404);
    expect(await timeline.json()).toMatchObject({ code: 'DOCUMENT_NOT_FOUND' });
    const missing = await fetch(`${a.base}/live/documents/00000000-0000-4000-8000-000000000000/timeline`, { headers: bearer(a.tokens.supervisor) });
    expect(missing.status).toBe(404);
    const own = subscribe(`${a.base}/live/documents/${ours}/timeline`, ['snapshot'], bearer(clerk));
    await own.waitFor(() => own.of('snapshot').length === 1, 'own timeline');
    own.close();
  });

  it('filters by 分管领导: only units in that leader’s portfolio', async () => {
    const s = subscribe(`${a.base}/live/outstanding?leader=vice-mayor-2`, ['snapshot', 'change'], bearer(a.tokens.supervisor));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    expect(s.of('snapshot')[0]!.data.items.map((i: { documentId: string; leader: string }) => [i.documentId, i.leader])).toEqual([[theirs, 'vice-mayor-2']]);
    expectStatus(await a.client.urge(ours, a.tokens.supervisor, { text: '不属于副市长二' }), 200);
    const urged = expectStatus(await a.client.urge(theirs, a.tokens.supervisor, { text: '属于副市长二' }), 200);
    await s.waitFor(() => s.of('change').length >= 1, 'change');
    await new Promise((r) => setTimeout(r, 100));
    expect(s.of('change').map((m) => [m.id, m.data.documents.map((d: { documentId: string }) => d.documentId)])).toEqual([[urged.body.position, [theirs]]]);
    s.close();
    const bad = await fetch(`${a.base}/live/outstanding?leader=nobody`, { headers: bearer(a.tokens.supervisor) });
    expect(bad.status).toBe(400);
    const badFrom = await fetch(`${a.base}/live/summary?from=%27;drop`, { headers: bearer(a.tokens.supervisor) });
    expect(badFrom.status).toBe(400);
    expect(await badFrom.json()).toMatchObject({ code: 'INVALID_POSITION' });
  });
});

describe('live SSE streams: the query token never reaches the logs', () => {
  it('logs the request without ?access_token=', async () => {
    let logs = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((logs += String(chunk)), done()) });
    const config = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-live-')), AUTH_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'info' });
    const app = await createApp(config, pino({ level: 'info' }, sink));
    await app.listen(0, '127.0.0.1');
    try {
      const token = mintToken({ sub: 'clerk', name: '经办人', ...unitClerkClaims('natural-resources') }, {
        secret: TEST_SECRET,
        issuer: config.auth.issuer,
        audience: config.auth.audience,
        expiresInSeconds: 600,
      });
      const s = subscribe(`${await app.getUrl()}/live/summary?access_token=${token}&from=`, ['snapshot']);
      await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
      s.close();
    } finally {
      await app.close();
    }
    expect(logs).toContain('/live/summary');
    expect(logs).not.toContain('access_token');
    expect(logs).not.toMatch(/eyJ[\w-]+\.eyJ/); // no JWT anywhere
  });
});
