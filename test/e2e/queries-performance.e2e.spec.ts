import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentsClient, documentTokens, expectStatus, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * 第三十二条 绩效考核 over HTTP. March 2026: three matters for 市教育局 (one on time, one late
 * after a 催办, one still open and overdue) and one for 市财政局 (extended, still in time).
 */
describe('unit performance (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-03-02T01:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
    const assign = async (unit: string, at: string) => {
      t.clock.set('2026-03-02T01:00:00.000Z');
      return (await assignedDocument(t, client, tokens, { unit, assignAt: at })).id;
    };
    const onTime = await assign('education', '2026-03-02T02:00:00.000Z');
    const late = await assign('education', '2026-03-02T03:00:00.000Z');
    await assign('education', '2026-03-02T04:00:00.000Z');
    const extended = await assign('finance', '2026-03-02T05:00:00.000Z');
    t.clock.set('2026-03-05T02:00:00.000Z');
    expectStatus(await client.complete(onTime, tokens.unit('education'), { result: '办结' }), 200);
    expectStatus(await client.requestExtension(extended, tokens.unit('finance'), { requestedDueDate: '2026-04-30', reason: '需调研' }), 200);
    expectStatus(await client.approveExtension(extended, tokens.officeDirector, {}), 200);
    t.clock.set('2026-03-12T01:00:00.000Z');
    expectStatus(await client.urge(late, tokens.supervisor, { text: '已逾期' }), 200);
    t.clock.set('2026-03-13T02:00:00.000Z');
    position = expectStatus(await client.complete(late, tokens.unit('education'), { result: '办结' }), 200).body.position;
    t.clock.set('2026-03-20T02:00:00.000Z');
  });
  afterAll(() => t.close());

  it('per unit over a month: assigned, completed, on time, overdue now, extensions, 催办, average working days, 办结率, 按时办结率', async () => {
    const body = expectStatus(await api.get(`/performance?month=2026-03&minPosition=${position}`, tokens.supervisor), 200).body;
    expect(body).toMatchObject({ from: '2026-03-01', to: '2026-03-31', by: 'unit', period: 'range' });
    const byUnit = Object.fromEntries(body.rows.map((r: { key: string }) => [r.key, r]));
    expect(byUnit.education).toEqual({
      key: 'education',
      name: '市教育局',
      period: '2026-03-01~2026-03-31',
      assigned: 3,
      completed: 2,
      completedOnTime: 1,
      overdueNow: 1,
      extensions: 0,
      urges: 1,
      // 3-02 → 3-05: 3 working days; 3-02 → 3-13: 9.
      averageWorkingDaysToComplete: 6,
      completionRate: 0.6667,
      onTimeRate: 0.3333,
    });
    expect(byUnit.finance).toMatchObject({ assigned: 1, completed: 0, overdueNow: 0, extensions: 1, completionRate: 0, onTimeRate: null });
    expect(body.totals).toMatchObject({ name: '合计', assigned: 4, completed: 2, urges: 1, extensions: 1 });
    expect(body.definitions.onTimeRate).toContain('按时办结率');
  });

  it('per 分管领导 and per month', async () => {
    const body = expectStatus(await api.get('/performance?from=2026-02-01&to=2026-03-31&by=leader&period=month', tokens.supervisor), 200).body;
    expect(body.rows.map((r: { key: string; period: string; assigned: number }) => [r.key, r.period, r.assigned])).toEqual([
      ['executive-vice-mayor', '2026-03', 1],
      ['vice-mayor-2', '2026-03', 3],
    ]);
  });

  it('exports as CSV and XLSX with Chinese headers; bad ranges are 400', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/performance/export.csv?month=2026-03', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    const text = csv.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\r\n')[0]).toBe('单位,期间,交办数,办结数,按时办结数,当前逾期数,延期数,催办数,平均办结工作日,办结率,按时办结率');
    expect(text).toContain('市教育局,2026-03-01~2026-03-31,3,2,1,1,0,1,6,66.7%,33.3%');
    const xlsx = await t.app.inject({ method: 'GET', url: '/performance/export.xlsx?month=2026-03&by=leader', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await api.get('/performance?from=2026-04-01&to=2026-03-01', tokens.supervisor)).body.code).toBe('INVALID_RANGE');
    expect((await api.get('/performance?month=2026-13', tokens.supervisor)).status).toBe(400);
  });

  it('months and ranges lie within 2000-01-01 … 2100-12-31: outside is 400 INVALID_RANGE naming the range, inside the month ends are right', async () => {
    for (const query of ['month=0000-01', 'month=0099-12', 'month=1999-12', 'month=2101-01', 'from=1999-12-31&to=2000-01-31', 'from=2100-12-01&to=2101-01-01', 'to=0000-01-31']) {
      for (const path of ['/performance', '/performance/export.csv', '/performance/export.xlsx']) {
        const res = await api.get(`${path}?${query}`, tokens.supervisor);
        expect({ path, query, status: res.status, code: res.body.code }).toEqual({ path, query, status: 400, code: 'INVALID_RANGE' });
        expect(res.body.message).toContain('2000-01-01 至 2100-12-31');
      }
    }
    const notADay = await api.get('/performance?from=2026-02-30&to=2026-03-31', tokens.supervisor);
    expect({ status: notADay.status, code: notADay.body.code }).toEqual({ status: 400, code: 'INVALID_RANGE' });
    expect(notADay.body.message).toContain('2026-02-30');
    const to = async (month: string) => expectStatus(await api.get(`/performance?month=${month}`, tokens.supervisor), 200).body.to;
    expect([await to('2000-01'), await to('2000-02'), await to('2100-02'), await to('2100-12')]).toEqual(['2000-01-31', '2000-02-29', '2100-02-28', '2100-12-31']);
  });
});
