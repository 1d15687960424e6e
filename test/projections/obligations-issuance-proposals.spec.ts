import { obligationsProjection } from '../../projections/obligations.projection';
import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import { proposalAggregate } from '../../src/proposals/proposal.aggregate';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import type { Actor } from '../../src/domain/decider';
import { NORMATIVE, type NormativeStep } from '../issuance/normative-steps';
import { expectIdempotent, ProjectionHarness } from './support/projection-harness';
import { directory, who, World } from './support/world';

/** Projection spec: 发文 (第二十、四十三—四十五条) and 建议提案 (第二十七条) → who is awaited. */
const I1 = '22222222-2222-4222-8222-222222222222';
const P1 = '33333333-3333-4333-8333-333333333333';
const P2 = '33333333-3333-4333-8333-333333333334';
const keys = (h: ProjectionHarness) => h.rows('open').map((r) => `${r.obligation}|${r.type}|${r.owed_by}|${r.unit}|${r.due_date}`);

function step(world: World, name: NormativeStep): void {
  const [command, actor, at] = NORMATIVE[name] as [IssuanceCommand, Actor, string];
  world.at(at).issuance(I1, command, actor);
}

describe('obligations projection: 发文', () => {
  it('a normative document is blocked at the legality gate until public comment, both reviews and the 司法局 opinion are in (第二十、四十五条); then 核稿, 签发, 印发, 公开, 备案 are awaited in turn', () => {
    const world = new World();
    const h = new ProjectionHarness(obligationsProjection);
    step(world, 'draft');
    h.apply(world.events);
    expect(keys(h)).toEqual(['legality_gate|legality_gate|unit:education|education|9999-12-31', 'review:office_director|review|office-director|education|9999-12-31']);
    expect(String(h.rows('open')[0]!.detail)).toContain('第四十五条');

    for (const s of ['openComment', 'closeComment', 'legality', 'integrity'] as const) step(world, s);
    h.apply(world.events);
    // Only the supervision opinion is missing: the 司法局 is awaited.
    expect(keys(h)[0]).toBe('legality_gate|legality_gate|legal-affairs|education|9999-12-31');

    step(world, 'supervision');
    step(world, 'submit');
    h.apply(world.events);
    expect(keys(h)).toEqual(['deliberation|deliberation|mayor|education|9999-12-31']);
    step(world, 'adopt');
    h.apply(world.events);
    expect(keys(h)).toEqual(['review:office_director|review|office-director|education|9999-12-31']);
    step(world, 'review');
    h.apply(world.events);
    expect(keys(h)).toEqual(['sign:mayor|signature|mayor|education|9999-12-31']);
    step(world, 'sign');
    h.apply(world.events);
    expect(keys(h)).toEqual(['issue|issue|office|education|9999-12-31']);
    world.at('2026-04-11T02:00:00Z').issuance(I1, { type: 'issue', number: { code: '张政发', year: 2026, sequence: 3 } }, who.officeClerk);
    h.apply(world.events);
    expect(keys(h)).toEqual(['file|file|office|education|9999-12-31', 'publish|publish|office|education|9999-12-31']);
    expect(h.rows('status_counts')).toEqual([{ source: 'issuance', unit: 'education', status: 'issued', n: 1 }]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('a 分管副市长 signature is awaited from the position recorded at drafting', () => {
    const world = new World();
    world.issuance(I1, { type: 'draft', title: '关于做好防汛工作的通知', issuer: 'government', category: 'work', draftingUnit: 'water-affairs' }, who.officeClerk);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual([`sign:portfolio_vice_mayor|signature|leader:${directory.portfolioLeaderOf('water-affairs')}|water-affairs|9999-12-31`]);
  });

  it('第四十四条: once the 市长 signs a 市政府 一般工作 document no 分管副市长 signature is awaited any more', () => {
    const world = new World();
    world.issuance(I1, { type: 'draft', title: '关于做好防汛工作的通知', issuer: 'government', category: 'work', draftingUnit: 'water-affairs' }, who.officeClerk);
    world.issuance(I1, { type: 'sign' }, who.leader('mayor'));
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual(['issue|issue|office|water-affairs|9999-12-31']);
  });

  it('第三十五条: after 修改后通过 no signature is awaited until the revision implementing the amendments (and its 核稿)', () => {
    const world = new World();
    for (const s of ['draft', 'openComment', 'closeComment', 'legality', 'integrity', 'supervision', 'submit'] as const) step(world, s);
    const [adopt, office, at] = NORMATIVE.adopt;
    world.at(at).issuance(I1, { ...adopt, outcome: 'adopted_with_amendments' }, office);
    step(world, 'review');
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual([]);
    world.issuance(I1, { type: 'reviseDraft', summary: '按会议意见修改', implementsAmendments: true }, who.clerk('education'));
    step(world, 'review');
    h.apply(world.events);
    expect(keys(h)).toEqual(['sign:mayor|signature|mayor|education|9999-12-31']);
  });
});

describe('obligations projection: 人大建议 / 政协提案 (第二十七条)', () => {
  function assigned(world: World): void {
    world.at('2026-03-01T02:00:00Z').proposal(P1, { type: 'register', kind: 'npc_suggestion', number: '第0012号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增加学校周边停车位的建议' }, who.officeClerk);
    world.at('2026-03-02T02:00:00Z').proposal(P1, { type: 'assign', leadUnit: 'education', coUnits: ['transport'] }, who.officeClerk);
  }

  it('交办 owes the answer (3 months) from the 主办 and a 协办 opinion (1 month) from each 协办 unit; both close when given', () => {
    const world = new World();
    assigned(world);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual(['answer|proposal_answer|unit:education|education|2026-06-02', 'co_opinion:transport|co_opinion|unit:transport|transport|2026-04-02']);
    h.apply(world.at('2026-03-20T02:00:00Z').proposal(P1, { type: 'submitCoOpinion', opinion: '同意施划临时泊位' }, who.clerk('transport')));
    h.apply(world.proposal(P1, { type: 'requestExtension', reason: '需现场踏勘', requestedDueDate: '2026-06-30' }, who.clerk('education')));
    expect(keys(h)).toEqual(['answer|proposal_answer|unit:education|education|2026-06-02', 'extension|extension_decision|office-leadership|education|2026-06-02']);
    h.apply(world.proposal(P1, { type: 'approveExtension' }, who.officeDirector));
    expect(keys(h)).toEqual(['answer|proposal_answer|unit:education|education|2026-06-30']);
    h.apply(world.at('2026-05-20T02:00:00Z').proposal(P1, { type: 'answer', answerClass: 'B', summary: '已列入计划' }, who.clerk('education')));
    expect(keys(h)).toEqual([]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('不满意 reopens the answer with a new deadline; once satisfied, publishing the result is awaited', () => {
    const world = new World();
    assigned(world);
    world.at('2026-03-20T02:00:00Z').proposal(P1, { type: 'submitCoOpinion', opinion: '同意' }, who.clerk('transport'));
    world.at('2026-05-20T02:00:00Z').proposal(P1, { type: 'answer', answerClass: 'C', summary: '暂不能解决' }, who.clerk('education'));
    world.at('2026-05-25T02:00:00Z').proposal(P1, { type: 'recordSatisfaction', satisfaction: 'dissatisfied', feedback: '不满意' }, who.officeClerk);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(h.rows('open')).toMatchObject([{ obligation: 'answer', detail: '第 2 轮办理', opened_at: '2026-05-25T02:00:00.000Z' }]);
    world.at('2026-06-10T02:00:00Z').proposal(P1, { type: 'answer', answerClass: 'B', summary: '列入计划' }, who.clerk('education'));
    world.at('2026-06-15T02:00:00Z').proposal(P1, { type: 'recordSatisfaction', satisfaction: 'satisfied' }, who.officeClerk);
    h.apply(world.events);
    expect(keys(h)).toEqual(['publish|publish_result|unit:education|education|9999-12-31']);
    world.proposal(P1, { type: 'publishResult', channel: '市政府网站' }, who.clerk('education'));
    h.apply(world.events);
    expect(keys(h)).toEqual([]);
    expect(h.rows('status_counts')).toEqual([{ source: 'proposal', unit: 'education', status: 'closed', n: 1 }]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第二十七条: a 时限重算 on 2027 calendar data moves the open rows to the recounted days; the provisional versions become past', () => {
    // A (hypothetical) 2027 notice: 元旦 2027-01-01 and 清明 2027-04-05 are holidays.
    const with2027 = proposalAggregate({ calendar: new ChineseDaysCalendar({ holidays: ['2027-01-01', '2027-04-05'], workdays: [], coveredThrough: '2027-12-31' }), directory });
    const world = new World();
    const register = { type: 'register', kind: 'npc_suggestion', number: '第0031号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增设公交站点的建议' } as const;
    world.at('2026-11-30T02:00:00Z').proposal(P1, register, who.officeClerk);
    // 协办 by 2026-12-01 + 1 month = 2027-01-01, 答复 by 2027-03-01 (a Monday either way).
    world.at('2026-12-01T02:00:00Z').proposal(P1, { type: 'assign', leadUnit: 'education', coUnits: ['transport'] }, who.officeClerk);
    world.at('2027-01-04T02:00:00Z').proposal(P2, { ...register, number: '第0032号' }, who.officeClerk);
    // 答复 by 2027-01-05 + 3 months = 2027-04-05.
    world.at('2027-01-05T02:00:00Z').proposal(P2, { type: 'assign', leadUnit: 'transport' }, who.officeClerk);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    const byDoc = () => h.rows('open').map((r) => `${r.doc_id === P1 ? 'P1' : 'P2'} ${r.obligation} ${r.due_date} ${r.due_at}`);
    expect(byDoc()).toEqual([
      'P1 answer 2027-03-01 2027-03-01T15:59:59.999Z',
      'P1 co_opinion:transport 2027-01-01 2027-01-01T15:59:59.999Z',
      'P2 answer 2027-04-05 2027-04-05T15:59:59.999Z',
    ]);

    world.at('2027-01-06T02:00:00Z').run(with2027, P1, { type: 'recalculateDeadlines' }, who.officeClerk);
    world.run(with2027, P2, { type: 'recalculateDeadlines' }, who.officeClerk);
    h.apply(world.events);
    expect(byDoc()).toEqual([
      'P1 answer 2027-03-01 2027-03-01T15:59:59.999Z',
      'P1 co_opinion:transport 2027-01-04 2027-01-04T15:59:59.999Z',
      'P2 answer 2027-04-06 2027-04-06T15:59:59.999Z',
    ]);
    // A moved obligation keeps the moment it arose; its new version begins with the 重算.
    expect(h.rows('open').filter((r) => r.due_date !== '2027-03-01').map((r) => [r.opened_at, r.since])).toEqual([
      ['2026-12-01T02:00:00.000Z', '2027-01-06T02:00:00.000Z'],
      ['2027-01-05T02:00:00.000Z', '2027-01-06T02:00:00.000Z'],
    ]);
    expect(h.rows('past').map((r) => [r.doc_id === P1 ? 'P1' : 'P2', r.obligation, r.due_date, r.since, r.until])).toEqual([
      ['P1', 'co_opinion:transport', '2027-01-01', '2026-12-01T02:00:00.000Z', '2027-01-06T02:00:00.000Z'],
      ['P2', 'answer', '2027-04-05', '2027-01-05T02:00:00.000Z', '2027-01-06T02:00:00.000Z'],
    ]);
    expect(h.rows('due_counts')).toEqual([
      { unit: 'education', due_date: '2027-03-01', n: 1 },
      { unit: 'transport', due_date: '2027-01-04', n: 1 },
      { unit: 'transport', due_date: '2027-04-06', n: 1 },
    ]);
    expectIdempotent(obligationsProjection, world.events);
  });
});
