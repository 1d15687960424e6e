import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import type { ProposalEvent } from '../../events/proposal-events';
import type { ProposalCommand } from '../../src/proposals/domain/proposal-commands';
import { proposalDecider } from '../../src/proposals/domain/proposal-decider';
import { deciderSpec } from '../issuance/given-when-then';
import { calendar, directory, history, P, REGISTER, spec } from './fixtures';

/**
 * 第二十七条 限时办结 past the official calendar data (2004–2026): the deadlines are
 * provisional, counted on a Mon–Fri guess, until newer data is loaded. A (hypothetical) 2027
 * notice: 元旦 on Friday 2027-01-01 and 清明 on Monday 2027-04-05 are holidays.
 */
const calendar2027 = new ChineseDaysCalendar({ holidays: ['2027-01-01', '2027-04-05'], workdays: [], coveredThrough: '2027-12-31' });
const next = deciderSpec(proposalDecider, { calendar: calendar2027, directory }, '2027-01-06T02:00:00Z');
const RECALCULATE: ProposalCommand = { type: 'recalculateDeadlines' };

const registered = history([[REGISTER, P.officeClerk, '2026-03-01T02:00:00Z']]);
const assignedAt = (at: string, coUnits: string[] = []) => history([[{ type: 'assign', leadUnit: 'education', coUnits }, P.officeClerk, at]], registered);
const dataOf = <T extends ProposalEvent['type']>(events: ProposalEvent[], type: T) => {
  const e = events.find((x) => x.type === type);
  if (!e) throw new Error(`no ${type}`);
  return e.data as Extract<ProposalEvent, { type: T }>['data'];
};
const recalculated = (given: ProposalEvent[]) => next.given(given).when(RECALCULATE, P.officeClerk).events();
const stateAfter = (events: ProposalEvent[]) => next.fold(events);

describe('第二十七条: recalculating provisional proposal deadlines with newer calendar data (DESIGN §5)', () => {
  it('第二十七条: a 2027 override moves the answer deadline: 交办 2027-01-05 + 3 months = 清明 2027-04-05 → 2027-04-06', () => {
    const given = assignedAt('2027-01-05T02:00:00Z');
    const before = dataOf(given, 'proposal.assigned').answerDeadline;
    expect(before).toMatchObject({ dueDate: '2027-04-05', provisional: true, calendarVersion: calendar.version });
    next.given(given).when(RECALCULATE, P.officeClerk).then([
      {
        type: 'proposal.deadlines_recalculated',
        data: {
          previousAnswerDeadline: before,
          answerDeadline: { ...before, dueDate: '2027-04-06', dueAt: '2027-04-06T15:59:59.999Z', calendarVersion: calendar2027.version, provisional: false },
        },
      },
    ]);
  });

  it('第二十七条: the 答复 due 2027-03-01 (交办 2026-11-27) keeps its date but is no longer provisional; the 协办 deadline on official data is left alone', () => {
    const given = assignedAt('2026-11-27T02:00:00Z', ['transport']);
    const events = recalculated(given);
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toEqual({
      previousAnswerDeadline: dataOf(given, 'proposal.assigned').answerDeadline,
      answerDeadline: expect.objectContaining({ dueDate: '2027-03-01', provisional: false, calendarVersion: calendar2027.version }),
    });
  });

  it('第二十七条: an open 协办意见 deadline is recounted too: 交办 2026-12-01 + 1 month = 元旦 2027-01-01 → 2027-01-04', () => {
    const given = assignedAt('2026-12-01T02:00:00Z', ['housing-construction', 'transport']);
    const assigned = dataOf(given, 'proposal.assigned');
    expect(assigned.coOpinionDeadline).toMatchObject({ dueDate: '2027-01-01', provisional: true });
    const data = dataOf(recalculated(given), 'proposal.deadlines_recalculated');
    expect(data).toMatchObject({
      previousAnswerDeadline: assigned.answerDeadline,
      answerDeadline: { dueDate: '2027-03-01', provisional: false },
      previousCoOpinionDeadline: assigned.coOpinionDeadline,
      coOpinionDeadline: { dueDate: '2027-01-04', dueAt: '2027-01-04T15:59:59.999Z', ruleCode: 'ART27_CO_OPINION_1M', provisional: false },
    });
    // One unit still owes its opinion; it is on time on 2027-01-04 once the new deadline is folded in.
    const oneGiven = history([[{ type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk, '2026-12-20T02:00:00Z']], given);
    const recounted = [...oneGiven, ...recalculated(oneGiven)];
    expect(stateAfter(recounted).coOpinionDeadline).toMatchObject({ dueDate: '2027-01-04' });
    expect(next.given(recounted).when({ type: 'submitCoOpinion', opinion: '同意' }, P.transportClerk, '2027-01-04T08:00:00Z').events()[0]!.data).toMatchObject({ late: false });
  });

  it('第二十七条: a 协办意见 deadline no unit still owes is not recounted', () => {
    const given = history(
      [
        [{ type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk, '2026-12-20T02:00:00Z'],
        [{ type: 'submitCoOpinion', opinion: '同意' }, P.transportClerk, '2026-12-21T02:00:00Z'],
      ],
      assignedAt('2026-12-01T02:00:00Z', ['housing-construction', 'transport']),
    );
    expect(Object.keys(dataOf(recalculated(given), 'proposal.deadlines_recalculated'))).toEqual(['previousAnswerDeadline', 'answerDeadline']);
  });

  it('第二十七条: a reopened answer deadline is recounted from the 重新办理: 2026-12-01 + 1 month = 元旦 → 2027-01-04', () => {
    const given = history(
      [
        [{ type: 'answer', answerClass: 'B', summary: '已列入计划' }, P.eduClerk, '2026-11-20T02:00:00Z'],
        [{ type: 'recordSatisfaction', satisfaction: 'dissatisfied' }, P.officeClerk, '2026-12-01T02:00:00Z'],
      ],
      assignedAt('2026-09-01T02:00:00Z'),
    );
    const reopened = dataOf(given, 'proposal.reopened').answerDeadline;
    expect(reopened).toMatchObject({ dueDate: '2027-01-01', ruleCode: 'ART27_REOPEN_1M', provisional: true });
    expect(dataOf(recalculated(given), 'proposal.deadlines_recalculated')).toEqual({
      previousAnswerDeadline: reopened,
      answerDeadline: { ...reopened, dueDate: '2027-01-04', dueAt: '2027-01-04T15:59:59.999Z', calendarVersion: calendar2027.version, provisional: false },
    });
  });

  it('第二十七条: a provisional approved extension re-rolls the day the approver named (2027-04-05, 清明) and stays an extension', () => {
    const given = history(
      [
        [{ type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2027-04-05' }, P.eduClerk, '2027-01-10T02:00:00Z'],
        [{ type: 'approveExtension' }, P.officeDirector, '2027-01-11T02:00:00Z'],
      ],
      assignedAt('2026-12-01T02:00:00Z'),
    );
    const extended = dataOf(given, 'proposal.extension_approved');
    expect(extended).toMatchObject({ approvedDate: '2027-04-05', answerDeadline: { dueDate: '2027-04-05', provisional: true } });
    const recounted = dataOf(recalculated(given), 'proposal.deadlines_recalculated');
    expect(recounted.answerDeadline).toEqual({
      ...extended.answerDeadline,
      dueDate: '2027-04-06',
      dueAt: '2027-04-06T15:59:59.999Z',
      calendarVersion: calendar2027.version,
      provisional: false,
    });
    expect(recounted.answerDeadline!.rule).toBe('第二十七条: 限时办结。经批准延期至 2027-04-05 (遇休息日顺延)');
  });

  it('第二十七条: answering on the recounted day is on time', () => {
    const given = assignedAt('2027-01-05T02:00:00Z');
    const recounted = [...given, ...recalculated(given)];
    const answered = next.given(recounted).when({ type: 'answer', answerClass: 'A', summary: '已解决' }, P.eduClerk, '2027-04-06T08:00:00Z').events();
    expect(answered[0]!.data).toMatchObject({ late: false });
  });

  it('第二十七条: nothing provisional → DEADLINE_NOT_PROVISIONAL (an extension to a covered date included)', () => {
    const onOfficialData = assignedAt('2026-03-02T02:00:00Z', ['housing-construction']);
    next.given(onOfficialData).when(RECALCULATE, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'DEADLINE_NOT_PROVISIONAL', article: '第二十七条' });
    const extendedInCoverage = history(
      [
        [{ type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-12-31' }, P.eduClerk, '2026-11-20T02:00:00Z'],
        [{ type: 'approveExtension' }, P.officeDirector, '2026-11-21T02:00:00Z'],
      ],
      assignedAt('2026-09-01T02:00:00Z'),
    );
    next.given(extendedInCoverage).when(RECALCULATE, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'DEADLINE_NOT_PROVISIONAL', article: '第二十七条' });
  });

  it('第二十七条: once recounted on covered data, a second recalculation finds nothing provisional', () => {
    const given = assignedAt('2027-01-05T02:00:00Z');
    next.given([...given, ...recalculated(given)]).when(RECALCULATE, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'DEADLINE_NOT_PROVISIONAL' });
  });

  it('第二十七条: calendar unchanged → no event', () => {
    const given = assignedAt('2026-12-01T02:00:00Z', ['housing-construction']);
    expect(spec.given(given).when(RECALCULATE, P.officeClerk).events()).toEqual([]);
  });

  it('第二十七条: only the office recalculates', () => {
    next.given(assignedAt('2027-01-05T02:00:00Z')).when(RECALCULATE, P.eduClerk).thenRefused({ kind: 'forbidden', code: 'NOT_OFFICE', article: '第二十七条' });
  });

  it('only an item in handling has open deadlines: before 交办 NOT_ASSIGNED, once answered NOT_HANDLING', () => {
    next.given(registered).when(RECALCULATE, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'NOT_ASSIGNED' });
    const answered = history([[{ type: 'answer', answerClass: 'A', summary: '已解决' }, P.eduClerk, '2027-01-20T02:00:00Z']], assignedAt('2027-01-05T02:00:00Z'));
    next.given(answered).when(RECALCULATE, P.officeClerk).thenRefused({ kind: 'invalid_state', code: 'NOT_HANDLING' });
  });
});
