import { startTestApp, type TestApp } from '../support/app';
import {
  CODES,
  LEADERS,
  documentTokens,
  documentsClient,
  expectStatus,
  requestBody,
  revisionOf,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';
import type { HttpResult } from '../support/http';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';

/**
 * The whole 收文 → 交办 → 归档 line (DESIGN §3) over HTTP on the real app, with 交办 on the
 * last working day before 国庆 2026 so the deadlines visibly skip the holiday: 2026-10-01…10-07
 * are off and Saturday 2026-10-10 is a make-up working day (调休).
 */
describe('收文 to 归档 over HTTP: one 请示 through every step', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let unit: string;
  let id: string;
  /** Every successful response, in order. */
  const steps: { step: string; res: HttpResult }[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z'); // Monday 09:30 in Shanghai
    client = documentsClient(t);
    tokens = documentTokens(t);
    unit = tokens.unit('natural-resources');
  });
  afterAll(() => t.close());

  /** Sends a command with If-Match = the last ETag, so each step proves it saw the one before. */
  async function step(name: string, send: (ifMatch: Record<string, string>) => Promise<HttpResult>, status = 200) {
    const previous = steps[steps.length - 1]?.res;
    const res = expectStatus(await send(previous ? { 'if-match': String(previous.headers.etag) } : {}), status, name);
    steps.push({ step: name, res });
    return res;
  }
  const state = async () => expectStatus(await client.get(id, tokens.officeClerk), 200, 'GET').body;

  it('报文: the 市自然资源和规划局 submits a major 请示 that passes every 报文规范 check (201, revision 0)', async () => {
    const res = await step('报文', () => client.submit(unit, requestBody({ major: true })), 201);
    id = res.body.id;
    expect(res.headers.location).toBe(`/documents/${id}`);
    expect(res.body).toMatchObject({ revision: 0, streamId: `document-${id}`, events: [{ type: 'document.submitted', revision: 0 }] });
    expect(await state()).toMatchObject({ status: 'submitted', statusLabel: '已提交待签收', submission: { fromUnit: 'natural-resources', attempt: 1, major: true }, returns: [] });
  });

  it('签收登记 by the office clerk records the 收文编号', async () => {
    await step('签收登记', (h) => client.register(id, tokens.officeClerk, { registrationNo: '收文〔2026〕101号' }, h));
    expect(await state()).toMatchObject({ status: 'registered', registrationNo: '收文〔2026〕101号' });
  });

  it('第四十二条: 初审/拟办 by the office proposes the lead unit, a co-unit and the handling class', async () => {
    await step('初审拟办', (h) =>
      client.review(
        id,
        tokens.officeClerk,
        {
          opinion: '拟请市自然资源和规划局牵头,会市住建局调查论证后报告结果',
          proposedCoUnits: ['housing-construction'],
          proposedHandlingClass: 'needs_investigation',
        },
        h,
      ),
    );
    expect((await state()).review).toEqual({
      opinion: '拟请市自然资源和规划局牵头,会市住建局调查论证后报告结果',
      proposedLeadUnit: 'natural-resources',
      proposedCoUnits: ['housing-construction'],
      proposedHandlingClass: 'needs_investigation',
      major: true,
    });
  });

  it('第四十二条: 分工呈批 goes to the lead unit’s 分管副市长 and, the matter being major, to the 市长', async () => {
    await step('分工呈批', (h) => client.route(id, tokens.officeClerk, {}, h));
    expect((await state()).route).toEqual({
      leadUnit: 'natural-resources',
      to: [
        { position: LEADERS.viceMayor1, title: '副市长(分管自然资源规划、住建、交通、水务、城管)', reasons: ['portfolio'] },
        { position: LEADERS.mayor, title: '市长', reasons: ['major'] },
      ],
    });
  });

  it('批示 by the 分管副市长 and then by the 市长; 交办 before the 市长’s 批示 would be refused', async () => {
    await step('批示(分管副市长)', (h) => client.instruct(id, tokens.viceMayor1, { text: '请市长审定' }, h));
    const early = await client.assign(id, tokens.officeClerk, { requirements: '请抓紧办理' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'MAYOR_APPROVAL_REQUIRED', details: { article: '第四十二条' } });
    await step('批示(市长)', (h) => client.instruct(id, tokens.mayor, { text: '同意,请抓紧调查论证' }, h));
    expect((await state()).instructions).toEqual([
      { position: LEADERS.viceMayor1, text: '请市长审定' },
      { position: LEADERS.mayor, text: '同意,请抓紧调查论证' },
    ]);
  });

  it('第四十七条: 交办 on Wed 2026-09-30 of a matter needing investigation: progress due Thu 2026-10-15, result due Tue 2026-11-17, counted in working days across 国庆', async () => {
    t.clock.set('2026-09-30T02:00:00.000Z'); // 10:00 in Shanghai
    await step('交办', (h) => client.assign(id, tokens.officeClerk, { requirements: '请先说明办理情况,再报告调查论证结果' }, h));
    // Counting starts on 10-01. 7 working days: 10-08, 10-09, 10-10 (调休 Saturday), 10-12 … 10-15.
    const progressDeadline = {
      dueAt: '2026-10-15T15:59:59.999Z',
      dueDate: '2026-10-15',
      rule: '第四十七条: 需要调查论证的事项应先说明办理情况 (本系统要求第 7 个工作日内说明)',
      ruleCode: 'ART47_INVESTIGATION_PROGRESS_7WD',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    };
    // 30 working days: 18 in October (from 10-08, with the 10-10 make-up day), then 11-02 … 11-17.
    const deadline = {
      dueAt: '2026-11-17T15:59:59.999Z',
      dueDate: '2026-11-17',
      rule: '第四十七条: 需要调查论证的事项报告结果不得超过 30 个工作日',
      ruleCode: 'ART47_INVESTIGATION_RESULT_30WD',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    };
    const s = await state();
    expect(s.status).toBe('assigned');
    expect(s.assignment).toEqual({
      mode: 'instructed',
      leadUnit: 'natural-resources',
      coUnits: ['housing-construction'],
      handlingClass: 'needs_investigation',
      assignedAt: '2026-09-30T02:00:00.000Z',
      requirements: '请先说明办理情况,再报告调查论证结果',
      deadline,
      progressDeadline,
    });
    expect(s.deadline).toEqual(deadline);
    expect(s.progressDeadline).toEqual(progressDeadline);

    // The deadline is stored in the event itself, not recomputed on read.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const stored = await store.readStream(`document-${id}`);
    const assigned = stored.find((e) => e.type === 'document.assigned')!;
    expect(assigned.schemaVersion).toBe(1);
    expect(assigned.data).toMatchObject({ deadline, progressDeadline });
    expect(assigned.metadata).toMatchObject({ unit: CODES.office, actor: { id: 'office-clerk-1' } });
  });

  it('第四十七条: the lead unit first explains progress (说明办理情况), on time before 2026-10-15', async () => {
    t.clock.set('2026-10-14T02:00:00.000Z');
    await step('说明办理情况', (h) => client.explainProgress(id, unit, { text: '已完成现场踏勘,正在测算收储成本' }, h));
    expect((await state()).progressExplanations).toEqual([
      { unit: 'natural-resources', text: '已完成现场踏勘,正在测算收储成本', onTime: true },
    ]);
  });

  it('办结 by the lead unit with its result, on time before 2026-11-17', async () => {
    t.clock.set('2026-11-16T02:00:00.000Z');
    await step('办结', (h) => client.complete(id, unit, { result: '调查论证完成,建议分两年收储' }, h));
    const s = await state();
    expect(s).toMatchObject({ status: 'completed', statusLabel: '已办结' });
    expect(s.completion).toEqual({ unit: 'natural-resources', result: '调查论证完成,建议分两年收储', onTime: true });
  });

  it('关闭 and 归档 by the office; an archived document is read-only (409)', async () => {
    t.clock.set('2026-11-17T02:00:00.000Z');
    await step('关闭', (h) => client.close(id, tokens.officeClerk, {}, h));
    expect((await state()).closure).toEqual({ from: 'completed' });
    t.clock.set('2026-11-18T02:00:00.000Z');
    await step('归档', (h) => client.archive(id, tokens.officeClerk, { archiveNo: 'WS·2026·Y·0101' }, h));
    const s = await state();
    expect(s).toMatchObject({ status: 'archived', statusLabel: '已归档', archive: { archiveNo: 'WS·2026·Y·0101' } });

    const after = await client.explainProgress(id, unit, { text: '补充说明' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('ARCHIVED');
  });

  it('every step answered with a higher revision, ETag and global position; GET ends on the last one', async () => {
    expect(steps.map((s) => s.step)).toEqual([
      '报文', '签收登记', '初审拟办', '分工呈批', '批示(分管副市长)', '批示(市长)', '交办', '说明办理情况', '办结', '关闭', '归档',
    ]);
    const revisions = steps.map((s) => s.res.body.revision as number);
    expect(revisions).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const { res } of steps) expect(revisionOf(res)).toBe(res.body.revision);
    const positions = steps.map((s) => s.res.body.position as string);
    for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);

    const final = await client.get(id, tokens.auditor);
    expect(final.headers.etag).toBe('"10"');
    expect(final.body).toMatchObject({ revision: 10, position: positions[positions.length - 1] });

    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(`document-${id}`);
    expect(stored.map((e) => e.type)).toEqual([
      'document.submitted',
      'document.registered',
      'document.reviewed',
      'document.routed',
      'document.instructed',
      'document.instructed',
      'document.assigned',
      'document.progress_explained',
      'document.completed',
      'document.closed',
      'document.archived',
    ]);
  });

  it('a stale If-Match is refused with 412 and writes nothing', async () => {
    const { body } = expectStatus(await client.submit(unit, requestBody()), 201);
    expectStatus(await client.register(body.id, tokens.officeClerk, {}, { 'if-match': '"0"' }), 200);
    const stale = await client.review(body.id, tokens.officeClerk, { opinion: '拟办' }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ code: 'REVISION_MISMATCH', details: { expected: 0, actual: 1 } });
    expect((await client.get(body.id, unit)).body).toMatchObject({ revision: 1, status: 'registered' });
  });
});
