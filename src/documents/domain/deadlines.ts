import { endOfShanghaiDay, type Deadline } from '../../calendar/deadline-policy';

const ART47 = '第四十七条';

/** On time when done no later than the stored due moment (end of the due day, Asia/Shanghai). */
export const isOnTime = (now: Date, deadline: Deadline | undefined) =>
  deadline === undefined || now.getTime() <= Date.parse(deadline.dueAt);

export const EXTENSION_RULE_CODE = 'ART47_EXTENSION_APPROVED';

/** A deadline set by an approved extension: the approver names the day, nothing is counted. */
export function extendedDeadline(dueDate: string, calendarVersion: string): Deadline {
  return {
    dueAt: endOfShanghaiDay(dueDate),
    dueDate,
    rule: `${ART47}: 经批准延期至 ${dueDate}`,
    ruleCode: EXTENSION_RULE_CODE,
    calendarVersion,
    provisional: false,
  };
}
