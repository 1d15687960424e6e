import { http } from '../support/http';
import { startFeatureApp, type FeatureApp } from './feature-app';

describe('HTTP: a normative document from draft to 备案 (real modules, SQLite)', () => {
  let t: FeatureApp;
  let api: ReturnType<typeof http>;
  let tok: Record<string, string>;
  beforeAll(async () => {
    t = await startFeatureApp('2026-03-02T02:00:00.000Z');
    api = http(t.app);
    tok = {
      edu: t.token({ sub: 'edu-1', unit: 'education', roles: ['unit_clerk'] }),
      office: t.token({ sub: 'office-1', unit: 'zjg-gov-office', roles: ['office_clerk'] }),
      director: t.token({ sub: 'director', unit: 'zjg-gov-office', roles: ['office_director'] }),
      legal: t.token({ sub: 'legal-1', unit: 'justice', roles: ['legal_reviewer'] }),
      mayor: t.token({ sub: 'mayor', unit: 'zjg-gov', roles: ['mayor'], leader: 'mayor' }),
      viceMayor: t.token({ sub: 'vm2', unit: 'zjg-gov', roles: ['vice_mayor'], leader: 'vice-mayor-2' }),
    };
  });
  afterAll(() => t.close());

  it('walks the whole path, refusing at the gates with the article', async () => {
    const drafted = await api.post('/issuances', tok.edu!, { title: '张家港市义务教育阶段学校招生入学管理办法', issuer: 'government', category: 'normative' });
    expect(drafted.status).toBe(201);
    const url = String(drafted.headers.location);
    expect(url).toMatch(/^\/issuances\/[0-9a-f-]{36}$/);
    const step = (path: string, token: string, body: unknown = {}, headers?: Record<string, string>) => api.post(`${url}/${path}`, token, body, headers);

    expect((await step('public-comment', tok.edu!, { opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '张家港市人民政府网站' })).status).toBe(200);

    const early = await step('deliberation-request', tok.office!, { meeting: 'executive' });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'PUBLIC_COMMENT_NOT_CLOSED', details: { article: '第二十条' } });
    const gate = (await api.get(url, tok.office!)).body.legalityGate.map((b: { code: string }) => b.code);
    expect(gate).toEqual(['PUBLIC_COMMENT_NOT_CLOSED', 'LEGALITY_REVIEW_MISSING', 'INTEGRITY_REVIEW_MISSING', 'SUPERVISION_OPINION_MISSING']);

    t.clock.set('2026-04-01T02:00:00.000Z');
    expect((await step('public-comment/closure', tok.edu!, { commentCount: 12, summary: '收到意见 12 条, 采纳 5 条' })).status).toBe(200);
    expect((await step('legality-review', tok.edu!, { lawful: true, opinion: '制定主体、权限、程序合法' })).status).toBe(200);
    expect((await step('integrity-review', tok.edu!, { passed: true, opinion: '未发现廉洁风险' })).status).toBe(200);
    const noOpinion = await step('deliberation-request', tok.office!, { meeting: 'executive' });
    expect(noOpinion.body).toMatchObject({ code: 'SUPERVISION_OPINION_MISSING', details: { article: '第四十五条' } });
    expect((await step('supervision-opinion', tok.legal!, { concurs: true, opinion: '同意起草单位的合法性审核意见' })).status).toBe(200);
    expect((await step('deliberation-request', tok.office!, { meeting: 'executive' })).status).toBe(200);

    t.clock.set('2026-04-09T08:00:00.000Z');
    expect((await step('deliberation-outcome', tok.office!, { session: '市政府第12次常务会议', heldOn: '2026-04-09', outcome: 'adopted' })).status).toBe(200);
    expect((await step('reviews', tok.director!, { opinion: '已核' })).status).toBe(200);

    t.clock.set('2026-04-10T06:00:00.000Z');
    const wrongSigner = await step('signatures', tok.viceMayor!);
    expect(wrongSigner.status).toBe(403);
    expect(wrongSigner.body).toMatchObject({ code: 'SIGNER_NOT_ALLOWED', details: { article: '第四十三条' } });
    const signed = await step('signatures', tok.mayor!, { opinion: '同意印发' });
    expect(signed.status).toBe(200);

    const stale = await step('issue', tok.office!, {}, { 'if-match': '"3"' });
    expect(stale.status).toBe(412);

    t.clock.set('2026-04-13T02:00:00.000Z');
    const issued = await step('issue', tok.office!, {}, { 'idempotency-key': 'issue-1' });
    expect(issued.status).toBe(200);
    expect(issued.body.documentNumber).toBe('张政发〔2026〕1号');
    expect(issued.headers.etag).toBe(`"${issued.body.revision}"`);
    const retried = await step('issue', tok.office!, {}, { 'idempotency-key': 'issue-1' });
    expect(retried.body).toMatchObject({ documentNumber: '张政发〔2026〕1号', revision: issued.body.revision });

    expect((await step('publication', tok.office!, { channel: '张家港市人民政府网站' })).status).toBe(200);
    t.clock.set('2026-04-20T02:00:00.000Z');
    const filed = await step('filing', tok.office!, { reference: '张人常备〔2026〕5号' });
    expect(filed.status).toBe(200);

    const state = await api.get(url, tok.office!);
    expect(state.status).toBe(200);
    expect(state.headers.etag).toBe(`"${state.body.revision}"`);
    expect(state.body).toMatchObject({
      status: 'issued',
      statusLabel: '已印发',
      issued: { documentNumber: '张政发〔2026〕1号', dated: '2026-04-10', issuedOn: '2026-04-13' },
      publication: { kind: 'published' },
      filed: { filedWith: 'standing_committee', filedOn: '2026-04-20', reference: '张人常备〔2026〕5号' },
      signingRule: { id: 'major_instruments', article: '第四十三条' },
      legalityGate: [],
    });
  });

  it('第三十五条: a text adopted 修改后通过 is signed after the revision that implements the amendments', async () => {
    t.clock.set('2026-03-02T02:00:00.000Z');
    const drafted = await api.post('/issuances', tok.edu!, { title: '张家港市校外培训机构管理办法', issuer: 'government', category: 'normative' });
    const url = String(drafted.headers.location);
    const step = (path: string, token: string, body: unknown = {}) => api.post(`${url}/${path}`, token, body);
    expect((await step('public-comment', tok.edu!, { opensOn: '2026-03-02', closesOn: '2026-03-31', channel: '张家港市人民政府网站' })).status).toBe(200);
    t.clock.set('2026-04-01T02:00:00.000Z');
    expect((await step('public-comment/closure', tok.edu!, { commentCount: 3, summary: '采纳 1 条' })).status).toBe(200);
    expect((await step('legality-review', tok.edu!, { lawful: true, opinion: '合法' })).status).toBe(200);
    expect((await step('integrity-review', tok.edu!, { passed: true, opinion: '未发现廉洁风险' })).status).toBe(200);
    expect((await step('supervision-opinion', tok.legal!, { concurs: true, opinion: '同意' })).status).toBe(200);
    expect((await step('deliberation-request', tok.office!, { meeting: 'executive' })).status).toBe(200);
    t.clock.set('2026-04-09T08:00:00.000Z');
    const outcome = { session: '市政府第13次常务会议', heldOn: '2026-04-09', outcome: 'adopted_with_amendments', notes: '修改第三条后通过' };
    expect((await step('deliberation-outcome', tok.office!, outcome)).status).toBe(200);

    const revised = await step('revision', tok.edu!, { summary: '按常务会议意见修改第三条', implementsAmendments: true });
    expect(revised.status).toBe(200);
    expect((await step('reviews', tok.director!, { opinion: '已核' })).status).toBe(200);
    const state = (await api.get(url, tok.office!)).body;
    expect(state).toMatchObject({ textVersion: 2, legalityGate: [], deliberation: { textVersion: 2, amendedFrom: 1 } });
    expect((await step('signatures', tok.mayor!, { opinion: '同意' })).status).toBe(200);
  });

  it('机关代字: a department cannot number under the 市政府’s 张政发 (403); the 市长 may sign a 市政府 一般工作 document (第四十四条)', async () => {
    const own = await api.post('/issuances', tok.edu!, { title: '教育局工作通知', issuer: 'department', documentCode: '张政发', category: 'work' });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'DOCUMENT_CODE_NOT_OWN' });
    const work = await api.post('/issuances', tok.office!, { title: '关于做好春季开学工作的通知', issuer: 'government', category: 'work', draftingUnit: 'education' });
    expect((await api.post(`${String(work.headers.location)}/signatures`, tok.mayor!, {})).status).toBe(200);
  });

  it('第四十六条: a request to 批转 a document within the department’s own authority is refused with 422', async () => {
    const res = await api.post('/issuances', tok.edu!, {
      title: '市政府批转市教育局关于做好暑期安全工作意见的通知',
      issuer: 'government',
      category: 'work',
      forwarding: { kind: 'endorse', sourceUnit: 'education', withinSourceAuthority: true },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'FORWARDING_WITHIN_OWN_AUTHORITY', details: { article: '第四十六条' } });
  });

  it('bad input is a 400 with Chinese field messages', async () => {
    const res = await api.post('/issuances', tok.edu!, { title: '', issuer: 'county', category: 'normative', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('title 为必填项');
    expect(res.body.details.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['title', 'issuer', 'extra']));
  });
});
