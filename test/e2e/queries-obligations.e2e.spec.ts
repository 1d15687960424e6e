import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import {
  assignedDocument,
  documentsClient,
  documentTokens,
  expectStatus,
  type DocumentsClient,
  type DocumentTokens,
} from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * 第三十二条 督查 over HTTP: 红 (overdue as of a time), 黄 (due within N working days),
 * counted with the official calendar across 国庆 2026 (10-01…10-07 off, Saturday 10-10 a
 * 调休 working day); filters, cursor paging, exports and the dashboard summary.
 *
 * Three matters, all 交办 at 2026-09-28 10:00 (Beijing) unless said otherwise:
 *   A 市自然资源和规划局, 职权范围内: 办结 due 2026-10-13 (9-29, 9-30, 10-8, 10-9, 10-10, 10-12, 10-13)
 *   B 市自然资源和规划局, 需要调查论证: 说明办理情况 due 2026-10-13, 办结 due 2026-11-13
 *   C 市教育局, 职权范围内, 交办 2026-10-09: 办结 due 2026-10-19
 */
describe('obligations queries (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;
  let A: string;
  let B: string;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-21T02:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
    A = (await assignedDocument(t, client, tokens, { unit: 'natural-resources', assignAt: '2026-09-28T02:00:00.000Z' })).id;
    t.clock.set('2026-09-21T02:00:00.000Z');
    B = (await assignedDocument(t, client, tokens, { unit: 'natural-resources', handlingClass: 'needs_investigation', assignAt: '2026-09-28T02:00:00.000Z' })).id;
    t.clock.set('2026-09-21T02:00:00.000Z');
    const c = await assignedDocument(t, client, tokens, { unit: 'education', assignAt: '2026-10-09T02:00:00.000Z' });
    position = c.state.position;
    t.clock.set('2026-10-15T01:00:00.000Z'); // "now": Thursday 2026-10-15 09:00
  });
  afterAll(() => t.close());

  const get = async (path: string, token = tokens.supervisor) => expectStatus(await api.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, token), 200, path).body;
  /** A and B fall due together; ties are ordered by stream id. */
  const AB = () => (A < B ? ['A:completion', 'B:progress'] : ['B:progress', 'A:completion']);
  const rows = (body: { items: Array<{ documentId: string; type: string }> }) => body.items.map((i) => `${i.documentId === A ? 'A' : i.documentId === B ? 'B' : 'C'}:${i.type}`);

  it('红: overdue now (default asOf), with working days overdue counted by the calendar', async () => {
    const body = await get('/obligations/overdue');
    expect(body.asOf).toBe('2026-10-15T01:00:00.000Z');
    expect(rows(body)).toEqual(AB());
    expect(body.items.find((i: { documentId: string }) => i.documentId === A)).toMatchObject({
      dueDate: '2026-10-13',
      colour: 'red',
      colourLabel: '红',
      workingDaysOverdue: 2,
      workingDaysRemaining: null,
      unitName: '市自然资源和规划局',
      leader: 'vice-mayor-1',
      owedBy: { code: 'natural-resources', name: '市自然资源和规划局' },
      typeLabel: '办结',
      kindLabel: '请示',
      handlingClassLabel: '职权范围内事项',
    });
  });

  it('asOf in the past: at the end of the due day nothing is overdue yet; a day later both are, by one working day', async () => {
    expect(rows(await get('/obligations/overdue?asOf=2026-10-13'))).toEqual([]);
    const next = await get('/obligations/overdue?asOf=2026-10-14T08:00:00%2B08:00');
    expect(rows(next)).toEqual(AB());
    expect(next.items.map((i: { workingDaysOverdue: number }) => i.workingDaysOverdue)).toEqual([1, 1]);
    // Before C was assigned it did not exist, so it is not judged as of then.
    expect(rows(await get('/obligations?view=open&asOf=2026-10-01T12:00:00%2B08:00'))).toEqual([...AB(), 'B:completion']);
  });

  it('黄 across the 调休 Saturday: on Friday 10-09 the 3rd working day ahead is Tuesday 10-13', async () => {
    const body = await get('/obligations/due-soon?asOf=2026-10-09T10:00:00%2B08:00&withinDays=3');
    expect(body.dueSoonThrough).toBe('2026-10-13T15:59:59.999Z');
    expect(rows(body)).toEqual(AB());
    expect(body.items.map((i: { workingDaysRemaining: number }) => i.workingDaysRemaining)).toEqual([3, 3]);
  });

  it('黄 over 国庆: on holiday 10-02 three working days reach only 10-10, so nothing due 10-13 is yellow yet', async () => {
    const body = await get('/obligations/due-soon?asOf=2026-10-02T10:00:00%2B08:00&withinDays=3');
    expect(body.dueSoonThrough).toBe('2026-10-10T15:59:59.999Z');
    expect(rows(body)).toEqual([]);
    const open = await get('/obligations?asOf=2026-10-02T10:00:00%2B08:00');
    expect(open.items[0]).toMatchObject({ colour: 'green', workingDaysRemaining: 5 });
  });

  it('filters: unit, 分管领导, handling class, kind, owed by; sorts', async () => {
    expect(rows(await get('/obligations?unit=education'))).toEqual(['C:completion']);
    expect(rows(await get('/obligations?leader=vice-mayor-2'))).toEqual(['C:completion']);
    expect(rows(await get('/obligations?leader=vice-mayor-1&handlingClass=needs_investigation'))).toEqual(['B:progress', 'B:completion']);
    expect(rows(await get('/obligations?kind=request&owedBy=education'))).toEqual(['C:completion']);
    expect(rows(await get('/obligations?sort=-dueAt'))).toEqual(['B:completion', 'C:completion', ...AB().reverse()]);
    expect(rows(await get('/obligations?sort=unit'))).toEqual(['C:completion', ...AB(), 'B:completion']);
    expect(rows(await get('/obligations?leader=vice-mayor-3'))).toEqual([]);
  });

  it('pages with a stable cursor: one row per page, every row once, in order; a cursor of another sort is refused', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ documentId: string; type: string }>; nextCursor: string | null } = await get(`/obligations?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...rows(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...AB(), 'C:completion', 'B:completion']);
    const first = await get('/obligations?limit=1');
    const wrong = await api.get(`/obligations?sort=unit&cursor=${first.nextCursor}`, tokens.supervisor);
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('CURSOR_SORT_MISMATCH');
    expect((await api.get('/obligations?cursor=garbage', tokens.supervisor)).body.code).toBe('INVALID_CURSOR');
  });

  it('bad parameters are 400 with a Chinese message', async () => {
    for (const [query, code] of [
      ['view=purple', 'VALIDATION_FAILED'],
      ['limit=0', 'VALIDATION_FAILED'],
      ['asOf=yesterday', 'INVALID_AS_OF'],
      ['leader=nobody', 'UNKNOWN_LEADER'],
      ['unit=no-such-unit', 'UNKNOWN_UNIT'],
      ['minPosition=5', 'VALIDATION_FAILED'],
      ['extra=1', 'VALIDATION_FAILED'],
    ]) {
      const res = await api.get(`/obligations?${query}`, tokens.supervisor);
      expect({ query, status: res.status, code: res.body.code }).toEqual({ query, status: 400, code });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('an asOf outside 2000-01-01 … 2100-12-31 (Beijing time) is 400 INVALID_AS_OF naming the range, on every endpoint that takes it', async () => {
    const paths = ['/obligations', '/obligations/overdue', '/obligations/due-soon', '/obligations/summary', '/obligations/export.csv', '/obligations/export.xlsx', `/documents/${A}/state`];
    const outside = ['9999-12-31T23:59:59Z', '9999-12-31', '2101-01-01', '2100-12-31T16:00:00Z', '1999-12-31', '1999-12-31T15:59:59Z', '0050-01-01T00:00:00Z', '0000-01-01'];
    for (const path of paths) {
      for (const asOf of outside) {
        const res = await api.get(`${path}?asOf=${encodeURIComponent(asOf)}`, tokens.supervisor);
        expect({ path, asOf, status: res.status, code: res.body.code }).toEqual({ path, asOf, status: 400, code: 'INVALID_AS_OF' });
        expect(res.body.message).toContain('2000-01-01 至 2100-12-31');
        expect(res.body.message).toContain(asOf);
      }
    }
    // The edges are in range, and 黄 may run 60 working days past the last one (into 2101).
    const last = await get('/obligations/due-soon?asOf=2100-12-31&withinDays=60');
    expect(last.asOf).toBe('2100-12-31T15:59:59.999Z');
    expect(last.dueSoonThrough > '2101-03-01').toBe(true);
    expect((await get('/obligations/summary?asOf=2100-12-31T23:59:59%2B08:00&withinDays=60')).asOf).toBe('2100-12-31T15:59:59.000Z');
    expect((await get('/obligations?asOf=2000-01-01T00:00:00%2B08:00')).items).toEqual([]);
  });

  it('kind is checked like the other filters: an unknown kind is 400 listing the accepted codes', async () => {
    const res = await api.get('/obligations?kind=nope', tokens.supervisor);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details.fields).toEqual([{ field: 'kind', messages: [expect.stringContaining('request / report')] }]);
    expect(res.body.details.fields[0].messages[0]).toContain('npc_suggestion');
    expect(res.body.details.fields[0].messages[0]).toContain('normative');
    expect((await api.get('/obligations/export.csv?kind=nope', tokens.supervisor)).status).toBe(400);
  });

  it('a cursor whose contents were altered is 400 INVALID_CURSOR, not an empty page', async () => {
    const forge = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
    const first = await get('/obligations?limit=1');
    const [, dueAt, streamId, obligation] = JSON.parse(Buffer.from(first.nextCursor, 'base64url').toString('utf8')) as string[];
    for (const key of [
      ['dueAt', 'x', 'y', 'z'],
      ['dueAt', '2026-13-45T00:00:00.000Z', streamId, obligation],
      ['dueAt', dueAt, 'not-a-stream', obligation],
      ['dueAt', dueAt, streamId, ''],
      ['unit', 'NO SUCH UNIT', dueAt, streamId, obligation],
    ]) {
      const res = await api.get(`/obligations?sort=${key[0]}&cursor=${forge(key)}`, tokens.supervisor);
      expect({ key, status: res.status, code: res.body.code }).toEqual({ key, status: 400, code: 'INVALID_CURSOR' });
    }
    // The genuine one still continues the list.
    expect(rows(await get(`/obligations?limit=1&cursor=${forge(['dueAt', dueAt, streamId, obligation])}`))).toHaveLength(1);
  });

  it('a value of the wrong type is told so, without range messages that do not apply', async () => {
    const notANumber = await api.get('/obligations/due-soon?withinDays=abc', tokens.supervisor);
    expect(notANumber.status).toBe(400);
    expect(notANumber.body.details.fields).toEqual([{ field: 'withinDays', messages: ['withinDays 应为整数'] }]);
    // A number out of range still names the range.
    const tooMany = await api.get('/obligations/due-soon?withinDays=99', tokens.supervisor);
    expect(tooMany.body.details.fields).toEqual([{ field: 'withinDays', messages: ['withinDays 不得大于 60'] }]);
  });

  it('a unit clerk sees only the obligations of their own unit', async () => {
    expect(rows(await get('/obligations', tokens.unit('education')))).toEqual(['C:completion']);
    expect(rows(await get('/obligations?unit=natural-resources', tokens.unit('education')))).toEqual([]);
  });

  it('exports any query as CSV (UTF-8 with BOM, Chinese headers) and XLSX', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/obligations/export.csv?view=overdue', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(String(csv.headers['content-disposition'])).toContain("filename*=UTF-8''");
    const text = csv.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]!.split(',').slice(0, 6)).toEqual(['状态', '逾期工作日', '剩余工作日', '办理时限', '事项', '责任单位']);
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(',')).sort()).toEqual(['红,2,,2026-10-13,办结,市自然资源和规划局', '红,2,,2026-10-13,说明办理情况,市自然资源和规划局']);

    const xlsx = await t.app.inject({ method: 'GET', url: '/obligations/export.xlsx?leader=vice-mayor-1', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('未完成事项');
    expect((sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['状态', '逾期工作日', '剩余工作日', '办理时限']);
    // Three rows for vice-mayor-1's units, the latest due last (B's 办结, 2026-11-13).
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(4).value)).toEqual(['2026-10-13', '2026-10-13', '2026-11-13']);
    expect(sheet.getRow(4).getCell(5).value).toBe('办结');
  });

  it('the dashboard summary counts by colour and by status per unit', async () => {
    const body = await get('/obligations/summary');
    expect(body.totals).toEqual({ red: 2, yellow: 1, green: 1, open: 4 });
    const byUnit = Object.fromEntries(body.units.map((u: { unit: string }) => [u.unit, u]));
    expect(byUnit['natural-resources']).toMatchObject({ red: 2, yellow: 0, green: 1, open: 3, leader: 'vice-mayor-1', statuses: { document: { assigned: 2 } } });
    // Thursday 10-15: three working days ahead reach Tuesday 10-20, so C (10-19) is yellow.
    expect(byUnit.education).toMatchObject({ red: 0, yellow: 1, green: 0, open: 1 });
    expect(body.statusLabels.document.assigned).toBe('已交办办理中');
  });

  it('the status counts are always of now, and statusesAsOf says so for a future asOf as for a past one', async () => {
    const now = '2026-10-15T01:00:00.000Z';
    const future = await get('/obligations/summary?asOf=2100-01-01T00:00:00Z');
    expect({ asOf: future.asOf, statusesAsOf: future.statusesAsOf }).toEqual({ asOf: '2100-01-01T00:00:00.000Z', statusesAsOf: now });
    // Everything is overdue by then; the statuses are today's.
    expect(future.totals).toMatchObject({ red: 4, open: 4 });
    expect(future.units.find((u: { unit: string }) => u.unit === 'natural-resources').statuses).toEqual({ document: { assigned: 2 } });
    expect((await get('/obligations/summary?asOf=2026-10-01')).statusesAsOf).toBe(now);
    expect((await get('/obligations/summary')).statusesAsOf).toBe(now);
  });
});
