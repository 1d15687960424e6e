import { http } from '../support/http';
import { startFeatureApp, type FeatureApp } from '../issuance/feature-app';

describe('HTTP: a proposal from 交办 to a published answer (real modules, SQLite, official calendar)', () => {
  let t: FeatureApp;
  let api: ReturnType<typeof http>;
  let tok: Record<string, string>;
  beforeAll(async () => {
    t = await startFeatureApp('2026-07-01T02:00:00.000Z');
    api = http(t.app);
    tok = {
      office: t.token({ sub: 'office-1', unit: 'zjg-gov-office', roles: ['office_clerk'] }),
      director: t.token({ sub: 'director', unit: 'zjg-gov-office', roles: ['office_director'] }),
      edu: t.token({ sub: 'edu-1', unit: 'education', roles: ['unit_clerk'] }),
      transport: t.token({ sub: 'tr-1', unit: 'transport', roles: ['unit_clerk'] }),
    };
  });
  afterAll(() => t.close());

  it('registers, assigns with 第二十七条 deadlines, collects the 协办 opinion, answers, records satisfaction and publishes', async () => {
    const registered = await api.post('/proposals', tok.office!, {
      kind: 'cppcc_proposal',
      number: '第0087号',
      session: '市政协十五届五次会议',
      proposer: '陈委员',
      subject: '关于优化中小学校门口交通组织的提案',
    });
    expect(registered.status).toBe(201);
    const url = String(registered.headers.location);
    const step = (path: string, token: string, body: unknown = {}) => api.post(`${url}/${path}`, token, body);

    expect((await step('assignment', tok.office!, { leadUnit: 'education', coUnits: ['transport'] })).status).toBe(200);
    const assigned = (await api.get(url, tok.office!)).body;
    // 2026-07-01 + 3 months = 10-01 (国庆, through 10-07) → 10-08; + 1 month = Saturday 08-01 → Monday 08-03.
    expect(assigned.answerDeadline).toMatchObject({ dueDate: '2026-10-08', dueAt: '2026-10-08T15:59:59.999Z' });
    expect(assigned.coOpinionDeadline).toMatchObject({ dueDate: '2026-08-03' });

    const tooEarly = await step('answer', tok.edu!, { answerClass: 'A', summary: '已优化' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body).toMatchObject({ code: 'CO_OPINIONS_MISSING', details: { article: '第二十七条' } });

    t.clock.set('2026-07-20T02:00:00.000Z');
    expect((await step('co-opinions', tok.transport!, { opinion: '同意设置上下学临时停车带' })).status).toBe(200);
    t.clock.set('2026-09-10T02:00:00.000Z');
    expect((await step('answer', tok.edu!, { answerClass: 'A', summary: '已在 12 所学校门口设置临时停车带' })).status).toBe(200);
    expect((await step('satisfaction', tok.office!, { satisfaction: 'satisfied', feedback: '效果明显' })).status).toBe(200);
    const published = await step('publication', tok.edu!, { channel: '张家港市人民政府网站', url: 'https://www.zjg.gov.cn/jytabl/x.shtml' });
    expect(published.status).toBe(200);

    const state = await api.get(url, tok.office!);
    expect(state.headers.etag).toBe(`"${state.body.revision}"`);
    expect(state.body).toMatchObject({ status: 'closed', statusLabel: '已办结', published: true, lastSatisfaction: 'satisfied', leadUnit: 'education', coUnits: ['transport'] });
  });

  it('第二十七条: only the office director or a deputy approves an extension (403 for a clerk)', async () => {
    t.clock.set('2026-09-10T02:00:00.000Z');
    const registered = await api.post('/proposals', tok.office!, { kind: 'npc_suggestion', number: '第0013号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增设公交线路的建议' });
    const url = String(registered.headers.location);
    await api.post(`${url}/assignment`, tok.office!, { leadUnit: 'education' });
    await api.post(`${url}/extension-requests`, tok.edu!, { reason: '需跨部门协调', requestedDueDate: '2026-12-31' });
    const denied = await api.post(`${url}/extension-approval`, tok.office!, {});
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'NOT_APPROVER', details: { article: '第二十七条' } });
    expect((await api.post(`${url}/extension-approval`, tok.director!, {})).status).toBe(200);
    expect((await api.get(url, tok.office!)).body.answerDeadline).toMatchObject({ dueDate: '2026-12-31', ruleCode: 'ART27_EXTENSION_APPROVED' });
  });

  it('第二十七条: GET /proposals/:id/history reads in Chinese, with the 答复 deadline at 交办 and the new one at 延期批准', async () => {
    t.clock.set('2026-11-27T02:00:00.000Z');
    const registered = await api.post('/proposals', tok.office!, { kind: 'npc_suggestion', number: '第0014号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增加停车位的建议' });
    const url = String(registered.headers.location);
    await api.post(`${url}/assignment`, tok.office!, { leadUnit: 'education', coUnits: ['transport'] });
    await api.post(`${url}/extension-requests`, tok.edu!, { reason: '需征求学校意见', requestedDueDate: '2027-03-22' });
    expect((await api.post(`${url}/extension-approval`, tok.director!, {})).status).toBe(200);
    const history = await api.get(`${url}/history`, tok.office!);
    expect(history.status).toBe(200);
    expect(history.body.entries.map((e: { label: string; summary: string }) => `${e.label}|${e.summary}`)).toEqual([
      '登记|登记人大代表建议 第0014号《关于增加停车位的建议》(市十六届人大五次会议),领衔:王代表',
      '交办|交办 市教育局 主办,市交通运输局 协办;答复时限 2027-03-01(暂定),协办意见时限 2026-12-28',
      '延期申请|主办单位申请答复时限延期至 2027-03-22:需征求学校意见',
      '延期批准|批准延期,答复时限由 2027-03-01 延至 2027-03-22(暂定)',
    ]);
  });
});
