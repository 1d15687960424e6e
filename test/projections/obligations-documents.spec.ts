import { obligationsProjection } from '../../projections/obligations.projection';
import { NO_DEADLINE_AT, NO_DEADLINE_DATE } from '../../projections/obligation-vocabulary';
import { expectIdempotent, ProjectionHarness } from './support/projection-harness';
import { assignedDocument, intake } from './support/document-steps';
import { directory, who, World } from './support/world';

/** Projection spec: 收文/交办 events → open obligations and the dashboard counters (第三十二、四十二、四十七条). */
const D1 = '11111111-1111-4111-8111-111111111111';
const STREAM = `document-${D1}`;
const open = (h: ProjectionHarness) => h.rows('open');
const keys = (h: ProjectionHarness) => open(h).map((r) => `${r.obligation}:${r.type}:${r.owed_by}:${r.due_date}`);

/** The counters must always equal a GROUP BY over the rows they count. */
function expectCountersConsistent(h: ProjectionHarness): void {
  const byDue = h.sql((t) => `SELECT unit, due_date, COUNT(*) AS n FROM ${t('open')} GROUP BY unit, due_date ORDER BY unit, due_date`);
  expect(h.rows('due_counts')).toEqual(byDue);
  expect(h.rows('open_counts')).toEqual(h.sql((t) => `SELECT unit, COUNT(*) AS n FROM ${t('open')} GROUP BY unit ORDER BY unit`));
  const byStatus = h.sql((t) => `SELECT source, unit, status, COUNT(*) AS n FROM ${t('subjects')} GROUP BY source, unit, status ORDER BY source, unit, status`);
  expect(h.rows('status_counts')).toEqual(byStatus);
}

describe('obligations projection: 收文/交办', () => {
  it('交办 of a 职权范围内 matter owes 办结 by the 7th working day, counted across 国庆 and the 10-10 调休 day (第四十七条)', () => {
    const world = new World('2026-09-21T02:00:00.000Z');
    assignedDocument(world, D1, { unit: 'natural-resources', assignAt: '2026-09-28T02:00:00.000Z' });
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(open(h)).toEqual([
      {
        stream_id: STREAM,
        obligation: 'main',
        source: 'document',
        doc_id: D1,
        title: '关于某地块土地收储的请示',
        doc_kind: 'request',
        handling_class: 'own_authority',
        type: 'completion',
        unit: 'natural-resources',
        owed_by: 'unit:natural-resources',
        due_at: '2026-10-13T15:59:59.999Z',
        due_date: '2026-10-13',
        opened_at: '2026-09-28T02:00:00.000Z',
        detail: null,
        urged_at: null,
        since: '2026-09-28T02:00:00.000Z',
      },
    ]);
    expect(h.rows('subjects')).toMatchObject([{ stream_id: STREAM, unit: 'natural-resources', status: 'assigned', revision: 5 }]);
    expect(h.rows('status_counts')).toEqual([{ source: 'document', unit: 'natural-resources', status: 'assigned', n: 1 }]);
    expect(h.rows('due_counts')).toEqual([{ unit: 'natural-resources', due_date: '2026-10-13', n: 1 }]);
  });

  it('after 分工呈批 each routed leader owes a 批示 (no time limit); the 批示 closes it', () => {
    const world = new World();
    intake(world, D1, 'education');
    const leader = directory.portfolioLeaderOf('education')!;
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual([`instruction:${leader}:instruction:leader:${leader}:${NO_DEADLINE_DATE}`]);
    expect(open(h)[0]).toMatchObject({ due_at: NO_DEADLINE_AT, unit: 'education' });
    h.apply(world.document(D1, { type: 'instruct', text: '同意' }, who.leader(leader)));
    expect(open(h)).toEqual([]);
    expectCountersConsistent(h);
  });

  it('需要调查论证: 办结 in 30 working days and 说明办理情况 first; the explanation closes only the latter', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'needs_investigation', assignAt: '2026-03-02T02:00:00.000Z' });
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual([
      'main:completion:unit:natural-resources:2026-04-14',
      'progress:progress:unit:natural-resources:2026-03-11',
    ]);
    h.apply(world.document(D1, { type: 'explainProgress', text: '正在调查' }, who.clerk('natural-resources')));
    expect(keys(h)).toEqual(['main:completion:unit:natural-resources:2026-04-14']);
    expectCountersConsistent(h);
  });

  it('会商: each consulted unit owes a reply by the reply date; a 不同意 reported as a disagreement waits for the 分管领导, who carries the 办理时限', () => {
    const world = new World();
    assignedDocument(world, D1, { handlingClass: 'lead_with_consultation', coUnits: ['finance'], assignAt: '2026-03-02T02:00:00.000Z' });
    const lead = who.clerk('natural-resources');
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(keys(h)).toEqual(['main:opinion:unit:natural-resources:2026-03-16']);

    h.apply(world.document(D1, { type: 'requestConsultation', units: ['finance', 'housing-construction'], replyBy: '2026-03-09', subject: '收储资金安排' }, lead));
    expect(keys(h)).toEqual([
      'consult:finance:consultation_reply:unit:finance:2026-03-09',
      'consult:housing-construction:consultation_reply:unit:housing-construction:2026-03-09',
      'main:opinion:unit:natural-resources:2026-03-16',
    ]);
    expect(open(h)[0]).toMatchObject({ unit: 'finance', due_at: '2026-03-09T15:59:59.999Z', detail: '收储资金安排' });

    h.apply(world.document(D1, { type: 'giveConsultationOpinion', stance: 'agree' }, who.clerk('housing-construction')));
    h.apply(world.document(D1, { type: 'giveConsultationOpinion', stance: 'disagree', reasons: '资金已安排完毕', basis: '年度预算' }, who.clerk('finance')));
    expect(keys(h)).toEqual(['main:opinion:unit:natural-resources:2026-03-16']);

    h.apply(
      world.document(
        D1,
        {
          type: 'reportDisagreement',
          headsConsulted: true,
          positions: [
            { unit: 'natural-resources', reasons: '具备收储条件', basis: '土地储备管理办法' },
            { unit: 'finance', reasons: '资金已安排完毕', basis: '年度预算' },
          ],
          proposal: '分两年安排',
        },
        lead,
      ),
    );
    expect(keys(h)).toEqual(['coordination:coordination:portfolio-leader:2026-03-16', 'main:opinion:unit:natural-resources:2026-03-16']);
    h.apply(world.document(D1, { type: 'coordinate', outcome: 'agreed', text: '分两年安排' }, who.leader(directory.portfolioLeaderOf('natural-resources')!)));
    expect(keys(h)).toEqual(['main:opinion:unit:natural-resources:2026-03-16']);

    h.apply(world.at('2026-03-12T02:00:00.000Z').document(D1, { type: 'submitOpinion', text: '建议分两年收储' }, lead));
    expect(open(h)).toEqual([]);
    expect(h.rows('status_counts')).toEqual([{ source: 'document', unit: 'natural-resources', status: 'opinion_submitted', n: 1 }]);
    expect(h.rows('due_counts')).toEqual([]);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('延期: the request awaits a decision by the current due moment; approval moves 办结 and its due-date counter', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: '2026-03-02T02:00:00.000Z' });
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    h.apply(world.document(D1, { type: 'requestExtension', requestedDueDate: '2026-03-20', reason: '需补充材料' }, who.clerk('natural-resources')));
    expect(keys(h)).toEqual(['extension:extension_decision:approver:2026-03-11', 'main:completion:unit:natural-resources:2026-03-11']);
    expect(open(h)[0]!.detail).toBe('申请延期至 2026-03-20');
    expect(h.rows('due_counts')).toEqual([{ unit: 'natural-resources', due_date: '2026-03-11', n: 2 }]);

    h.apply(world.document(D1, { type: 'approveExtension' }, who.officeDirector));
    expect(keys(h)).toEqual(['main:completion:unit:natural-resources:2026-03-20']);
    // A changed obligation keeps the moment it arose.
    expect(open(h)[0]!.opened_at).toBe('2026-03-02T02:00:00.000Z');
    expect(h.rows('due_counts')).toEqual([{ unit: 'natural-resources', due_date: '2026-03-20', n: 1 }]);
    expectCountersConsistent(h);
  });

  it('催办 marks the 办结 row; 办结 closes every obligation of the document', () => {
    const world = new World();
    assignedDocument(world, D1, { assignAt: '2026-03-02T02:00:00.000Z' });
    world.at('2026-03-12T01:00:00.000Z').document(D1, { type: 'urge', text: '请于今日报送办理结果' }, who.supervisor);
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(open(h)).toMatchObject([{ obligation: 'main', urged_at: '2026-03-12T01:00:00.000Z' }]);
    h.apply(world.document(D1, { type: 'complete', result: '已办结' }, who.clerk('natural-resources')));
    expect(open(h)).toEqual([]);
    h.apply(world.document(D1, { type: 'close' }, who.officeClerk));
    h.apply(world.document(D1, { type: 'archive', archiveNo: 'A-1' }, who.officeClerk));
    expect(h.rows('status_counts')).toEqual([{ source: 'document', unit: 'natural-resources', status: 'archived', n: 1 }]);
    // The stored state of a finished document is small.
    expect(String(h.rows('subjects')[0]!.state).length).toBeLessThan(400);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第四十一条: a 退文 owes the office nothing; the corrected resubmission moves the status counters and awaits 签收登记 again', () => {
    const world = new World();
    world.document(D1, { type: 'submit', fromUnit: 'education', kind: 'report', title: '关于情况的报告', mainTo: ['vice-mayor-2'], summary: '报告' }, who.clerk('education'));
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expect(h.rows('status_counts')).toEqual([{ source: 'document', unit: 'education', status: 'returned', n: 1 }]);
    expect(open(h)).toEqual([]);
    h.apply(world.document(D1, { type: 'resubmit', corrections: { mainTo: [directory.organCode] } }, who.clerk('education')));
    expect(h.rows('status_counts')).toEqual([{ source: 'document', unit: 'education', status: 'submitted', n: 1 }]);
    expect(keys(h)).toEqual([`office:registration:registration:office:${NO_DEADLINE_DATE}`]);
    expectCountersConsistent(h);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('第四十二条: the office owes each intake step in turn (签收登记, 初审拟办, 分工呈批, no time limit), each arising when the last is done, until the leaders owe their 批示', () => {
    const world = new World('2026-03-02T02:00:00.000Z');
    const h = new ProjectionHarness(obligationsProjection);
    let minutes = 0;
    const step = (command: Parameters<World['document']>[1]) => {
      minutes += 30;
      h.apply(world.at(new Date(Date.parse('2026-03-02T02:00:00.000Z') + minutes * 60_000).toISOString()).document(D1, command, who.officeClerk));
    };
    h.apply(world.document(D1, { type: 'submit', fromUnit: 'education', kind: 'request', title: '关于某事项的请示', mainTo: [directory.organCode], summary: '请示', requestItems: ['同意'] }, who.clerk('education')));
    expect(open(h)).toEqual([
      expect.objectContaining({ obligation: 'office:registration', type: 'registration', owed_by: 'office', unit: 'education', due_at: NO_DEADLINE_AT, opened_at: '2026-03-02T02:00:00.000Z' }),
    ]);
    step({ type: 'register', registrationNo: '收文1' });
    expect(open(h)).toEqual([expect.objectContaining({ obligation: 'office:intake_review', type: 'intake_review', owed_by: 'office', opened_at: '2026-03-02T02:30:00.000Z' })]);
    step({ type: 'review', opinion: '拟请分管副市长阅示', proposedLeadUnit: 'education' });
    expect(open(h)).toEqual([expect.objectContaining({ obligation: 'office:routing', type: 'routing', owed_by: 'office' })]);
    step({ type: 'route' });
    const leader = directory.portfolioLeaderOf('education')!;
    expect(keys(h)).toEqual([`instruction:${leader}:instruction:leader:${leader}:${NO_DEADLINE_DATE}`]);
    // Each step, once done, is a past version with the moment it ended.
    expect(h.rows('past').map((r) => [r.obligation, r.until])).toEqual([
      ['office:registration', '2026-03-02T02:30:00.000Z'],
      ['office:intake_review', '2026-03-02T03:00:00.000Z'],
      ['office:routing', '2026-03-02T03:30:00.000Z'],
    ]);
    expectCountersConsistent(h);
    expectIdempotent(obligationsProjection, world.events);
  });

  it('many documents: counters equal the rows, and applying everything twice changes nothing', () => {
    const world = new World('2026-03-02T01:00:00.000Z');
    const units = ['natural-resources', 'education', 'finance', 'transport'];
    for (let i = 0; i < 8; i++) {
      const id = `00000000-0000-4000-8000-00000000000${i}`;
      assignedDocument(world, id, { unit: units[i % 4], handlingClass: i % 2 ? 'needs_investigation' : 'own_authority' });
      if (i % 3 === 0) world.document(id, { type: 'complete', result: '办结' }, who.clerk(units[i % 4]!));
    }
    const h = new ProjectionHarness(obligationsProjection).apply(world.events);
    expectCountersConsistent(h);
    expect(open(h).length).toBe(5 + 4 - 1); // 5 open 办结, 4 说明办理情况 of which one was closed with its 办结
    expectIdempotent(obligationsProjection, world.events);
  });
});
