import Database from 'better-sqlite3';
import { createPublicKey, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../src/audit/canonical-json';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { startTestApp, type TestApp } from '../support/app';
import { DocumentNumberSequence } from '../../src/issuance/numbering/document-number-sequence';
import { ACTORS, assignedDocument, documentsClient, documentTokens, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

describe('audit over HTTP: public key, seals on demand, verification of one document', () => {
  let t: TestApp;
  let api: ReturnType<typeof http>;
  let tokens: DocumentTokens;
  let id: string;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
    api = http(t.app);
    tokens = documentTokens(t);
    id = (await assignedDocument(t, documentsClient(t), tokens, { assignAt: '2026-09-30T02:00:00.000Z' })).id;
  });
  afterAll(() => t.close());

  it('generates a seal key into DATA_DIR with mode 0600 and publishes its public half without a token', async () => {
    expect(statSync(join(t.config.dataDir, 'audit-seal-key.pem')).mode & 0o777).toBe(0o600);
    const res = await api.get('/audit/public-key');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ algorithm: 'Ed25519', keyId: expect.stringMatching(/^[0-9a-f]{32}$/), publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(JSON.stringify(res.body)).not.toContain('PRIVATE');
  });

  it('seals on demand for an auditor or the office director (403 SEAL_NOT_ALLOWED for others); the signature verifies with the published key', async () => {
    const refused = await api.post('/audit/seals', tokens.unit('natural-resources'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'SEAL_NOT_ALLOWED', details: { rule: 'audit.seal' } });
    expect((await api.post('/audit/seals', tokens.officeClerk)).status).toBe(403);

    const sealed = await api.post('/audit/seals', tokens.auditor);
    expect(sealed.status).toBe(201);
    expect(sealed.body).toMatchObject({ sealNo: 1, created: true, algorithm: 'Ed25519', merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = await api.post('/audit/seals', tokens.officeDirector);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ sealNo: 1, created: false });

    const list = await api.get('/audit/seals', tokens.auditor);
    const { signatureValid, changedStreams, ...seal } = list.body.seals[0];
    expect(signatureValid).toBe(true);
    expect(changedStreams).toBeGreaterThan(0);
    // The seal in the store signs everything but the signature (heads included).
    const stored = (await t.app.get<EventStore>(EVENT_STORE).readStream('audit-seals'))[0]!.data;
    const { signature, ...body } = stored as Record<string, unknown>;
    const key = createPublicKey((await api.get('/audit/public-key')).body.publicKeyPem);
    expect(verify(null, Buffer.from(canonicalJson(body)), key, Buffer.from(String(signature), 'base64'))).toBe(true);
    expect(seal.merkleRoot).toBe(stored.merkleRoot);
    expect((await api.get('/audit/seals', tokens.unit('natural-resources'))).status).toBe(404);
  });

  it('GET /audit/seals?limit= takes 1–500 like other limits: anything else is 400 VALIDATION_FAILED', async () => {
    expect((await api.get('/audit/seals?limit=1', tokens.auditor)).body.seals).toHaveLength(1);
    for (const limit of ['abc', '0', '-1', '1.5', '501']) {
      const res = await api.get(`/audit/seals?limit=${limit}`, tokens.auditor);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ field: 'limit' })] } });
    }
  });

  it('verifies one document: intact and sealed; after more events, the new revisions are unsealed', async () => {
    const res = await api.get(`/documents/${id}/verification`, tokens.unit('natural-resources'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ streamId: `document-${id}`, verdict: 'intact', unsealedEvents: 0, sealed: { sealNo: 1, revision: 5 }, issues: [] });
    await documentsClient(t).explainProgress(id, tokens.unit('natural-resources'), { text: '正在办理' });
    const later = await api.get(`/documents/${id}/verification`, tokens.auditor);
    expect(later.body).toMatchObject({ verdict: 'intact', unsealedEvents: 1, sealed: { revision: 5 } });
  });

  it('verifies any stream for global readers, and a stream that never existed is 404, not a passed audit', async () => {
    const seals = await api.get('/audit/streams/audit-seals/verification', tokens.auditor);
    expect(seals.status).toBe(200);
    expect(seals.body).toMatchObject({ streamId: 'audit-seals', verdict: 'intact' });
    const typo = await api.get('/audit/streams/document-nope/verification', tokens.auditor);
    expect(typo.status).toBe(404);
    expect(typo.body).toMatchObject({ code: 'STREAM_NOT_FOUND', details: { streamId: 'document-nope' } });
    expect(typo.body.message).toContain('没有流 document-nope');
  });

  it('verifies a 发文字号 stream, whose id has the CJK 机关代字, and still refuses junk ids as not found', async () => {
    const sequence = new DocumentNumberSequence(t.app.get<EventStore>(EVENT_STORE));
    await sequence.reserve({ code: '张政发', year: 2026, documentId: '7d3f1c2a-0000-4000-8000-000000000001', actor: { id: 'office-clerk-1', name: '市政府办公室文电科工作人员', unit: ACTORS.officeClerk.unit, roles: ['office_clerk'] }, now: new Date('2026-09-28T02:00:00.000Z') });
    const streamId = DocumentNumberSequence.streamId('张政发', 2026);
    const res = await api.get(`/audit/streams/${encodeURIComponent(streamId)}/verification`, tokens.auditor);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ streamId: 'docnumber-张政发-2026', verdict: 'intact' });
    for (const junk of [`${streamId} x`, `${streamId};drop`, '<script>']) {
      const refused = await api.get(`/audit/streams/${encodeURIComponent(junk)}/verification`, tokens.auditor);
      expect(refused.status).toBe(404);
      expect(refused.body).toMatchObject({ code: 'STREAM_NOT_FOUND' });
    }
  });

  it('a unit that has nothing to do with the document cannot even learn it exists (404, as for a missing one)', async () => {
    const other = await api.get(`/documents/${id}/verification`, tokens.unit('culture-tourism'));
    const missing = await api.get(`/documents/00000000-0000-4000-8000-000000000000/verification`, tokens.unit('culture-tourism'));
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.body.code).toBe(missing.body.code);
  });

  it('reports tampering done directly in the SQLite file (beside the running app), naming the revision', async () => {
    const db = new Database(join(t.config.dataDir, 'events.sqlite'));
    db.prepare(`UPDATE events SET data = json_set(data, '$.text', '已篡改') WHERE stream_id = ? AND revision = 4`).run(`document-${id}`);
    db.close();
    const res = await api.get(`/documents/${id}/verification`, tokens.auditor);
    expect(res.body.verdict).toBe('tampered');
    expect(res.body.issues).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', streamId: `document-${id}`, revision: 4 }));
  });
});
