import { startTestApp, type TestApp } from '../support/app';
import {
  assignedDocument,
  documentTokens,
  documentsClient,
  expectStatus,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';

const ART47 = '第四十七条';

/**
 * 延期 (第四十七条) and 催办 (第三十二条) over HTTP. A matter within the unit's own authority is
 * assigned on Wed 2026-09-30 and is due at the end of Thu 2026-10-15 (7 working days after 国庆).
 */
describe('延期 and 催办 on an assigned matter', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let lead: string;
  let id: string;
  const state = async () => expectStatus(await client.get(id, tokens.officeClerk), 200, 'GET').body;

  const original = {
    dueAt: '2026-10-15T15:59:59.999Z',
    dueDate: '2026-10-15',
    rule: '第四十七条: 职权范围内事项 7 个工作日内办结',
    ruleCode: 'ART47_OWN_AUTHORITY_7WD',
    calendarVersion: 'chinese-days@1.5.7',
    provisional: false,
  };

  beforeAll(async () => {
    t = await startTestApp();
    client = documentsClient(t);
    tokens = documentTokens(t);
    lead = tokens.unit('natural-resources');
    ({ id } = await assignedDocument(t, client, tokens, {
      handlingClass: 'own_authority',
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    }));
  });
  afterAll(() => t.close());

  it('第四十七条: 交办 on 2026-09-30 of a matter within the unit’s own authority is due 2026-10-15', async () => {
    expect((await state()).deadline).toEqual(original);
  });

  it('第三十二条: only the 督查室 (or the office director) urges; a unit, an office clerk or a leader gets 403 SUPERVISOR_ONLY', async () => {
    for (const token of [lead, tokens.officeClerk, tokens.viceMayor1, tokens.mayor]) {
      const res = await client.urge(id, token, { text: '请抓紧办理' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'SUPERVISOR_ONLY', details: { article: '第三十二条' } });
    }
    expect((await state()).urges).toEqual([]);
  });

  it('第三十二条: a 催办 before the due moment records that due moment and that it is not overdue', async () => {
    t.clock.set('2026-10-12T02:00:00.000Z');
    expectStatus(await client.urge(id, tokens.supervisor, { text: '请于10月15日前办结' }), 200);
    expect((await state()).urges).toEqual([{ text: '请于10月15日前办结', dueAt: original.dueAt, overdue: false }]);
  });

  it('第四十七条: only the lead unit asks for an extension, and only to a date after the current deadline', async () => {
    t.clock.set('2026-10-13T02:00:00.000Z');
    const byOther = await client.requestExtension(id, tokens.unit('finance'), { requestedDueDate: '2026-10-23', reason: '资料未齐' });
    expect(byOther.status).toBe(403);
    expect(byOther.body).toMatchObject({ code: 'NOT_LEAD_UNIT', details: { article: ART47 } });
    const notLater = await client.requestExtension(id, lead, { requestedDueDate: '2026-10-15', reason: '资料未齐' });
    expect(notLater.status).toBe(400);
    expect(notLater.body).toMatchObject({ code: 'EXTENSION_NOT_LATER', details: { article: ART47 } });
    const badDate = await client.requestExtension(id, lead, { requestedDueDate: '2026-10-32', reason: '资料未齐' });
    expect(badDate.status).toBe(400);
  });

  it('第四十七条: the lead unit requests an extension to 2026-10-23; a second request while it is pending is refused (409)', async () => {
    expectStatus(await client.requestExtension(id, lead, { requestedDueDate: '2026-10-23', reason: '需等待市住建局提供测绘资料' }), 200);
    expect((await state()).pendingExtension).toEqual({ unit: 'natural-resources', requestedDueDate: '2026-10-23', reason: '需等待市住建局提供测绘资料' });
    const again = await client.requestExtension(id, lead, { requestedDueDate: '2026-10-30', reason: '再延一周' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EXTENSION_PENDING');
  });

  it('第四十七条: neither a leader with another portfolio nor the unit itself may approve (403 NOT_EXTENSION_APPROVER)', async () => {
    for (const token of [tokens.viceMayor2, tokens.viceMayor5, lead, tokens.officeClerk, tokens.supervisor]) {
      const res = await client.approveExtension(id, token, {});
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'NOT_EXTENSION_APPROVER', details: { article: ART47 } });
    }
  });

  it('第四十七条: the 分管副市长 approves; the new dueAt is the end of 2026-10-23 in Shanghai and the 交办 deadline stays on record', async () => {
    t.clock.set('2026-10-14T02:00:00.000Z');
    expectStatus(await client.approveExtension(id, tokens.viceMayor1, { comment: '同意延期至10月23日' }), 200);
    const extended = {
      dueAt: '2026-10-23T15:59:59.999Z',
      dueDate: '2026-10-23',
      rule: '第四十七条: 经批准延期至 2026-10-23',
      ruleCode: 'ART47_EXTENSION_APPROVED',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    };
    const s = await state();
    expect(s.deadline).toEqual(extended);
    expect(s.assignment.deadline).toEqual(original);
    expect(s.pendingExtension).toBeUndefined();
    expect(s.extensions).toEqual([
      {
        requested: { unit: 'natural-resources', requestedDueDate: '2026-10-23', reason: '需等待市住建局提供测绘资料' },
        outcome: 'approved',
        detail: '2026-10-23',
      },
    ]);
    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(`document-${id}`);
    expect(stored[stored.length - 1]).toMatchObject({
      type: 'document.extension_approved',
      data: { previousDueAt: original.dueAt, deadline: extended, comment: '同意延期至10月23日' },
    });
  });

  it('approving or rejecting with no request pending is refused (409 NO_EXTENSION_PENDING)', async () => {
    for (const res of [
      await client.approveExtension(id, tokens.viceMayor1, {}),
      await client.rejectExtension(id, tokens.officeDirector, { reason: '无' }),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('NO_EXTENSION_PENDING');
    }
  });

  it('第三十二条: a 催办 after the original date but before the extended one is not overdue', async () => {
    t.clock.set('2026-10-16T02:00:00.000Z');
    expectStatus(await client.urge(id, tokens.supervisor, { text: '请按延期后的时限办结' }), 200);
    expect((await state()).urges[1]).toEqual({ text: '请按延期后的时限办结', dueAt: '2026-10-23T15:59:59.999Z', overdue: false });
  });

  it('第四十七条: a second extension is rejected by the office director with a reason, and the deadline stays 2026-10-23', async () => {
    t.clock.set('2026-10-21T02:00:00.000Z');
    expectStatus(await client.requestExtension(id, lead, { requestedDueDate: '2026-10-30', reason: '测绘资料仍未到位' }), 200);
    const noReason = await client.rejectExtension(id, tokens.officeDirector, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    expectStatus(await client.rejectExtension(id, tokens.officeDirector, { reason: '职权范围内事项,不宜再次延期' }), 200);
    const s = await state();
    expect(s.deadline.dueDate).toBe('2026-10-23');
    expect(s.pendingExtension).toBeUndefined();
    expect(s.extensions.map((e: { outcome: string; detail: string }) => [e.outcome, e.detail])).toEqual([
      ['approved', '2026-10-23'],
      ['rejected', '职权范围内事项,不宜再次延期'],
    ]);
  });

  it('第三十二条: a 催办 after the extended due moment is recorded as overdue; the office director may urge too', async () => {
    t.clock.set('2026-10-26T02:00:00.000Z');
    expectStatus(await client.urge(id, tokens.officeDirector, { text: '已超期,请立即办结并说明原因' }), 200);
    expect((await state()).urges[2]).toEqual({ text: '已超期,请立即办结并说明原因', dueAt: '2026-10-23T15:59:59.999Z', overdue: true });
  });

  it('办结 after the extended deadline is recorded as late; afterwards no more 催办 or 延期', async () => {
    t.clock.set('2026-10-27T02:00:00.000Z');
    expectStatus(await client.complete(id, lead, { result: '已完成收储前期工作' }), 200);
    expect((await state()).completion).toEqual({ unit: 'natural-resources', result: '已完成收储前期工作', onTime: false });
    const urge = await client.urge(id, tokens.supervisor, { text: '催办' });
    expect(urge.status).toBe(409);
    expect(urge.body.code).toBe('HANDLING_FINISHED');
    const extension = await client.requestExtension(id, lead, { requestedDueDate: '2026-11-30', reason: '补充' });
    expect(extension.status).toBe(409);
  });
});

describe('deadlines the government or the law sets (第四十七条)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;

  beforeAll(async () => {
    t = await startTestApp();
    client = documentsClient(t);
    tokens = documentTokens(t);
  });
  afterAll(() => t.close());

  it('第四十七条: an urgent matter is due on the date the government sets, even a holiday, with nothing counted', async () => {
    const { state } = await assignedDocument(t, client, tokens, {
      handlingClass: 'urgent',
      assign: { urgentDueDate: '2026-10-03' },
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    });
    expect(state.deadline).toEqual({
      dueAt: '2026-10-03T15:59:59.999Z',
      dueDate: '2026-10-03',
      rule: '第四十七条: 紧急公文以市政府明确的办理时限为准',
      ruleCode: 'ART47_URGENT_SET_BY_GOVERNMENT',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    });
  });

  it('第四十七条: a statutory limit carries its legal basis and cannot be extended (409 STATUTORY_DEADLINE)', async () => {
    const { id, state } = await assignedDocument(t, client, tokens, {
      handlingClass: 'statutory',
      assign: { statutoryDueDate: '2026-10-21', legalBasis: '《中华人民共和国政府信息公开条例》第三十三条' },
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    });
    expect(state.assignment.legalBasis).toBe('《中华人民共和国政府信息公开条例》第三十三条');
    expect(state.deadline).toMatchObject({
      dueDate: '2026-10-21',
      ruleCode: 'ART47_STATUTORY',
      rule: '第四十七条: 法律法规另有规定的,从其规定 (《中华人民共和国政府信息公开条例》第三十三条)',
    });
    const res = await client.requestExtension(id, tokens.unit('natural-resources'), { requestedDueDate: '2026-10-30', reason: '需延期' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'STATUTORY_DEADLINE', details: { article: ART47 } });
  });

  it('第四十七条: a statutory 交办 without its legal basis is refused (400) and nothing is written', async () => {
    const missing = await client.submit(tokens.unit('natural-resources'), { kind: 'request', title: '关于依申请公开答复的请示', mainTo: ['zjg-gov'] });
    const id = missing.body.id;
    expectStatus(await client.register(id, tokens.officeClerk), 200);
    expectStatus(await client.review(id, tokens.officeClerk, { opinion: '拟转办' }), 200);
    const res = await client.assign(id, tokens.officeClerk, { handlingClass: 'statutory', statutoryDueDate: '2026-10-21' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'STATUTORY_LEGAL_BASIS_REQUIRED', details: { article: ART47 } });
    expect((await client.get(id, tokens.officeClerk)).body).toMatchObject({ status: 'reviewed', revision: 2 });
  });
});
