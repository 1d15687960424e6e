import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentsClient, documentTokens, expectStatus, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/** Auditors (第三十二条, DESIGN §1): a document's readable history, its state at any past moment, its raw events. */
describe('history, state as of, raw events (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;
  let id: string;
  let lastPosition: string;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-03-02T01:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
    id = (await assignedDocument(t, client, tokens, { unit: 'education', assignAt: '2026-03-02T02:00:00.000Z' })).id;
    t.clock.set('2026-03-12T01:00:00.000Z');
    expectStatus(await client.urge(id, tokens.supervisor, { text: '已逾期,请于今日报送办理结果' }), 200, '催办');
    t.clock.set('2026-03-13T02:00:00.000Z');
    lastPosition = expectStatus(await client.complete(id, tokens.unit('education'), { result: '已按要求办结' }), 200, '办结').body.position;
  });
  afterAll(() => t.close());

  it('lists who did what when, with the role, the unit, the Chinese label and a readable summary', async () => {
    const body = expectStatus(await api.get(`/documents/${id}/history?minPosition=${lastPosition}`, tokens.auditor), 200).body;
    expect(body.entries.map((e: { label: string }) => e.label)).toEqual(['提交', '签收登记', '初审拟办', '分工呈批', '批示', '交办', '催办', '办结']);
    const assigned = body.entries[5];
    expect(assigned).toMatchObject({
      revision: 5,
      at: '2026-03-02T02:00:00.000Z',
      type: 'document.assigned',
      actor: { id: 'office-clerk-1', name: '市政府办公室文电科工作人员' },
      role: 'office_clerk',
      roleLabel: '市政府办公室工作人员',
      unit: 'zjg-gov-office',
      unitName: '张家港市人民政府办公室',
      data: { leadUnit: 'education', handlingClass: 'own_authority', deadline: '2026-03-11' },
    });
    expect(assigned.summary).toBe('交办 市教育局 主办;职权范围内事项;办理时限 2026-03-11');
    expect(body.entries[6].summary).toBe('催办(已逾期):已逾期,请于今日报送办理结果');
    expect(body.entries[7].summary).toBe('市教育局办结(逾期):已按要求办结');
    expect(body.entries[7].roleLabel).toBe('单位经办人');
  });

  it('gives the state at a past revision or moment, folded with the same evolve', async () => {
    const atAssign = expectStatus(await api.get(`/documents/${id}/state?revision=5`, tokens.auditor), 200).body;
    expect(atAssign).toMatchObject({ revision: 5, latestRevision: 7, status: 'assigned', statusLabel: '已交办办理中', deadline: { dueDate: '2026-03-11' }, urges: [] });
    const beforeCompletion = expectStatus(await api.get(`/documents/${id}/state?asOf=2026-03-12T12:00:00%2B08:00`, tokens.auditor), 200).body;
    expect(beforeCompletion).toMatchObject({ revision: 6, status: 'assigned', asOf: '2026-03-12T04:00:00.000Z' });
    expect(beforeCompletion.urges).toHaveLength(1);
    const now = expectStatus(await api.get(`/documents/${id}/state`, tokens.auditor), 200).body;
    const current = expectStatus(await client.get(id, tokens.auditor), 200).body;
    expect(now).toMatchObject({ revision: 7, status: 'completed' });
    expect({ ...now, asOf: undefined, latestRevision: undefined, recordedAt: undefined }).toEqual({ ...current, asOf: undefined, latestRevision: undefined, recordedAt: undefined });
  });

  it('answers clearly for a moment before the document existed, a revision it never had, and for both asOf and revision', async () => {
    const before = await api.get(`/documents/${id}/state?asOf=2026-01-01`, tokens.auditor);
    expect(before.status).toBe(404);
    expect(before.body.code).toBe('NOT_YET_EXISTING');
    const beyond = await api.get(`/documents/${id}/state?revision=99`, tokens.auditor);
    expect(beyond.status).toBe(404);
    expect(beyond.body).toMatchObject({ code: 'REVISION_NOT_FOUND', details: { revision: 99, latestRevision: 7 } });
    expect(beyond.body.message).toContain('最新版本为 7');
    const both = await api.get(`/documents/${id}/state?asOf=2026-03-05&revision=2`, tokens.auditor);
    expect(both.status).toBe(400);
    expect(both.body.code).toBe('AS_OF_OR_REVISION');
  });

  it('exports the raw events as JSON with envelope, metadata and hash chain', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/documents/${id}/events`, headers: { authorization: `Bearer ${tokens.auditor}` } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(`document-${id}-events.json`);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ streamId: `document-${id}`, count: 8 });
    expect(body.events[0]).toMatchObject({ streamId: `document-${id}`, revision: 0, type: 'document.submitted', schemaVersion: 1 });
    expect(body.events[1].metadata.prevHash).toBe(body.events[0].metadata.hash);
  });

  it('is folded on read from the stored events: one entry per event, current at once, waiting for no read model', async () => {
    const other = (await assignedDocument(t, client, tokens, { unit: 'education', assignAt: '2026-03-13T03:00:00.000Z' })).id;
    t.clock.set('2026-03-13T04:00:00.000Z');
    const urged = expectStatus(await client.urge(other, tokens.supervisor, { text: '请加快办理' }), 200, '催办').body;
    // No minPosition: the stream is read from the store, so the write just acknowledged is there.
    const body = expectStatus(await api.get(`/documents/${other}/history`, tokens.auditor), 200).body;
    expect(body).toMatchObject({ id: other, source: 'document', sourceLabel: '收文交办' });
    expect(body.entries.at(-1)).toMatchObject({ revision: urged.revision, position: urged.position, label: '催办', unit: 'zjg-gov-office-supervision', roleLabel: expect.any(String) });
    const raw = JSON.parse((await t.app.inject({ method: 'GET', url: `/documents/${other}/events`, headers: { authorization: `Bearer ${tokens.auditor}` } })).body);
    const fields = (e: { revision: number; position: string; at: string; type: string }) => [e.revision, e.position, e.at, e.type];
    expect(body.entries.map(fields)).toEqual(raw.events.map((e: { revision: number; globalPosition: string; recordedAt: string; type: string }) => [e.revision, e.globalPosition, e.recordedAt, e.type]));
    // minPosition is still accepted; there is no read model to wait for. One beyond the last
    // event was never returned by a command: refused like on every other query.
    const mine = expectStatus(await api.get(`/documents/${other}/history?minPosition=${urged.position}`, tokens.auditor), 200).body;
    expect(mine.entries).toEqual(body.entries);
    expect((await api.get(`/documents/${other}/history?minPosition=9999999999999999`, tokens.auditor)).body.code).toBe('MIN_POSITION_AHEAD');
  });

  it('a unit outside the document sees it as absent; unknown ids are 404, bad ids 400', async () => {
    expect((await api.get(`/documents/${id}/history`, tokens.unit('finance'))).status).toBe(404);
    expect((await api.get(`/documents/${id}/history`, tokens.unit('education'))).status).toBe(200);
    const missing = await api.get(`/documents/00000000-0000-4000-8000-000000000000/history`, tokens.auditor);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: '未找到文档 00000000-0000-4000-8000-000000000000' });
    const outside = await api.get(`/documents/${id}/history`, tokens.unit('finance'));
    expect(outside.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: `未找到文档 ${id}` });
    expect((await api.get(`/documents/not-a-uuid/events`, tokens.auditor)).status).toBe(400);
  });
});
