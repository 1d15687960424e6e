import { proposalSchemaVersion } from '../../events/proposal-catalogue';
import { deserializeProposalEvent } from '../../events/proposal-upcast';
import { calendar } from './fixtures';

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
});
