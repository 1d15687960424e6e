import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import { proposalSchemaVersion } from '../../events/proposal-catalogue';
import type { ProposalEvent } from '../../events/proposal-events';
import { deserializeProposalEvent } from '../../events/proposal-upcast';
import { proposalDecider } from '../../src/proposals/domain/proposal-decider';
import { deciderSpec } from '../issuance/given-when-then';
import { calendar, directory, history, P, REGISTER } from './fixtures';

/** A 延期批准 as v1 stored it: the approved day only inside the rule text. */
const v1 = (rule: string) => ({
  answerDeadline: { dueAt: '2027-03-22T15:59:59.999Z', dueDate: '2027-03-22', rule, ruleCode: 'ART27_EXTENSION_APPROVED', calendarVersion: calendar.version, provisional: true },
  previousDueDate: '2027-03-01',
});

describe('proposal.extension_approved v2: the day the approver named is stored (approvedDate)', () => {
  it('is at schema version 2', () => {
    expect(proposalSchemaVersion('proposal.extension_approved')).toBe(2);
  });

  it('lifts v1 events: approvedDate from the rule text v1 wrote (both wordings), else the due date', () => {
    const lift = (rule: string) => deserializeProposalEvent('proposal.extension_approved', 1, v1(rule)).data;
    expect(lift('第二十七条: 限时办结。经批准延期至 2027-03-20 (遇休息日顺延)')).toMatchObject({ approvedDate: '2027-03-20', previousDueDate: '2027-03-01' });
    expect(lift('第二十七条: 经批准延期至 2027-03-20 (遇休息日顺延)')).toMatchObject({ approvedDate: '2027-03-20' });
    expect(lift('延期')).toMatchObject({ approvedDate: '2027-03-22' });
  });

  it('第二十七条: a v1 extension to Saturday 2027-03-20 is re-rolled from that Saturday: a 调休 working day in the new data makes it due that day', () => {
    const assigned = history([
      [REGISTER, P.officeClerk, '2026-11-26T02:00:00Z'],
      [{ type: 'assign', leadUnit: 'education' }, P.officeClerk, '2026-11-27T02:00:00Z'],
      [{ type: 'requestExtension', reason: '需征求学校意见', requestedDueDate: '2027-03-20' }, P.eduClerk, '2027-01-07T02:00:00Z'],
    ]);
    const stored = deserializeProposalEvent('proposal.extension_approved', 1, v1('第二十七条: 限时办结。经批准延期至 2027-03-20 (遇休息日顺延)'));
    const makeUpSaturday = new ChineseDaysCalendar({ holidays: [], workdays: ['2027-03-20'], coveredThrough: '2027-12-31' });
    const spec = deciderSpec(proposalDecider, { calendar: makeUpSaturday, directory }, '2027-01-10T02:00:00Z');
    const [event] = spec.given([...assigned, stored as ProposalEvent]).when({ type: 'recalculateDeadlines' }, P.officeClerk).events();
    expect(event).toMatchObject({ type: 'proposal.deadlines_recalculated', data: { answerDeadline: { dueDate: '2027-03-20', provisional: false, ruleCode: 'ART27_EXTENSION_APPROVED' } } });
  });
});
