import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { ACTORS, expectStatus } from '../support/document-fixtures';
import { http } from '../support/http';

/**
 * 第二十七条 限时办结 past the official calendar data, through the app: a proposal assigned on
 * 2026-12-01 has provisional deadlines (答复 2027-03-01, 协办意见 2027-01-01); after a restart
 * with 2027 calendar data `POST /proposals/:id/deadline-recalculation` records the recount,
 * and the item's state, history and open obligations follow it.
 */
describe('HTTP: recalculating provisional proposal deadlines after a calendar update (DESIGN §5)', () => {
  let t: TestApp;
  let api: ReturnType<typeof http>;
  let id: string;
  const office = () => t.token({ sub: 'office-1', unit: 'zjg-gov-office', roles: ['office_clerk'] });
  const edu = () => t.token({ sub: 'edu-1', unit: 'education', roles: ['unit_clerk'] });
  const supervisor = () => t.token(ACTORS.supervisor);
  const recalculate = (token: string, headers?: Record<string, string>) => api.post(`/proposals/${id}/deadline-recalculation`, token, undefined, headers);
  const restart = async (env: Record<string, string>, now: string) => {
    const dataDir = t.config.dataDir;
    await t.close();
    t = await startTestApp({ DATA_DIR: dataDir, ...env }, now);
    api = http(t.app);
  };

  beforeAll(async () => {
    t = await startTestApp({}, '2026-11-30T02:00:00.000Z');
    api = http(t.app);
    const registered = expectStatus(
      await api.post('/proposals', office(), { kind: 'cppcc_proposal', number: '第0031号', session: '市政协十五届五次会议', proposer: '陈委员', subject: '关于增设公交站点的提案' }),
      201,
      '登记',
    );
    id = registered.body.id ?? String(registered.headers.location).split('/').pop();
    t.clock.set('2026-12-01T02:00:00.000Z');
    expectStatus(await api.post(`/proposals/${id}/assignment`, office(), { leadUnit: 'education', coUnits: ['transport'] }), 200, '交办');
  });
  afterAll(() => t.close());

  it('第二十七条: on the calendar the deadlines were counted with there is nothing to change: 200, no event, same ETag', async () => {
    const before = expectStatus(await api.get(`/proposals/${id}`, office()), 200);
    expect(before.body.answerDeadline).toMatchObject({ dueDate: '2027-03-01', provisional: true });
    expect(before.body.coOpinionDeadline).toMatchObject({ dueDate: '2027-01-01', provisional: true });
    const res = expectStatus(await recalculate(office()), 200, '重算');
    expect(res.body.events).toEqual([]);
    expect(res.headers.etag).toBe(before.headers.etag);
  });

  it('第二十七条: only the office recalculates (403 NOT_OFFICE from the permission matrix)', async () => {
    const res = await recalculate(edu());
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'NOT_OFFICE', details: { article: '第二十七条', rule: 'proposal.recalculateDeadlines', by: 'permission-matrix' } });
  });

  it('第二十七条: with 2027 data (元旦 off) the 协办意见 deadline moves to 2027-01-04 and the 答复 one is final; state, history and obligations follow', async () => {
    const overrideFile = join(mkdtempSync(join(tmpdir(), 'gw-calendar-')), 'calendar-override.json');
    writeFileSync(overrideFile, JSON.stringify({ source: 'e2e 测试用的假设通知', holidays: ['2027-01-01'], workdays: [], coveredThrough: '2027-12-31' }));
    await restart({ CALENDAR_OVERRIDE_FILE: overrideFile }, '2026-12-10T02:00:00.000Z');

    // Stored deadlines never move by themselves.
    const before = expectStatus(await api.get(`/proposals/${id}`, office()), 200);
    expect(before.body.coOpinionDeadline).toMatchObject({ dueDate: '2027-01-01', provisional: true });

    const stale = await recalculate(office(), { 'If-Match': '"0"' });
    expect(stale.status).toBe(412);

    const res = expectStatus(await recalculate(office(), { 'If-Match': String(before.headers.etag), 'Idempotency-Key': 'recount-1' }), 200, '重算');
    expect(res.headers.etag).toBe(`"${res.body.revision}"`);
    expect(res.body.events).toEqual([
      {
        type: 'proposal.deadlines_recalculated',
        revision: res.body.revision,
        data: expect.objectContaining({
          previousAnswerDeadline: before.body.answerDeadline,
          answerDeadline: expect.objectContaining({ dueDate: '2027-03-01', provisional: false }),
          previousCoOpinionDeadline: before.body.coOpinionDeadline,
          coOpinionDeadline: expect.objectContaining({ dueDate: '2027-01-04', dueAt: '2027-01-04T15:59:59.999Z', provisional: false }),
        }),
      },
    ]);
    const replayed = await recalculate(office(), { 'Idempotency-Key': 'recount-1' });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.revision).toBe(res.body.revision);

    const after = expectStatus(await api.get(`/proposals/${id}`, office()), 200).body;
    expect(after.coOpinionDeadline).toMatchObject({ dueDate: '2027-01-04', provisional: false });
    expect(after.answerDeadline).toMatchObject({ dueDate: '2027-03-01', provisional: false });

    const position = res.body.position;
    const history = expectStatus(await api.get(`/proposals/${id}/history?minPosition=${position}`, office()), 200).body;
    expect(history.entries.at(-1)).toMatchObject({
      label: '时限重算',
      summary: '按更新的工作日历重算时限:答复时限由 2027-03-01(暂定) 改为 2027-03-01,协办意见时限由 2027-01-01(暂定) 改为 2027-01-04',
    });
    const open = expectStatus(await api.get(`/obligations?unit=transport&minPosition=${position}`, supervisor()), 200).body;
    expect(open.items.filter((o: { documentId: string }) => o.documentId === id)).toMatchObject([{ type: 'co_opinion', dueDate: '2027-01-04' }]);

    // Nothing provisional is left.
    const again = await recalculate(office());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DEADLINE_NOT_PROVISIONAL', details: { article: '第二十七条' } });
  });
});
