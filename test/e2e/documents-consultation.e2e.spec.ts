import { startTestApp, type TestApp } from '../support/app';
import {
  LEADERS,
  assignedDocument,
  disagreementBody,
  documentTokens,
  documentsClient,
  expectStatus,
  position,
  requestBody,
  reviewBody,
  type DocumentTokens,
  type DocumentsClient,
} from '../support/document-fixtures';

/**
 * 会商 and 分歧协调 over HTTP (第四十一、四十二、四十七条). The lead unit is the 市自然资源和规划局,
 * whose 分管副市长 is vice-mayor-1; vice-mayor-2 and vice-mayor-3 have other portfolios.
 */
describe('会商 with a disagreement that ends in coordination by the 分管副市长', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;
  let lead: string;
  let housing: string;
  let finance: string;
  let id: string;
  const state = async () => expectStatus(await client.get(id, tokens.officeClerk), 200, 'GET').body;

  beforeAll(async () => {
    t = await startTestApp();
    client = documentsClient(t);
    tokens = documentTokens(t);
    lead = tokens.unit('natural-resources');
    housing = tokens.unit('housing-construction');
    finance = tokens.unit('finance');
    ({ id } = await assignedDocument(t, client, tokens, {
      handlingClass: 'lead_with_consultation',
      coUnits: ['housing-construction', 'finance'],
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    }));
  });
  afterAll(() => t.close());

  it('第四十七条: 交办 to a lead unit with 会商 on 2026-09-30 is due for its opinion on Tue 2026-10-20 (10 working days, 国庆 skipped, 10-10 worked)', async () => {
    const s = await state();
    expect(s.assignment).toMatchObject({ handlingClass: 'lead_with_consultation', coUnits: ['housing-construction', 'finance'] });
    expect(s.deadline).toEqual({
      dueAt: '2026-10-20T15:59:59.999Z',
      dueDate: '2026-10-20',
      rule: '第四十七条: 主办部门会相关部门办理的事项 10 个工作日内提出意见',
      ruleCode: 'ART47_LEAD_CONSULTATION_OPINION_10WD',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    });
  });

  it('第四十七条: only the lead unit asks for 会商; it asks the 住建局 and the 财政局 to reply by 2026-10-13', async () => {
    t.clock.set('2026-10-08T01:00:00.000Z');
    const body = { units: ['housing-construction', 'finance'], replyBy: '2026-10-13', subject: '地块收储方案及资金安排' };
    const notLead = await client.requestConsultation(id, housing, body);
    expect(notLead.status).toBe(403);
    expect(notLead.body).toMatchObject({ code: 'NOT_LEAD_UNIT', details: { article: '第四十七条' } });
    expectStatus(await client.requestConsultation(id, lead, body), 200);
    expect((await state()).consultations).toEqual([
      { unit: 'housing-construction', replyBy: '2026-10-13', subject: '地块收储方案及资金安排' },
      { unit: 'finance', replyBy: '2026-10-13', subject: '地块收储方案及资金安排' },
    ]);
  });

  it('第四十七条: a unit that was not asked cannot answer the 会商 (403 NOT_CONSULTED), and nothing is written', async () => {
    const before = await state();
    const res = await client.giveConsultationOpinion(id, tokens.unit('transport'), { stance: 'agree' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'NOT_CONSULTED', details: { article: '第四十七条' } });
    expect(res.body.message).toContain('市交通运输局');
    expect((await state()).revision).toBe(before.revision);
  });

  it('the 住建局 agrees; the 财政局 disagrees, and a 不同意 without 依据 is refused first (第四十一条)', async () => {
    t.clock.set('2026-10-09T02:00:00.000Z');
    expectStatus(await client.giveConsultationOpinion(id, housing, { stance: 'agree' }), 200);
    const noBasis = await client.giveConsultationOpinion(id, finance, { stance: 'disagree', reasons: '年度收储资金已安排完毕' });
    expect(noBasis.status).toBe(400);
    expect(noBasis.body).toMatchObject({ code: 'REASONS_AND_BASIS_REQUIRED', details: { article: '第四十一条' } });
    expectStatus(
      await client.giveConsultationOpinion(id, finance, { stance: 'disagree', reasons: '年度收储资金已安排完毕', basis: '《2026年市级财政预算》' }),
      200,
    );
    const consultations = (await state()).consultations;
    expect(consultations.map((c: { opinion: unknown }) => c.opinion)).toEqual([
      { unit: 'housing-construction', stance: 'agree' },
      { unit: 'finance', stance: 'disagree', reasons: '年度收储资金已安排完毕', basis: '《2026年市级财政预算》' },
    ]);
  });

  it('a second answer from the same unit is refused with 409 ALREADY_ANSWERED', async () => {
    const res = await client.giveConsultationOpinion(id, finance, { stance: 'agree' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('ALREADY_ANSWERED');
  });

  it('第四十一条: the lead unit cannot pass over a 不同意: its opinion is refused until the disagreement is reported (409 DISAGREEMENT_NOT_REPORTED)', async () => {
    const res = await client.submitOpinion(id, lead, { text: '建议同意收储' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'DISAGREEMENT_NOT_REPORTED', details: { article: '第四十一条' } });
    expect(res.body.message).toContain('市财政局');
    expect((await state()).status).toBe('assigned');
  });

  it('第四十一条: a report missing the heads’ consultation, a 依据 and the proposal is refused once under the article, each gap in details.violations', async () => {
    t.clock.set('2026-10-12T02:00:00.000Z');
    const res = await client.reportDisagreement(id, lead, {
      headsConsulted: false,
      positions: [
        { unit: 'natural-resources', reasons: '地块已具备收储条件', basis: '《土地储备管理办法》第十条' },
        { unit: 'finance', reasons: '年度收储资金已安排完毕', basis: ' ' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('DISAGREEMENT_INCOMPLETE');
    expect(res.body.message.startsWith('第四十一条: ')).toBe(true);
    expect(res.body.message.split('第四十一条')).toHaveLength(2);
    expect(res.body.details.article).toBe('第四十一条');
    expect(res.body.details.value).toBeUndefined();
    expect(res.body.details.violations.map((v: { code: string }) => v.code)).toEqual([
      'DISAGREEMENT_HEADS_NOT_CONSULTED',
      'DISAGREEMENT_BASIS_MISSING',
      'DISAGREEMENT_PROPOSAL_MISSING',
    ]);
    expect(res.body.details.violations[1].message).toContain('市财政局');
    // A side without 理由 is the rule's business too, not a DTO failure.
    const noReasons = await client.reportDisagreement(id, lead, disagreementBody('natural-resources', 'finance', {
      positions: [{ unit: 'natural-resources', basis: '《土地储备管理办法》第十条' }, { unit: 'finance', reasons: '资金已安排完毕', basis: '预算' }],
    }));
    expect(noReasons.body).toMatchObject({ code: 'DISAGREEMENT_INCOMPLETE', details: { violations: [{ code: 'DISAGREEMENT_REASONS_MISSING' }] } });
    // Wrong types are still malformed input.
    const wrongType = await client.reportDisagreement(id, lead, disagreementBody('natural-resources', 'finance', { proposal: 42 }));
    expect(wrongType.body.code).toBe('VALIDATION_FAILED');
    expect((await state()).disagreement).toBeUndefined();
  });

  it('第四十一条: the lead unit reports the disagreement with each side’s 理由 and 依据 and a proposal; only the lead unit may', async () => {
    t.clock.set('2026-10-12T02:00:00.000Z');
    const report = disagreementBody('natural-resources', 'finance');
    const byOther = await client.reportDisagreement(id, finance, report);
    expect(byOther.status).toBe(403);
    expect(byOther.body.code).toBe('NOT_LEAD_UNIT');
    const incomplete = await client.reportDisagreement(id, lead, { ...report, headsConsulted: false });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body).toMatchObject({ code: 'DISAGREEMENT_INCOMPLETE', details: { article: '第四十一条' } });
    expectStatus(await client.reportDisagreement(id, lead, report), 200);
    expect((await state()).disagreement).toEqual({
      origin: 'handling',
      open: true,
      positions: [
        position('natural-resources', '地块已具备收储条件', '《土地储备管理办法》第十条'),
        position('finance', '年度收储资金已安排完毕', '《2026年市级财政预算》'),
      ],
      proposal: '建议分两年安排收储资金',
    });
  });

  it('第四十二条: while the disagreement is open the lead unit cannot submit its opinion (409 DISAGREEMENT_OPEN)', async () => {
    const res = await client.submitOpinion(id, lead, { text: '建议同意收储' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'DISAGREEMENT_OPEN', details: { article: '第四十二条' } });
  });

  it('第四十二条: a leader without the lead unit in the portfolio cannot coordinate (403 NOT_PORTFOLIO_LEADER), nor can a unit', async () => {
    for (const wrong of [tokens.viceMayor2, tokens.viceMayor3, lead]) {
      const res = await client.coordinate(id, wrong, { outcome: 'agreed', text: '同意分两年安排' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'NOT_PORTFOLIO_LEADER', details: { article: '第四十二条' } });
    }
    expect((await state()).disagreement.open).toBe(true);
  });

  it('第四十二条: the 分管副市长 coordinates to an agreement, which closes the disagreement', async () => {
    t.clock.set('2026-10-13T02:00:00.000Z');
    expectStatus(await client.coordinate(id, tokens.viceMayor1, { outcome: 'agreed', text: '同意分两年安排收储资金' }), 200);
    const s = await state();
    const coordination = { position: LEADERS.viceMayor1, outcome: 'agreed', text: '同意分两年安排收储资金', origin: 'handling' };
    expect(s.disagreement).toMatchObject({ open: false, coordination });
    expect(s.coordinations).toEqual([coordination]);
    const again = await client.coordinate(id, tokens.viceMayor1, { outcome: 'agreed', text: '再次协调' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NO_OPEN_DISAGREEMENT');
  });

  it('第四十七条: after coordination the lead unit submits its opinion on time (due 2026-10-20)', async () => {
    t.clock.set('2026-10-19T02:00:00.000Z');
    expectStatus(await client.submitOpinion(id, lead, { text: '建议同意收储,资金分两年安排' }), 200);
    const s = await state();
    expect(s).toMatchObject({ status: 'opinion_submitted', statusLabel: '已提出意见' });
    expect(s.opinion).toEqual({ unit: 'natural-resources', text: '建议同意收储,资金分两年安排', onTime: true });
  });
});

describe('a 请示 that arrives with an inter-department disagreement (第四十一、四十二条)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;

  beforeAll(async () => {
    t = await startTestApp({}, '2026-09-28T01:30:00.000Z');
    client = documentsClient(t);
    tokens = documentTokens(t);
  });
  afterAll(() => t.close());

  it('第四十二条: is routed to the 分管副市长 also for coordination, and 交办 waits until that leader has coordinated', async () => {
    const lead = tokens.unit('natural-resources');
    const submitted = expectStatus(
      await client.submit(lead, requestBody({ disagreement: disagreementBody('natural-resources', 'finance') })),
      201,
    );
    const id: string = submitted.body.id;
    expect(submitted.body.events.map((e: { type: string }) => e.type)).toEqual(['document.submitted']);
    expect((await client.get(id, lead)).body.disagreement).toMatchObject({ origin: 'submission', open: true });

    expectStatus(await client.register(id, tokens.officeClerk), 200);
    expectStatus(await client.review(id, tokens.officeClerk, reviewBody({ proposedHandlingClass: 'needs_approval' })), 200);
    expectStatus(await client.route(id, tokens.officeClerk), 200);
    expect((await client.get(id, lead)).body.route.to).toEqual([
      { position: LEADERS.viceMayor1, title: '副市长(分管自然资源规划、住建、交通、水务、城管)', reasons: ['portfolio', 'coordination'] },
    ]);
    expectStatus(await client.instruct(id, tokens.viceMayor1, { text: '请财政局、自然资源和规划局再行研究' }), 200);

    const early = await client.assign(id, tokens.officeClerk, {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'DISAGREEMENT_NOT_COORDINATED', details: { article: '第四十二条' } });

    const wrong = await client.coordinate(id, tokens.viceMayor3, { outcome: 'leaning_proposal', text: '倾向于分两年安排' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('NOT_PORTFOLIO_LEADER');

    expectStatus(await client.coordinate(id, tokens.viceMayor1, { outcome: 'leaning_proposal', text: '倾向于分两年安排' }), 200);
    expect((await client.get(id, lead)).body.coordinations).toEqual([
      { position: LEADERS.viceMayor1, outcome: 'leaning_proposal', text: '倾向于分两年安排', origin: 'submission' },
    ]);
    expectStatus(await client.assign(id, tokens.officeClerk, {}), 200);
    expect((await client.get(id, lead)).body).toMatchObject({ status: 'assigned', assignment: { handlingClass: 'needs_approval' } });
  });
});

describe('a 不同意 settled by a new round of 会商 (第四十一条: 主动协商)', () => {
  let t: TestApp;
  let client: DocumentsClient;
  let tokens: DocumentTokens;

  beforeAll(async () => {
    t = await startTestApp();
    client = documentsClient(t);
    tokens = documentTokens(t);
  });
  afterAll(() => t.close());

  it('第四十一条: when the dissenting unit agrees in a new round, the lead unit submits its opinion without coordination', async () => {
    const { id } = await assignedDocument(t, client, tokens, {
      handlingClass: 'lead_with_consultation',
      coUnits: ['finance'],
      intakeAt: '2026-09-28T01:30:00.000Z',
      assignAt: '2026-09-30T02:00:00.000Z',
    });
    const lead = tokens.unit('natural-resources');
    const finance = tokens.unit('finance');
    t.clock.set('2026-10-08T02:00:00.000Z');
    const ask = { units: ['finance'], replyBy: '2026-10-14', subject: '收储资金安排' };
    expectStatus(await client.requestConsultation(id, lead, ask), 200);
    expectStatus(await client.giveConsultationOpinion(id, finance, { stance: 'disagree', reasons: '资金已安排完毕', basis: '年度预算' }), 200);
    expect((await client.submitOpinion(id, lead, { text: '建议同意' })).body.code).toBe('DISAGREEMENT_NOT_REPORTED');

    t.clock.set('2026-10-12T02:00:00.000Z');
    expectStatus(await client.requestConsultation(id, lead, { ...ask, subject: '收储资金分两年安排的修改方案' }), 200);
    expectStatus(
      await client.giveConsultationOpinion(id, finance, { stance: 'agree_with_changes', changes: '第二年资金列入2027年预算' }),
      200,
    );
    expectStatus(await client.submitOpinion(id, lead, { text: '建议同意收储,资金分两年安排' }), 200);
    const state = (await client.get(id, lead)).body;
    expect(state).toMatchObject({ status: 'opinion_submitted', coordinations: [] });
    expect(state.consultations).toEqual([
      {
        unit: 'finance',
        replyBy: '2026-10-14',
        subject: '收储资金分两年安排的修改方案',
        opinion: { unit: 'finance', stance: 'agree_with_changes', changes: '第二年资金列入2027年预算' },
      },
    ]);
  });
});
