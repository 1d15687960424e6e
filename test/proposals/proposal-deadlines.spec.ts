import type { ProposalCommand } from '../../src/proposals/domain/proposal-commands';
import type { ProposalDeps } from '../../src/proposals/domain/proposal-deps';
import { deciderSpec } from '../issuance/given-when-then';
import { proposalDecider } from '../../src/proposals/domain/proposal-decider';
import { calendar, deps, history, P, REGISTER, spec } from './fixtures';

/**
 * Expected dates computed by hand from the 国务院办公厅 2025 and 2026 holiday notices:
 * 2025-10-01…08 国庆中秋; 2026-02-15…23 春节 (2-14, 2-28 上班); 05-01…05 劳动节 (05-09 上班);
 * 06-19…21 端午; 09-25…27 中秋; 10-01…07 国庆 (09-20, 10-10 上班).
 */
const registered = history([[REGISTER, P.officeClerk, '2025-11-01T02:00:00Z']]);
const assign: ProposalCommand = { type: 'assign', leadUnit: 'education', coUnits: ['housing-construction'] };
const assigned = (at: string) => spec.given(registered).when(assign, P.officeClerk, at).events()[0]!;
const due = (at: string) => {
  const e = assigned(at);
  if (e.type !== 'proposal.assigned') throw new Error(e.type);
  return { answer: e.data.answerDeadline.dueDate, coOpinion: e.data.coOpinionDeadline?.dueDate };
};

describe('第二十七条 deadlines: calendar months from 交办, rolled forward to the next working day', () => {
  it('第二十七条: 交办 2026-03-02 → 答复 2026-06-02, 协办意见 2026-04-02, due at the end of the Shanghai day', () => {
    const e = assigned('2026-03-02T02:00:00Z');
    expect(e).toMatchObject({
      type: 'proposal.assigned',
      data: {
        leadUnit: 'education',
        coUnits: ['housing-construction'],
        assignedAt: '2026-03-02T02:00:00.000Z',
        answerDeadline: { dueDate: '2026-06-02', dueAt: '2026-06-02T15:59:59.999Z', ruleCode: 'ART27_ANSWER_3M', calendarVersion: calendar.version, provisional: false },
        coOpinionDeadline: { dueDate: '2026-04-02', dueAt: '2026-04-02T15:59:59.999Z', ruleCode: 'ART27_CO_OPINION_1M' },
      },
    });
  });

  it('第二十七条: 3 months after 2026-07-01 is 国庆 (10-01…07): 答复 rolls to 2026-10-08; 1 month lands on Saturday 08-01: rolls to Monday 08-03', () => {
    expect(due('2026-07-01T02:00:00Z')).toEqual({ answer: '2026-10-08', coOpinion: '2026-08-03' });
  });

  it('第二十七条: 3 months after 2025-11-17 is 春节 (2026-02-17): 答复 rolls past the holiday to 2026-02-24', () => {
    expect(due('2025-11-17T02:00:00Z')).toEqual({ answer: '2026-02-24', coOpinion: '2025-12-17' });
  });

  it('第二十七条: month end: 07-31 + 3 months = Saturday 10-31 → Monday 11-02; + 1 month = 08-31', () => {
    expect(due('2026-07-31T02:00:00Z')).toEqual({ answer: '2026-11-02', coOpinion: '2026-08-31' });
  });

  it('第二十七条: month end: 08-31 + 1 month is clamped to 09-30 and + 3 months to 11-30', () => {
    expect(due('2026-08-31T02:00:00Z')).toEqual({ answer: '2026-11-30', coOpinion: '2026-09-30' });
  });

  it('第二十七条: 11-30 + 3 months is clamped to 2026-02-28, a Saturday that is a 调休 working day, so it stays', () => {
    // 2025-11-29T16:30Z is already 2025-11-30 00:30 in Shanghai.
    expect(due('2025-11-29T16:30:00Z')).toEqual({ answer: '2026-02-28', coOpinion: '2025-12-30' });
  });

  it('第二十七条: 3 months after 2026-02-09 is Saturday 05-09, a 调休 working day: not rolled', () => {
    expect(due('2026-02-09T02:00:00Z')).toEqual({ answer: '2026-05-09', coOpinion: '2026-03-09' });
  });

  it('第二十七条: 3 months after 2026-02-04 is 劳动节 (05-04): rolls to 05-06', () => {
    expect(due('2026-02-04T02:00:00Z')).toEqual({ answer: '2026-05-06', coOpinion: '2026-03-04' });
  });

  it('第二十七条: the policy is configurable: 2 months from 2026-03-02 is Saturday 05-02 in 劳动节 → 05-06', () => {
    const custom: ProposalDeps = { ...deps, policy: { answerMonths: 2, coOpinionMonths: 1, reopenMonths: 1 } };
    const e = deciderSpec(proposalDecider, custom, '2026-03-02T02:00:00Z').given(registered).when(assign, P.officeClerk).events()[0]!;
    expect(e).toMatchObject({ data: { answerDeadline: { dueDate: '2026-05-06', ruleCode: 'ART27_ANSWER_2M' } } });
  });

  it('第二十七条: the stored rule cites the article for 限时办结 and states the months as the configured 办理时限, not as its text', () => {
    const e = assigned('2026-03-02T02:00:00Z');
    if (e.type !== 'proposal.assigned') throw new Error(e.type);
    expect(e.data.answerDeadline.rule).toBe('第二十七条: 限时办结。按本系统配置的办理时限, 建议、提案自交办之日起 3 个月内答复 (遇休息日顺延)');
    expect(e.data.coOpinionDeadline!.rule).toBe('第二十七条: 限时办结。按本系统配置的办理时限, 协办单位自交办之日起 1 个月内向主办单位提出协办意见 (遇休息日顺延)');
    const reopened = history(
      [
        [{ type: 'assign', leadUnit: 'education' }, P.officeClerk, '2026-03-02T02:00:00Z'],
        [{ type: 'answer', answerClass: 'B', summary: '已列入计划' }, P.eduClerk, '2026-03-20T02:00:00Z'],
        [{ type: 'recordSatisfaction', satisfaction: 'dissatisfied' }, P.officeClerk, '2026-03-25T02:00:00Z'],
      ],
      registered,
    ).at(-1)!;
    expect(reopened).toMatchObject({
      type: 'proposal.reopened',
      data: { answerDeadline: { rule: '第二十七条: 限时办结。按本系统配置的办理时限, 代表/委员不满意的, 重新办理并于 1 个月内再次答复 (遇休息日顺延)' } },
    });
  });

  it('第二十七条: without 协办 units there is no 协办 deadline', () => {
    const e = spec.given(registered).when({ type: 'assign', leadUnit: 'education' }, P.officeClerk).events()[0]!;
    expect(e.data).not.toHaveProperty('coOpinionDeadline');
  });
});
