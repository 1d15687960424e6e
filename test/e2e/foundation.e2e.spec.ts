import { http } from '../support/http';
import { startTestApp, type TestApp } from '../support/app';

describe('HTTP foundation (real app)', () => {
  let t: TestApp;
  let api: ReturnType<typeof http>;
  let unit: string;
  let office: string;
  beforeAll(async () => {
    t = await startTestApp();
    api = http(t.app);
    unit = t.token({ sub: 'fgw-1', unit: 'development-reform', roles: ['unit_clerk'] });
    office = t.token({ sub: 'office-1', unit: 'zjg-gov-office', roles: ['office_clerk'] });
  });
  afterAll(() => t.close());

  const request = { kind: 'request', title: '关于申请专项资金的请示', mainTo: ['zjg-gov'], requestItems: ['拨付资金'] };

  it('401 without a token, with a clear code and message; health and docs stay public', async () => {
    const res = await api.post('/documents', undefined, request);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'TOKEN_MISSING', message: expect.stringContaining('访问令牌') });
    expect((await api.get('/health/live')).status).toBe(200);
    expect((await api.get('/health/ready')).body.status).toBe('ok');
    expect((await api.get('/docs/openapi.json')).body.paths['/documents']).toBeDefined();
  });

  it('401 with an invalid token', async () => {
    const res = await api.post('/documents', 'garbage', request);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('TOKEN_INVALID');
  });

  it('400 with field messages on bad input, unknown fields refused, nothing written', async () => {
    const res = await api.post('/documents', unit, { kind: 'memo', title: '', mainTo: 'zjg-gov', surprise: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['kind', 'title', 'mainTo', 'surprise']));
    expect(res.body.message).toContain('title 为必填项');
    expect(res.body.message).toContain('不允许的字段');
  });

  it('400 on malformed JSON and on an id that is not a UUID', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/documents',
      headers: { authorization: `Bearer ${unit}`, 'content-type': 'application/json' },
      payload: '{"kind": ',
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).code).toBe('MALFORMED_JSON');
    const traversal = await api.get('/documents/..%2F..%2Fetc%2Fpasswd', unit);
    expect([400, 404]).toContain(traversal.status);
    expect((await api.get('/documents/not-a-uuid', unit)).body.code).toBe('INVALID_ID');
  });

  it('a command answers with revision, position and ETag; GET returns the folded state with the same ETag', async () => {
    const created = await api.post('/documents', unit, request);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ revision: 0, replayed: false });
    expect(created.body.position).toMatch(/^\d+$/);
    expect(created.headers.etag).toBe('"0"');
    const state = await api.get(`/documents/${created.body.id}`, unit);
    expect(state.status).toBe(200);
    expect(state.headers.etag).toBe('"0"');
    expect(state.body).toMatchObject({ status: 'submitted', submission: { title: request.title, fromUnit: 'development-reform' } });
  });

  it('412 when If-Match names an old revision; 409 for a command that makes no sense now', async () => {
    const { body } = await api.post('/documents', unit, request);
    const registered = await api.post(`/documents/${body.id}/registration`, office, {}, { 'if-match': '"0"' });
    expect(registered.status).toBe(200);
    expect(registered.headers.etag).toBe('"1"');
    const stale = await api.post(`/documents/${body.id}/review`, office, { opinion: '拟请分管副市长阅示' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', details: { expected: 0, actual: 1 } });
    const early = await api.post(`/documents/${body.id}/completion`, unit, { result: '已办结' });
    expect(early.status).toBe(409);
    expect(early.body.code).toEqual(expect.any(String));
    expect(early.body.message).toEqual(expect.any(String));
  });

  it('Idempotency-Key: a retried submission returns the first result and creates nothing new', async () => {
    const headers = { 'idempotency-key': 'submit-7f3a' };
    const first = await api.post('/documents', unit, request, headers);
    const retry = await api.post('/documents', unit, request, headers);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ id: first.body.id, revision: first.body.revision, position: first.body.position, replayed: true });
    const state = await api.get(`/documents/${first.body.id}`, unit);
    expect(state.body.revision).toBe(first.body.revision);
  });

  it('404 for a document that does not exist', async () => {
    const res = await api.get('/documents/00000000-0000-4000-8000-000000000000', unit);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
