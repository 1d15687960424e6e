import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentsClient, documentTokens, expectStatus, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * What every command endpoint does with the request around the body: Idempotency-Key, If-Match
 * and the media type. Shown on 催办 (POST /documents/:id/urges); all commands share the path.
 */
describe('command requests: Idempotency-Key, If-Match, media type', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let id: string;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '4096' });
    client = documentsClient(t);
    tokens = documentTokens(t);
    ({ id } = await assignedDocument(t, client, tokens));
  });
  afterAll(() => t.close());

  const stored = async () => t.app.get<EventStore>(EVENT_STORE).readStream(`document-${id}`);
  const urges = async () => (await stored()).filter((e) => e.type === 'document.urged').map((e) => e.data.text);
  const raw = (contentType: string | undefined, payload: string) =>
    t.app.inject({
      method: 'POST',
      url: `/documents/${id}/urges`,
      headers: { authorization: `Bearer ${tokens.supervisor}`, ...(contentType ? { 'content-type': contentType } : {}) },
      payload,
    });

  describe('Idempotency-Key', () => {
    it('the same body again is answered from the stream (replayed) and writes nothing', async () => {
      const key = { 'idempotency-key': 'k-same' };
      const first = expectStatus(await client.urge(id, tokens.supervisor, { text: '催办一次' }, key), 200);
      const retry = expectStatus(await client.urge(id, tokens.supervisor, { text: '催办一次' }, key), 200);
      expect(retry.body).toMatchObject({ revision: first.body.revision, position: first.body.position, replayed: true });
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect((await urges()).filter((text) => text === '催办一次')).toHaveLength(1);
    });

    it('reused with a different body: 422 IDEMPOTENCY_KEY_REUSED, the second command is not stored', async () => {
      const key = { 'idempotency-key': 'k-1' };
      expectStatus(await client.urge(id, tokens.supervisor, { text: '催一' }, key), 200);
      const before = (await stored()).length;
      const reused = await client.urge(id, tokens.supervisor, { text: '催二' }, key);
      expect(reused.status).toBe(422);
      expect(reused.body).toEqual({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringContaining('k-1') });
      expect(reused.body.message).toMatch(/不同/);
      expect(await stored()).toHaveLength(before);
      expect(await urges()).not.toContain('催二');
      // The fingerprint in the metadata is covered by the hash chain, which still verifies.
      const verification = await http(t.app).get(`/documents/${id}/verification`, tokens.auditor);
      expect(verification.body).toMatchObject({ verdict: 'intact', issues: [] });
    });
  });

  describe('If-Match', () => {
    it.each(['"-1"', '-1', '"1.5"', 'W/"-3"'])('%s is not a revision: 400 INVALID_IF_MATCH and nothing written', async (ifMatch) => {
      const before = (await stored()).length;
      const res = await client.urge(id, tokens.supervisor, { text: '催办' }, { 'if-match': ifMatch });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: 'INVALID_IF_MATCH', message: expect.stringContaining('If-Match') });
      expect(await stored()).toHaveLength(before);
    });
  });

  describe('media type', () => {
    it.each([
      ['text/plain', 'text/plain'],
      ['text/plain with a charset', 'text/plain; charset=utf-8'],
      ['form', 'application/x-www-form-urlencoded'],
      ['XML', 'application/xml'],
      ['no Content-Type', undefined],
    ])('a body sent as %s: 415 UNSUPPORTED_MEDIA_TYPE saying it must be application/json, nothing written', async (_, contentType) => {
      const before = (await stored()).length;
      const res = await raw(contentType, '{"text":"催办"}');
      expect(res.statusCode).toBe(415);
      expect(JSON.parse(res.body)).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('application/json') });
      expect(await stored()).toHaveLength(before);
    });

    it('application/json (with a charset) is accepted; an over-size body is still 413', async () => {
      expect((await raw('application/json; charset=utf-8', JSON.stringify({ text: '请抓紧办理' }))).statusCode).toBe(200);
      const big = await raw('application/json', JSON.stringify({ text: '长'.repeat(3000) }));
      expect(big.statusCode).toBe(413);
      expect(JSON.parse(big.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    });
  });
});
