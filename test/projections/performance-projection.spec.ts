import { performanceProjection } from '../../projections/performance.projection';
import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import { proposalAggregate } from '../../src/proposals/proposal.aggregate';
import { expectIdempotent, ProjectionHarness } from './support/projection-harness';
import { assignedDocument } from './support/document-steps';
import { directory, who, World } from './support/world';

/** Projection spec: per-item facts and incidents for 绩效考核 (第三十二条). */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('performance projection', () => {
  function scenario(): World {
    const world = new World('2026-03-02T01:00:00.000Z');
    // 1: on time; 2: late after a 催办; 3: extended, still open.
    assignedDocument(world, id(1), { unit: 'education', assignAt: '2026-03-02T02:00:00.000Z' });
    world.at('2026-03-05T02:00:00.000Z').document(id(1), { type: 'complete', result: '已办结' }, who.clerk('education'));
    assignedDocument(world, id(2), { unit: 'education', assignAt: '2026-03-02T03:00:00.000Z' });
    world.at('2026-03-12T02:00:00.000Z').document(id(2), { type: 'urge', text: '已逾期,请报送' }, who.supervisor);
    world.at('2026-03-13T02:00:00.000Z').document(id(2), { type: 'complete', result: '已办结' }, who.clerk('education'));
    assignedDocument(world, id(3), { unit: 'finance', assignAt: '2026-03-02T04:00:00.000Z' });
    world.document(id(3), { type: 'requestExtension', requestedDueDate: '2026-03-31', reason: '需调研' }, who.clerk('finance'));
    world.at('2026-03-06T02:00:00.000Z').document(id(3), { type: 'approveExtension' }, who.officeDirector);
    return world;
  }

  it('keeps one fact row per assigned item and one row per 催办 or approved 延期', () => {
    const h = new ProjectionHarness(performanceProjection).apply(scenario().events);
    expect(h.rows('facts').map(({ stream_id, doc_id, source, ...r }) => r)).toEqual([
      { kind: 'request', unit: 'education', handling_class: 'own_authority', assigned_at: '2026-03-02T02:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-11T15:59:59.999Z', due_date: '2026-03-11', finished_at: '2026-03-05T02:00:00.000Z', finished_date: '2026-03-05', on_time: 1 },
      { kind: 'request', unit: 'education', handling_class: 'own_authority', assigned_at: '2026-03-02T03:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-11T15:59:59.999Z', due_date: '2026-03-11', finished_at: '2026-03-13T02:00:00.000Z', finished_date: '2026-03-13', on_time: 0 },
      { kind: 'request', unit: 'finance', handling_class: 'own_authority', assigned_at: '2026-03-02T04:00:00.000Z', assigned_date: '2026-03-02', due_at: '2026-03-31T15:59:59.999Z', due_date: '2026-03-31', finished_at: null, finished_date: null, on_time: null },
    ]);
    expect(h.rows('incidents').map((r) => [r.doc_id, r.type, r.unit, r.date])).toEqual([
      [id(2), 'urge', 'education', '2026-03-12'],
      [id(3), 'extension', 'finance', '2026-03-06'],
    ]);
  });

  it('applying the same events twice changes nothing', () => {
    expectIdempotent(performanceProjection, scenario().events);
  });

  it('第二十七条: a 时限重算 moves the 答复 due date of the fact, so answering on the recounted day counts as on time', () => {
    // A (hypothetical) 2027 notice: 元旦 2027-01-01 and 清明 2027-04-05 are holidays.
    const with2027 = proposalAggregate({ calendar: new ChineseDaysCalendar({ holidays: ['2027-01-01', '2027-04-05'], workdays: [], coveredThrough: '2027-12-31' }), directory });
    const world = new World('2027-01-04T02:00:00.000Z');
    world.proposal(id(4), { type: 'register', kind: 'cppcc_proposal', number: '第0040号', session: '市政协十五届五次会议', proposer: '陈委员', subject: '关于优化公交线路的提案' }, who.officeClerk);
    // 答复 by 2027-01-05 + 3 months = 2027-04-05; 协办意见 by 2027-02-05.
    world.at('2027-01-05T02:00:00.000Z').proposal(id(4), { type: 'assign', leadUnit: 'transport', coUnits: ['education'] }, who.officeClerk);
    const h = new ProjectionHarness(performanceProjection).apply(world.events);
    const fact = () => h.rows('facts').map((r) => [r.due_at, r.due_date, r.on_time]);
    expect(fact()).toEqual([['2027-04-05T15:59:59.999Z', '2027-04-05', null]]);

    world.at('2027-01-06T02:00:00.000Z').run(with2027, id(4), { type: 'recalculateDeadlines' }, who.officeClerk);
    h.apply(world.events);
    expect(fact()).toEqual([['2027-04-06T15:59:59.999Z', '2027-04-06', null]]);

    // The decider reads the recorded deadline, whatever calendar it runs with.
    world.at('2027-02-01T02:00:00.000Z').proposal(id(4), { type: 'submitCoOpinion', opinion: '同意' }, who.clerk('education'));
    world.at('2027-04-06T08:00:00.000Z').proposal(id(4), { type: 'answer', answerClass: 'A', summary: '已优化' }, who.clerk('transport'));
    h.apply(world.events);
    expect(fact()).toEqual([['2027-04-06T15:59:59.999Z', '2027-04-06', 1]]);
    expectIdempotent(performanceProjection, world.events);
  });

  it('第二十七条: a 时限重算 of the 协办意见 deadline alone leaves the fact’s 答复 due date', () => {
    const with2027 = proposalAggregate({ calendar: new ChineseDaysCalendar({ holidays: ['2027-01-01'], workdays: [], coveredThrough: '2027-01-31' }), directory });
    const world = new World('2026-09-01T02:00:00.000Z');
    world.proposal(id(5), { type: 'register', kind: 'npc_suggestion', number: '第0041号', session: '市十六届人大五次会议', proposer: '王代表', subject: '关于增设公交站点的建议' }, who.officeClerk);
    // 协办意见 by 2026-12-01 + 1 month = 2027-01-01 (元旦, now covered); 答复 by 2027-03-01, still past the data.
    world.at('2026-12-01T02:00:00.000Z').proposal(id(5), { type: 'assign', leadUnit: 'transport', coUnits: ['education'] }, who.officeClerk);
    world.at('2026-12-10T02:00:00.000Z').run(with2027, id(5), { type: 'recalculateDeadlines' }, who.officeClerk);
    expect(world.events.at(-1)).toMatchObject({ type: 'proposal.deadlines_recalculated', data: { coOpinionDeadline: { dueDate: '2027-01-04' } } });
    expect(world.events.at(-1)!.data).not.toHaveProperty('answerDeadline');
    const h = new ProjectionHarness(performanceProjection).apply(world.events);
    expect(h.rows('facts').map((r) => r.due_date)).toEqual(['2027-03-01']);
  });
});
