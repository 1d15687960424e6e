import type { ProposalEvent } from '../../events/proposal-events';
import type { Actor } from '../../src/domain/decider';
import type { ProposalCommand } from '../../src/proposals/domain/proposal-commands';
import { expectCitedOnce, expectUncited, refusalOf as refusal } from '../support/citation';
import { history, P, REGISTER, spec } from './fixtures';

const ART27 = '第二十七条';
const NOW = '2026-03-10T02:00:00Z';

const registered = history([[REGISTER, P.officeClerk, '2026-03-01T02:00:00Z']]);
const assigned = history([[{ type: 'assign', leadUnit: 'education', coUnits: ['housing-construction'] }, P.officeClerk, '2026-03-02T02:00:00Z']], registered);
const coOpinionGiven = history([[{ type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk, '2026-03-05T02:00:00Z']], assigned);
const extensionRequested = history([[{ type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-06-20' }, P.eduClerk, NOW]], coOpinionGiven);
const answered = history([[{ type: 'answer', answerClass: 'B', summary: '已列入计划' }, P.eduClerk, NOW]], coOpinionGiven);
const closed = history([[{ type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.officeClerk, NOW]], answered);
const published = history([[{ type: 'publishResult', channel: '网站' }, P.officeClerk, NOW]], answered);

/** Every refusal of the proposal decider that enforces 第二十七条, run once. */
const CITED: Array<[article: string, code: string, given: ProposalEvent[], command: ProposalCommand, actor: Actor]> = [
  [ART27, 'NOT_OFFICE', [], REGISTER, P.eduClerk],
  [ART27, 'NOT_OFFICE', registered, { type: 'assign', leadUnit: 'education' }, P.eduClerk],
  [ART27, 'NOT_CO_UNIT', assigned, { type: 'submitCoOpinion', opinion: '同意' }, P.transportClerk],
  [ART27, 'NOT_LEAD_UNIT', coOpinionGiven, { type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-06-20' }, P.housingClerk],
  [ART27, 'EXTENSION_NOT_LATER', coOpinionGiven, { type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-05-01' }, P.eduClerk],
  [ART27, 'NOT_APPROVER', extensionRequested, { type: 'approveExtension' }, P.officeClerk],
  [ART27, 'EXTENSION_NOT_LATER', extensionRequested, { type: 'approveExtension', dueDate: '2026-05-01' }, P.officeDirector],
  [ART27, 'NOT_APPROVER', extensionRequested, { type: 'rejectExtension', reason: '可先行答复' }, P.officeClerk],
  [ART27, 'CO_OPINIONS_MISSING', assigned, { type: 'answer', answerClass: 'A', summary: '已解决' }, P.eduClerk],
  [ART27, 'NOT_LEAD_UNIT', coOpinionGiven, { type: 'answer', answerClass: 'A', summary: '已解决' }, P.housingClerk],
  [ART27, 'NOT_OFFICE', answered, { type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.eduClerk],
  [ART27, 'NOT_PUBLISHER', answered, { type: 'publishResult', channel: '网站' }, P.housingClerk],
  [ART27, 'NOT_OFFICE', coOpinionGiven, { type: 'recalculateDeadlines' }, P.eduClerk],
  [ART27, 'DEADLINE_NOT_PROVISIONAL', coOpinionGiven, { type: 'recalculateDeadlines' }, P.officeClerk],
];

/** Lifecycle refusals and malformed input: 第二十七条 is not their reason, so none is cited. */
const UNCITED: Array<[code: string, given: ProposalEvent[], command: ProposalCommand, actor: Actor]> = [
  ['ALREADY_REGISTERED', registered, REGISTER, P.officeClerk],
  ['ALREADY_ASSIGNED', assigned, { type: 'assign', leadUnit: 'education' }, P.officeClerk],
  ['UNIT_NOT_HANDLING', registered, { type: 'assign', leadUnit: 'zjg-gov' }, P.officeClerk],
  ['LEAD_ALSO_CO', registered, { type: 'assign', leadUnit: 'education', coUnits: ['education'] }, P.officeClerk],
  ['NOT_ASSIGNED', registered, { type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk],
  ['NOT_HANDLING', answered, { type: 'submitCoOpinion', opinion: '同意' }, P.housingClerk],
  ['CO_OPINION_GIVEN', coOpinionGiven, { type: 'submitCoOpinion', opinion: '再次同意' }, P.housingClerk],
  ['EXTENSION_PENDING', extensionRequested, { type: 'requestExtension', reason: '再延', requestedDueDate: '2026-07-20' }, P.eduClerk],
  ['NO_EXTENSION_REQUEST', coOpinionGiven, { type: 'approveExtension' }, P.officeDirector],
  ['NOT_ANSWERED', coOpinionGiven, { type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.officeClerk],
  ['NOT_ANSWERED', coOpinionGiven, { type: 'publishResult', channel: '网站' }, P.officeClerk],
  ['SATISFACTION_ALREADY_RECORDED', closed, { type: 'recordSatisfaction', satisfaction: 'satisfied' }, P.officeClerk],
  ['ALREADY_PUBLISHED', published, { type: 'publishResult', channel: '网站' }, P.officeClerk],
  ['DATE_INVALID', coOpinionGiven, { type: 'requestExtension', reason: '需统筹资金', requestedDueDate: '2026-06-31' }, P.eduClerk],
];

const refusalOf = (given: ProposalEvent[], command: ProposalCommand, actor: Actor) => refusal(() => spec.given(given).when(command, actor, NOW).events());

describe('proposal refusals cite 第二十七条 once, at the start, where it is the reason', () => {
  it.each(CITED)('%s: %s', (article, code, given, command, actor) => {
    const error = refusalOf(given, command, actor);
    expect(error.code).toBe(code);
    expect(error.article).toBe(article);
    expectCitedOnce(error.message, article);
  });

  it.each(UNCITED)('%s cites no article', (code, given, command, actor) => {
    const error = refusalOf(given, command, actor);
    expect(error.code).toBe(code);
    expect(error.article).toBeUndefined();
    expectUncited(error.message);
  });
});
