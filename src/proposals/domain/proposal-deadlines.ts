import { addCalendarMonthsRolled, endOfShanghaiDay, type Deadline } from '../../calendar/deadline-policy';
import type { IsoDate, WorkingCalendar } from '../../calendar/working-calendar';
import type { ProposalDeadlinePolicy } from './proposal-deps';

/**
 * 第二十七条 asks for 限时办结 and names no time limit: the months are this system's
 * configured 办理时限 (ProposalDeadlinePolicy), so the stored rule says which is which.
 */
const configured = (limit: string) => `第二十七条: 限时办结。按本系统配置的办理时限, ${limit} (遇休息日顺延)`;

/** The same day `n` calendar months later (clamped to the month's end), rolled forward to the next working day when that is a day off. */
export const answerDeadline = (assignedAt: string, policy: ProposalDeadlinePolicy, calendar: WorkingCalendar): Deadline =>
  addCalendarMonthsRolled(assignedAt, policy.answerMonths, calendar, {
    rule: configured(`建议、提案自交办之日起 ${policy.answerMonths} 个月内答复`),
    ruleCode: `ART27_ANSWER_${policy.answerMonths}M`,
  });

export const coOpinionDeadline = (assignedAt: string, policy: ProposalDeadlinePolicy, calendar: WorkingCalendar): Deadline =>
  addCalendarMonthsRolled(assignedAt, policy.coOpinionMonths, calendar, {
    rule: configured(`协办单位自交办之日起 ${policy.coOpinionMonths} 个月内向主办单位提出协办意见`),
    ruleCode: `ART27_CO_OPINION_${policy.coOpinionMonths}M`,
  });

export const reopenDeadline = (reopenedAt: string, policy: ProposalDeadlinePolicy, calendar: WorkingCalendar): Deadline =>
  addCalendarMonthsRolled(reopenedAt, policy.reopenMonths, calendar, {
    rule: configured(`代表/委员不满意的, 重新办理并于 ${policy.reopenMonths} 个月内再次答复`),
    ruleCode: `ART27_REOPEN_${policy.reopenMonths}M`,
  });

/** An approved extension to a stated date, rolled to a working day like the others. */
export function extendedDeadline(date: IsoDate, calendar: WorkingCalendar): Deadline {
  const dueDate = calendar.nextWorkdayOnOrAfter(date);
  return {
    dueAt: endOfShanghaiDay(dueDate),
    dueDate,
    rule: `第二十七条: 限时办结。经批准延期至 ${date} (遇休息日顺延)`,
    ruleCode: 'ART27_EXTENSION_APPROVED',
    calendarVersion: calendar.version,
    provisional: calendar.isProvisional(date) || calendar.isProvisional(dueDate),
  };
}

/**
 * What the current 答复 deadline was counted from: the 交办, a 重新办理, or the day an
 * approved extension named. Kept in the state so new calendar data can count it again.
 */
export type AnswerDeadlineBasis = { from: 'assignment' | 'reopening'; at: string } | { from: 'extension'; date: IsoDate };

/** The 答复 deadline counted again from its basis with `calendar`, under the same rule. */
export function recountAnswerDeadline(basis: AnswerDeadlineBasis, policy: ProposalDeadlinePolicy, calendar: WorkingCalendar): Deadline {
  switch (basis.from) {
    case 'assignment':
      return answerDeadline(basis.at, policy, calendar);
    case 'reopening':
      return reopenDeadline(basis.at, policy, calendar);
    case 'extension':
      return extendedDeadline(basis.date, calendar);
  }
}
