import { startTestApp, type TestApp } from '../support/app';
import {
  assignedDocument,
  documentTokens,
  documentsClient,
  expectStatus,
  requestBody,
  reviewBody,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';

/** Who may do what, as the rules imply (第四十二、四十七条), with the actor taken from the token. */
describe('permissions over HTTP: the actor comes from the token, the decider decides', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let store: EventStore;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
    store = t.app.get<EventStore>(EVENT_STORE);
  });
  afterAll(() => t.close());

  it('a unit submits in its own name only (403 NOT_OWN_UNIT); the office may enter a paper submission for a unit', async () => {
    const forged = await client.submit(tokens.unit('finance'), requestBody({ fromUnit: 'natural-resources' }));
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('NOT_OWN_UNIT');
    const paper = expectStatus(await client.submit(tokens.officeClerk, requestBody({ fromUnit: 'natural-resources' })), 201);
    expect((await client.get(paper.body.id, tokens.officeClerk)).body.submission.fromUnit).toBe('natural-resources');
  });

  it('only a unit’s 经办人 acts for it: an auditor or a legality reviewer whose token names the unit gets 403 UNIT_CLERK_ONLY, nothing written', async () => {
    const head = await store.headPosition();
    const auditor = t.token({ sub: 'auditor-audit', unit: 'audit', roles: ['auditor'] });
    const reviewer = t.token({ sub: 'reviewer-justice', unit: 'justice', roles: ['legal_reviewer'] });
    for (const token of [auditor, reviewer]) {
      const res = await client.submit(token, requestBody());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('UNIT_CLERK_ONLY');
    }
    expect(await store.headPosition()).toBe(head);

    const { id } = await assignedDocument(t, client, tokens, { assignAt: '2026-09-30T02:00:00.000Z' });
    const auditorOfLead = t.token({ sub: 'auditor-nr', unit: 'natural-resources', roles: ['auditor'] });
    const complete = await client.complete(id, auditorOfLead, { result: '已办结' });
    expect(complete.status).toBe(403);
    expect(complete.body).toMatchObject({ code: 'UNIT_CLERK_ONLY', message: '第四十七条: 只有市自然资源和规划局的经办人员可以办结' });
    expect((await client.get(id, tokens.auditor)).body.status).toBe('assigned');
  });

  it('a command on a document id with nothing stored answers 404 DOCUMENT_NOT_FOUND, nothing written', async () => {
    const head = await store.headPosition();
    const res = await client.register('0199a1b2-0000-7000-8000-000000000001', tokens.officeClerk, { registrationNo: '收文〔2026〕999号' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'DOCUMENT_NOT_FOUND', message: '未找到该公文' });
    expect(await store.headPosition()).toBe(head);
  });

  it('第四十二条: only the office registers, reviews, routes and assigns (403 OFFICE_ONLY)', async () => {
    const unit = tokens.unit('natural-resources');
    const id = expectStatus(await client.submit(unit, requestBody()), 201).body.id;
    for (const token of [unit, tokens.viceMayor1, tokens.supervisor, tokens.auditor]) {
      const res = await client.register(id, token);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'OFFICE_ONLY', details: { article: '第四十二条' } });
    }
    expectStatus(await client.register(id, tokens.officeClerk), 200);
    expect((await client.review(id, unit, reviewBody())).body.code).toBe('OFFICE_ONLY');
    expectStatus(await client.review(id, tokens.officeDeputyDirector, reviewBody({ proposedHandlingClass: 'own_authority' })), 200);
    expect((await client.route(id, tokens.mayor)).body.code).toBe('OFFICE_ONLY');
    expect((await client.assign(id, unit)).body.code).toBe('OFFICE_ONLY');
  });

  it('第四十二条: only a leader on the route gives a 批示 (403 NOT_ROUTED_TO_LEADER); the 市长 always may', async () => {
    const unit = tokens.unit('education'); // 分管: vice-mayor-2
    const id = expectStatus(await client.submit(unit, requestBody({ title: '关于新建学校的请示' })), 201).body.id;
    expectStatus(await client.register(id, tokens.officeClerk), 200);
    expectStatus(await client.review(id, tokens.officeClerk, reviewBody()), 200);
    expectStatus(await client.route(id, tokens.officeClerk), 200);
    const wrong = await client.instruct(id, tokens.viceMayor1, { text: '同意' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'NOT_ROUTED_TO_LEADER', details: { article: '第四十二条' } });
    const notLeader = await client.instruct(id, unit, { text: '同意' });
    expect(notLeader.status).toBe(403);
    expect(notLeader.body.code).toBe('NOT_A_LEADER');
    // A token naming the 市长’s position with a 副市长’s role is no leader at all.
    const mismatched = t.token({ sub: 'x', unit: 'zjg-gov', roles: ['vice_mayor'], leader: 'mayor' });
    expect((await client.instruct(id, mismatched, { text: '同意' })).body.code).toBe('NOT_A_LEADER');
    expectStatus(await client.instruct(id, tokens.viceMayor2, { text: '请教育局抓紧办理' }), 200);
    expectStatus(await client.instruct(id, tokens.mayor, { text: '同意' }), 200);
  });

  it('第四十七条: only the lead unit completes, explains progress or asks for more time (403 NOT_LEAD_UNIT)', async () => {
    const { id } = await assignedDocument(t, client, tokens, { handlingClass: 'own_authority', coUnits: ['finance'], assignAt: '2026-09-30T02:00:00.000Z' });
    const coUnit = tokens.unit('finance');
    for (const res of [
      await client.complete(id, coUnit, { result: '已办结' }),
      await client.explainProgress(id, coUnit, { text: '正在办理' }),
      await client.requestExtension(id, coUnit, { requestedDueDate: '2026-10-30', reason: '需要时间' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'NOT_LEAD_UNIT', details: { article: '第四十七条' } });
    }
  });

  it('第四十七条: 办结 before 交办 makes no sense (409 NOT_ASSIGNED); an opinion is not a 办结 for a matter needing approval (409)', async () => {
    const unit = tokens.unit('natural-resources');
    const id = expectStatus(await client.submit(unit, requestBody()), 201).body.id;
    const early = await client.complete(id, unit, { result: '已办结' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_ASSIGNED');

    const { id: approval } = await assignedDocument(t, client, tokens, { handlingClass: 'needs_approval', assignAt: '2026-09-30T02:00:00.000Z' });
    const res = await client.complete(approval, unit, { result: '已办结' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'OPINION_EXPECTED', details: { article: '第四十七条' } });
  });
});
