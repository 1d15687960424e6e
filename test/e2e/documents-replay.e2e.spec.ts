import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import {
  assignedDocument,
  disagreementBody,
  documentTokens,
  documentsClient,
  expectStatus,
  requestBody,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';
import type { HttpResult } from '../support/http';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { foldStream } from '../../src/command-handling/fold';
import { DocumentAggregate } from '../../src/documents/document.aggregate';
import { DOCUMENT_STATUSES } from '../../src/documents/domain/document-state';

/**
 * Replay determinism through the app (DESIGN §2, §5): the state GET /documents/:id answers is
 * exactly the fold of the stored stream; a restarted app on the same data folds the same
 * state; and new calendar data never moves a deadline already stored.
 */
describe('replay determinism through the app', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let dataDir: string;
  /** A rich history: 退文 and resubmission, 会商, disagreement, coordination, 催办, 延期, opinion, 关闭, 归档. */
  let rich: string;
  /** Assigned on 2026-09-30, own authority, due 2026-10-15, still open. */
  let open: string;
  /** Assigned on Thu 2026-12-24: its 7 working days run into 2027, past the calendar's coverage. */
  let provisional: string;
  const seen = new Map<string, HttpResult>();

  const restart = async (env: Record<string, string> = {}, now?: string) => {
    await t.close();
    t = await startTestApp({ DATA_DIR: dataDir, ...env }, now);
    client = documentsClient(t);
    tokens = documentTokens(t);
  };

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
    dataDir = t.config.dataDir;
    client = documentsClient(t);
    tokens = documentTokens(t);
    const lead = tokens.unit('natural-resources');
    const ok = async (res: Promise<HttpResult>, step: string) => expectStatus(await res, 200, step);

    rich = expectStatus(await client.submit(lead, requestBody({ mainTo: ['zjg-gov', 'finance'] })), 201).body.id;
    await ok(client.resubmit(rich, lead, { mainTo: ['zjg-gov'] }), '重新提交');
    await ok(client.register(rich, tokens.officeClerk, { registrationNo: '收文〔2026〕201号' }), '签收登记');
    await ok(client.review(rich, tokens.officeClerk, { opinion: '拟请自然资源和规划局牵头', proposedCoUnits: ['housing-construction', 'finance'], proposedHandlingClass: 'lead_with_consultation' }), '初审拟办');
    await ok(client.route(rich, tokens.officeClerk), '分工呈批');
    await ok(client.instruct(rich, tokens.viceMayor1, { text: '请牵头会商' }), '批示');
    t.clock.set('2026-09-30T02:00:00.000Z');
    await ok(client.assign(rich, tokens.officeClerk), '交办');
    t.clock.set('2026-10-08T02:00:00.000Z');
    await ok(client.requestConsultation(rich, lead, { units: ['housing-construction', 'finance'], replyBy: '2026-10-13', subject: '收储方案' }), '会商');
    await ok(client.giveConsultationOpinion(rich, tokens.unit('housing-construction'), { stance: 'agree_with_changes', changes: '补充拆迁安置测算' }), '会商意见');
    await ok(client.giveConsultationOpinion(rich, tokens.unit('finance'), { stance: 'disagree', reasons: '资金已安排完毕', basis: '年度预算' }), '会商意见');
    await ok(client.reportDisagreement(rich, lead, disagreementBody('natural-resources', 'finance')), '分歧报告');
    await ok(client.coordinate(rich, tokens.viceMayor1, { outcome: 'agreed', text: '分两年安排' }), '协调');
    t.clock.set('2026-10-16T02:00:00.000Z');
    await ok(client.urge(rich, tokens.supervisor, { text: '请抓紧提出意见' }), '催办');
    await ok(client.requestExtension(rich, lead, { requestedDueDate: '2026-10-27', reason: '等待协调后修改方案' }), '延期申请');
    await ok(client.approveExtension(rich, tokens.officeDirector, { dueDate: '2026-10-26' }), '延期批准');
    t.clock.set('2026-10-22T02:00:00.000Z');
    await ok(client.submitOpinion(rich, lead, { text: '建议同意收储,资金分两年安排' }), '提出意见');
    await ok(client.close(rich, tokens.officeClerk), '关闭');
    await ok(client.archive(rich, tokens.officeClerk, { archiveNo: 'WS·2026·Y·0201' }), '归档');

    ({ id: open } = await assignedDocument(t, client, tokens, {
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    }));
    ({ id: provisional } = await assignedDocument(t, client, tokens, {
      intakeAt: '2026-12-22T01:30:00.000Z',
      assignAt: '2026-12-24T02:00:00.000Z',
    }));
  });
  afterAll(() => t.close());

  /** The GET body as the controller builds it, from nothing but the stored events. */
  async function foldedBody(id: string) {
    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(`document-${id}`);
    const { state, revision } = foldStream(t.app.get(DocumentAggregate), stored);
    const body = { id, revision, position: stored[stored.length - 1]!.globalPosition, statusLabel: DOCUMENT_STATUSES[state.status], ...state };
    return JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  }

  it('GET /documents/:id equals folding the raw stream with foldStream, for a rich history, an open matter and a provisional deadline', async () => {
    for (const id of [rich, open, provisional]) {
      const res = expectStatus(await client.get(id, tokens.auditor), 200);
      expect(res.body).toEqual(await foldedBody(id));
      expect(res.headers.etag).toBe(`"${res.body.revision}"`);
      seen.set(id, res);
    }
    expect(seen.get(rich)!.body).toMatchObject({ status: 'archived', revision: 18 });
    expect(seen.get(rich)!.body.deadline).toMatchObject({ dueDate: '2026-10-26', ruleCode: 'ART47_EXTENSION_APPROVED' });
    expect(seen.get(open)!.body.deadline).toMatchObject({ dueAt: '2026-10-15T15:59:59.999Z', calendarVersion: 'chinese-days@1.5.7' });
    // 12-25, 12-28 … 12-31, then 2027-01-01 and 01-04 guessed as Monday–Friday working days.
    expect(seen.get(provisional)!.body.deadline).toMatchObject({ dueDate: '2027-01-04', provisional: true });
  });

  it('folding is independent of the clock: moving the app’s clock a year on changes nothing in GET', async () => {
    t.clock.set('2027-12-31T15:00:00.000Z');
    for (const id of [rich, open, provisional]) {
      const res = await client.get(id, tokens.auditor);
      expect(res.body).toEqual(seen.get(id)!.body);
    }
  });

  it('restarting the app on the same DATA_DIR yields the same state, revision and ETag', async () => {
    await restart();
    for (const id of [rich, open, provisional]) {
      const res = expectStatus(await client.get(id, tokens.auditor), 200);
      expect(res.body).toEqual(seen.get(id)!.body);
      expect(res.headers.etag).toBe(seen.get(id)!.headers.etag);
      expect(res.body).toEqual(await foldedBody(id));
    }
  });

  it('DESIGN §5: new calendar data never moves a stored dueAt, while new 交办 are counted with it', async () => {
    // A (fictional) local notice: Mon–Wed 2026-10-12…14 off, 2027-01-01 off, covered through January 2027.
    const overrideDir = mkdtempSync(join(tmpdir(), 'gw-calendar-'));
    const overrideFile = join(overrideDir, 'calendar-override.json');
    writeFileSync(
      overrideFile,
      JSON.stringify({
        source: 'e2e 测试用的假设通知',
        holidays: ['2026-10-12', '2026-10-13', '2026-10-14', '2027-01-01'],
        workdays: [],
        coveredThrough: '2027-01-31',
      }),
    );
    await restart({ CALENDAR_OVERRIDE_FILE: overrideFile }, '2026-09-28T01:30:00.000Z');

    for (const id of [rich, open, provisional]) expect((await client.get(id, tokens.auditor)).body).toEqual(seen.get(id)!.body);

    // The stored deadline is not provisional, so there is nothing to recount either.
    const recount = await client.recalculateDeadline(open, tokens.officeClerk);
    expect(recount.status).toBe(409);
    expect(recount.body.code).toBe('DEADLINE_NOT_PROVISIONAL');

    // The same 交办 today is counted on the new calendar: 10-08, 10-09, 10-10, 10-15, 10-16, 10-19, 10-20.
    const { state } = await assignedDocument(t, client, tokens, { assignAt: '2026-09-30T02:00:00.000Z' });
    expect(state.deadline).toMatchObject({ dueAt: '2026-10-20T15:59:59.999Z', dueDate: '2026-10-20', provisional: false });
    expect(state.deadline.calendarVersion).toMatch(/^chinese-days@1\.5\.7\+override\./);
  });

  it('DESIGN §5: a provisional deadline is recounted only by a recorded event; the 交办 event keeps the original', async () => {
    t.clock.set('2026-12-28T02:00:00.000Z');
    const res = expectStatus(await client.recalculateDeadline(provisional, tokens.officeClerk), 200);
    expect(res.body.events).toEqual([
      { type: 'document.deadline_recalculated', revision: res.body.revision, data: expect.objectContaining({ deadline: expect.objectContaining({ provisional: false }) }) },
    ]);
    const state = (await client.get(provisional, tokens.auditor)).body;
    // 12-25, 12-28 … 12-31, 2027-01-04, 01-05: 元旦 is now known to be off.
    expect(state.deadline).toMatchObject({ dueAt: '2027-01-05T15:59:59.999Z', dueDate: '2027-01-05', provisional: false });
    expect(state.assignment.deadline).toEqual(seen.get(provisional)!.body.deadline);
    const stored = await t.app.get<EventStore>(EVENT_STORE).readStream(`document-${provisional}`);
    expect(stored[stored.length - 1]!.data).toMatchObject({
      previous: seen.get(provisional)!.body.deadline,
      deadline: { dueDate: '2027-01-05', provisional: false },
    });
    expect(state).toEqual(await foldedBody(provisional));
  });
});
