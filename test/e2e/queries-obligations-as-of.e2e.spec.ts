import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/app';
import { assignedDocument, documentsClient, documentTokens, expectStatus, type DocumentsClient, type DocumentTokens } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * 第三十二条 督查 as of a past moment, over HTTP: what was owed then, with the due dates of then,
 * including what has been fulfilled since — not today's open obligations judged by an old date.
 * Working days are counted with the official calendar across 国庆 2026 (10-01…10-07 off,
 * Saturday 10-10 a 调休 working day).
 *
 * "Now" is Thursday 2026-10-22 09:00 (Beijing). Three matters, 职权范围内 (7 working days):
 *   E 市教育局, 交办 09-18: 办结 due 09-29; fulfilled 10-20 (late).
 *   D 市自然资源和规划局, 交办 09-28: 办结 due 10-13; extension asked 10-15 09:30, approved
 *     10-16 to 10-30; fulfilled yesterday, 10-21.
 *   F 市交通运输局, 交办 10-12: 办结 due 10-21; still open.
 */
describe('obligations queries as of a past moment (e2e)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let api: ReturnType<typeof http>;
  let D: string;
  let E: string;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-18T01:00:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    api = http(t.app);
    E = (await assignedDocument(t, client, tokens, { unit: 'education', assignAt: '2026-09-18T02:00:00.000Z' })).id;
    t.clock.set('2026-09-21T01:00:00.000Z');
    D = (await assignedDocument(t, client, tokens, { unit: 'natural-resources', assignAt: '2026-09-28T02:00:00.000Z' })).id;
    t.clock.set('2026-10-12T01:00:00.000Z');
    await assignedDocument(t, client, tokens, { unit: 'transport', assignAt: '2026-10-12T02:00:00.000Z' });
    const lead = tokens.unit('natural-resources');
    t.clock.set('2026-10-15T01:30:00.000Z');
    expectStatus(await client.requestExtension(D, lead, { requestedDueDate: '2026-10-30', reason: '需补充调查材料' }), 200, '申请延期');
    t.clock.set('2026-10-16T02:00:00.000Z');
    expectStatus(await client.approveExtension(D, tokens.officeDirector, {}), 200, '批准延期');
    t.clock.set('2026-10-20T02:00:00.000Z');
    expectStatus(await client.complete(E, tokens.unit('education'), { result: '已办结' }), 200, '办结 E');
    t.clock.set('2026-10-21T02:00:00.000Z');
    expectStatus(await client.complete(D, lead, { result: '已办结' }), 200, '办结 D');
    position = expectStatus(await client.get(D, tokens.officeClerk), 200).body.position;
    t.clock.set('2026-10-22T01:00:00.000Z');
  });
  afterAll(() => t.close());

  const get = async (path: string, token = tokens.supervisor) => expectStatus(await api.get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, token), 200, path).body;
  type Item = { documentId: string; type: string; dueDate: string; colour: string; workingDaysOverdue: number | null; workingDaysRemaining: number | null };
  const name = (i: Item) => (i.documentId === D ? 'D' : i.documentId === E ? 'E' : 'F');
  const rows = (body: { items: Item[] }) => body.items.map((i) => `${name(i)}:${i.type}:${i.dueDate}`);

  it('第三十二条: an obligation fulfilled yesterday is still overdue as of last week, with the due date it had then', async () => {
    const body = await get('/obligations/overdue?asOf=2026-10-14');
    expect(body.asOf).toBe('2026-10-14T15:59:59.999Z');
    expect(rows(body)).toEqual(['E:completion:2026-09-29', 'D:completion:2026-10-13']);
    // Counted up to 10-14: E over 9-30, 10-8, 10-9, the 调休 Saturday 10-10, 10-12, 10-13, 10-14.
    expect(body.items.map((i: Item) => [i.colour, i.workingDaysOverdue, i.workingDaysRemaining])).toEqual([
      ['red', 7, null],
      ['red', 1, null],
    ]);
    expect(body.items[1]).toMatchObject({ unitName: '市自然资源和规划局', leader: 'vice-mayor-1', typeLabel: '办结', openedAt: '2026-09-28T02:00:00.000Z' });
    // Now both are done; only F, due yesterday, is overdue.
    expect(rows(await get('/obligations/overdue'))).toEqual(['F:completion:2026-10-21']);
  });

  it('第四十七条: while the extension was pending the approver owed a decision; once approved the due date is the new one', async () => {
    expect(rows(await get('/obligations/overdue?asOf=2026-10-15T12:00:00%2B08:00'))).toEqual([
      'E:completion:2026-09-29',
      'D:extension_decision:2026-10-13',
      'D:completion:2026-10-13',
    ]);
    const after = await get('/obligations?view=open&asOf=2026-10-19');
    expect(rows(after)).toEqual(['E:completion:2026-09-29', 'F:completion:2026-10-21', 'D:completion:2026-10-30']);
    expect(after.items.map((i: Item) => i.colour)).toEqual(['red', 'yellow', 'green']);
    expect(rows(await get('/obligations/overdue?asOf=2026-10-19'))).toEqual(['E:completion:2026-09-29']);
  });

  it('第四十七条: working days as of a past date across 国庆 and the 调休 Saturday', async () => {
    // Holiday 10-02: one working day (9-30) overdue; three working days ahead reach only the 调休 Saturday 10-10.
    const holiday = await get('/obligations?asOf=2026-10-02T10:00:00%2B08:00');
    expect(holiday.dueSoonThrough).toBe('2026-10-10T15:59:59.999Z');
    expect(holiday.items.map((i: Item) => [name(i), i.colour, i.workingDaysOverdue, i.workingDaysRemaining])).toEqual([
      ['E', 'red', 1, null],
      ['D', 'green', null, 5],
    ]);
    // Friday 10-09: the 3rd working day ahead is Tuesday 10-13 (over the 调休 Saturday), so D is yellow.
    const friday = await get('/obligations/due-soon?asOf=2026-10-09T10:00:00%2B08:00&withinDays=3');
    expect(friday.dueSoonThrough).toBe('2026-10-13T15:59:59.999Z');
    expect(friday.items.map((i: Item) => [name(i), i.workingDaysRemaining])).toEqual([['D', 3]]);
    // Monday 10-12 noon: E is 5 working days overdue (9-30, 10-8, 10-9, 10-10, 10-12); F was assigned that morning.
    const monday = await get('/obligations?asOf=2026-10-12T12:00:00%2B08:00');
    expect(monday.items.map((i: Item) => [name(i), i.colour, i.workingDaysOverdue ?? i.workingDaysRemaining])).toEqual([
      ['E', 'red', 5],
      ['D', 'yellow', 1],
      ['F', 'green', 7],
    ]);
    // Before anything was assigned nothing was owed.
    expect(rows(await get('/obligations?asOf=2026-09-17'))).toEqual([]);
  });

  it('filters and sorts apply to the versions of then as to the open rows of now', async () => {
    const at = 'asOf=2026-10-14';
    expect(rows(await get(`/obligations/overdue?${at}&unit=education`))).toEqual(['E:completion:2026-09-29']);
    expect(rows(await get(`/obligations/overdue?${at}&leader=vice-mayor-1`))).toEqual(['D:completion:2026-10-13']);
    expect(rows(await get(`/obligations/overdue?${at}&owedBy=natural-resources`))).toEqual(['D:completion:2026-10-13']);
    expect(rows(await get(`/obligations/overdue?${at}&handlingClass=own_authority&kind=request`))).toHaveLength(2);
    expect(rows(await get(`/obligations/overdue?${at}&handlingClass=needs_investigation`))).toEqual([]);
    const open = 'view=open&asOf=2026-10-19';
    expect(rows(await get(`/obligations?${open}&sort=-dueAt`)).map((r) => r[0])).toEqual(['D', 'F', 'E']);
    expect(rows(await get(`/obligations?${open}&sort=unit`)).map((r) => r[0])).toEqual(['E', 'D', 'F']);
    // A unit sees only its own, then as now.
    expect(rows(await get(`/obligations/overdue?${at}`, tokens.unit('education')))).toEqual(['E:completion:2026-09-29']);
  });

  it('pages with a stable cursor across the current rows and the ended versions', async () => {
    for (const sort of ['dueAt', '-dueAt', 'unit']) {
      const all = rows(await get(`/obligations?view=open&asOf=2026-10-19&sort=${sort}`));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = await get(`/obligations?view=open&asOf=2026-10-19&sort=${sort}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...rows(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect({ sort, seen }).toEqual({ sort, seen: all });
      expect(all).toHaveLength(3);
    }
  });

  it('第三十二条: the summary as of last week counts the colours of then, the same as the list of then; statuses say they are today\'s', async () => {
    const summary = await get('/obligations/summary?asOf=2026-10-14');
    const list = await get('/obligations?asOf=2026-10-14&limit=100');
    const count = (items: Array<Item & { unit: string }>) => {
      const byUnit: Record<string, Record<string, number>> = {};
      for (const i of items) {
        const u = (byUnit[i.unit] ??= { red: 0, yellow: 0, green: 0, open: 0 });
        u[i.colour]! += 1;
        u.open! += 1;
      }
      return byUnit;
    };
    const fromSummary = Object.fromEntries(
      (summary.units as Array<{ unit: string; red: number; yellow: number; green: number; open: number }>)
        .filter((u) => u.open > 0)
        .map((u) => [u.unit, { red: u.red, yellow: u.yellow, green: u.green, open: u.open }]),
    );
    expect(fromSummary).toEqual(count(list.items));
    // E and D were overdue then (both fulfilled since); today only F is.
    expect(summary.totals.red).toBe(2);
    expect((await get('/obligations/summary')).totals.red).toBe(1);
    expect(summary.asOf).toBe('2026-10-14T15:59:59.999Z');
    expect(summary.statusesAsOf).toBe('2026-10-22T01:00:00.000Z');
  });

  it('an asOf now or later reads the open obligations as they are', async () => {
    expect(rows(await get('/obligations/overdue?asOf=2026-10-23'))).toEqual(['F:completion:2026-10-21']);
    expect(rows(await get('/obligations?asOf=2026-10-22T09:00:00%2B08:00'))).toEqual(['F:completion:2026-10-21']);
  });

  it('exports a past asOf as CSV and XLSX with the rows of then', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/obligations/export.csv?view=overdue&asOf=2026-10-14', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(csv.statusCode).toBe(200);
    const lines = csv.rawPayload.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual(['红,7,,2026-09-29,办结,市教育局', '红,1,,2026-10-13,办结,市自然资源和规划局']);

    const xlsx = await t.app.inject({ method: 'GET', url: '/obligations/export.xlsx?asOf=2026-10-19', headers: { authorization: `Bearer ${tokens.supervisor}` } });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const sheet = book.worksheets[0]!;
    expect([2, 3, 4].map((r) => sheet.getRow(r).getCell(4).value)).toEqual(['2026-09-29', '2026-10-21', '2026-10-30']);
    expect(sheet.getRow(5).getCell(4).value).toBeNull();
  });
});
