import { documentEvent, type DocumentEvent } from '../../../events/document-events';
import type { Directory } from '../../../src/directory';
import type { DecisionContext } from '../../../src/domain/decider';
import type { DocumentCommand } from '../../../src/documents/domain/document-commands';
import type { DocumentDeps } from '../../../src/documents/domain/document-deps';
import { expectCitedOnce, expectUncited } from '../../support/citation';
import {
  assignedStream,
  consultationRequested,
  deps,
  directory,
  disagreementReported,
  education,
  finance,
  financeDisagrees,
  housingAgrees,
  instructed,
  instructedStream,
  intake,
  officeClerk,
  ownAuthorityStream,
  registered,
  resources,
  reviewed,
  routed,
  routedStream,
  spec,
  submission,
  submitted,
  supervisor,
  viceMayor1,
  viceMayor2,
} from './fixtures';

const ART41 = '第四十一条';
const ART42 = '第四十二条';
const ART46 = '第四十六条';
const ART47 = '第四十七条';
const ART32 = '第三十二条';

type Context = Partial<DecisionContext<DocumentDeps>>;
type Row = [article: string, code: string, given: DocumentEvent[], command: DocumentCommand, context: Context];

const office = { actor: officeClerk };
const lead = { actor: resources };
const events = (given: DocumentEvent[], command: DocumentCommand, context: Context) => [...given, ...spec.given(given).when(command, context).events()];

const submit = (extra: Partial<DocumentCommand>) => ({ type: 'submit', ...submission, ...extra }) as DocumentCommand;
const majorStream = [submitted, registered, documentEvent('document.reviewed', { ...reviewed.data, major: true }), routed, instructed];
const withDisagreement = documentEvent('document.submitted', {
  ...submission,
  disagreement: { headsConsulted: true, positions: disagreementReported.data.positions, proposal: '建议分期收储' },
});
const uncoordinatedStream = [
  withDisagreement,
  registered,
  reviewed,
  documentEvent('document.routed', { leadUnit: 'natural-resources', to: [{ ...routed.data.to[0]!, reasons: ['portfolio', 'coordination'] }] }),
  instructed,
];
const reviewedNoClass = [submitted, registered, documentEvent('document.reviewed', { ...reviewed.data, proposedHandlingClass: undefined, proposedCoUnits: [] })];
const disagreed = [...assignedStream, consultationRequested, housingAgrees, financeDisagrees];
const reported = [...disagreed, disagreementReported];
const report: DocumentCommand = { type: 'reportDisagreement', headsConsulted: true, positions: disagreementReported.data.positions, proposal: '分两年' };
const statutoryStream = events(instructedStream, { type: 'assign', handlingClass: 'statutory', statutoryDueDate: '2026-10-30', legalBasis: '《信访工作条例》' }, office);
const extensionRequested = events(assignedStream, { type: 'requestExtension', requestedDueDate: '2026-10-30', reason: '需补充调查' }, lead);
const extended = events(extensionRequested, { type: 'approveExtension' }, { actor: { ...officeClerk, roles: ['office_director'] } });
/** A directory in which no leader has the lead unit in the portfolio. */
const leaderless = { ...deps, directory: Object.assign(Object.create(directory) as Directory, { portfolioLeaderOf: () => undefined }) };

/** Every refusal of the document decider that enforces a written rule, run once. */
const CITED: Row[] = [
  [ART41, 'ADDRESSING_EXCEPTION_INVALID', [], submit({ addressingException: 'by_phone' as never }), lead],
  [ART46, 'FORWARDING_MODE_INVALID', [], submit({ forwarding: { mode: 'fax' as never, withinOwnAuthority: false } }), lead],
  [ART47, 'CLASSIFIED_NOT_ALLOWED', [], submit({ classification: 'secret' }), lead],
  [ART42, 'OFFICE_ONLY', [submitted, registered], { type: 'review', opinion: '拟办' }, lead],
  [ART42, 'ALREADY_ROUTED', routedStream, { type: 'return', reasons: [{ message: '请补充材料' }] }, office],
  [ART42, 'RETURN_REASONS_REQUIRED', [submitted], { type: 'return', reasons: [] }, office],
  [ART47, 'HANDLING_CLASS_UNKNOWN', [submitted, registered], { type: 'review', opinion: '拟办', proposedHandlingClass: 'soon' as never }, office],
  [ART42, 'NO_PORTFOLIO_LEADER', intake, { type: 'route' }, { ...office, deps: leaderless }],
  [ART42, 'NOT_A_LEADER', routedStream, { type: 'instruct', text: '同意' }, office],
  [ART42, 'NOT_ROUTED_TO_LEADER', routedStream, { type: 'instruct', text: '同意' }, { actor: viceMayor2 }],
  [ART42, 'NOT_INSTRUCTED', routedStream, { type: 'assign' }, office],
  [ART42, 'MAYOR_APPROVAL_REQUIRED', majorStream, { type: 'assign' }, office],
  [ART42, 'DISAGREEMENT_NOT_COORDINATED', uncoordinatedStream, { type: 'assign' }, office],
  [ART47, 'HANDLING_CLASS_REQUIRED', reviewedNoClass, { type: 'assign' }, office],
  [ART47, 'CO_UNITS_REQUIRED', reviewedNoClass, { type: 'assign', handlingClass: 'lead_with_consultation' }, office],
  [ART47, 'URGENT_DUE_DATE_REQUIRED', instructedStream, { type: 'assign', handlingClass: 'urgent' }, office],
  [ART47, 'STATUTORY_LEGAL_BASIS_REQUIRED', instructedStream, { type: 'assign', handlingClass: 'statutory', statutoryDueDate: '2026-10-30' }, office],
  [ART47, 'NOT_LEAD_UNIT', assignedStream, { type: 'requestConsultation', units: ['housing-construction'], replyBy: '2026-10-12', subject: '方案' }, { actor: finance }],
  [ART47, 'CONSULTATION_UNITS_REQUIRED', assignedStream, { type: 'requestConsultation', units: [], replyBy: '2026-10-12', subject: '方案' }, lead],
  [ART47, 'REPLY_BY_AFTER_DUE', assignedStream, { type: 'requestConsultation', units: ['finance'], replyBy: '2026-12-01', subject: '方案' }, lead],
  [ART47, 'NOT_CONSULTED', [...assignedStream, consultationRequested], { type: 'giveConsultationOpinion', stance: 'agree' }, { actor: education }],
  [ART41, 'REASONS_AND_BASIS_REQUIRED', [...assignedStream, consultationRequested], { type: 'giveConsultationOpinion', stance: 'disagree' }, { actor: finance }],
  [ART41, 'DISAGREEMENT_INCOMPLETE', disagreed, { ...report, headsConsulted: false, proposal: '' }, lead],
  [ART42, 'DISAGREEMENT_ALREADY_REPORTED', reported, report, lead],
  [ART42, 'NO_OPEN_DISAGREEMENT', assignedStream, { type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: viceMayor1 }],
  [ART42, 'NOT_PORTFOLIO_LEADER', reported, { type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: viceMayor2 }],
  [ART42, 'OUTCOME_INVALID', reported, { type: 'coordinate', outcome: 'maybe' as never, text: '同意' }, { actor: viceMayor1 }],
  [ART42, 'DISAGREEMENT_OPEN', reported, { type: 'submitOpinion', text: '建议同意' }, lead],
  [ART41, 'DISAGREEMENT_NOT_REPORTED', disagreed, { type: 'submitOpinion', text: '建议同意' }, lead],
  [ART47, 'CONSULTATION_REQUIRED', assignedStream, { type: 'submitOpinion', text: '建议同意' }, lead],
  [ART47, 'OPINION_NOT_EXPECTED', ownAuthorityStream, { type: 'submitOpinion', text: '建议同意' }, lead],
  [ART47, 'OPINION_EXPECTED', assignedStream, { type: 'complete', result: '已办结' }, lead],
  [ART47, 'HANDLING_OPEN', assignedStream, { type: 'close' }, office],
  [ART47, 'STATUTORY_DEADLINE', statutoryStream, { type: 'requestExtension', requestedDueDate: '2026-11-30', reason: '需补充调查' }, lead],
  [ART47, 'EXTENSION_NOT_LATER', assignedStream, { type: 'requestExtension', requestedDueDate: '2026-10-01', reason: '需补充调查' }, lead],
  [ART47, 'NOT_EXTENSION_APPROVER', extensionRequested, { type: 'approveExtension' }, office],
  [ART47, 'DEADLINE_NOT_PROVISIONAL', assignedStream, { type: 'recalculateDeadline' }, office],
  [ART47, 'DEADLINE_EXTENDED', extended, { type: 'recalculateDeadline' }, office],
  [ART32, 'SUPERVISOR_ONLY', assignedStream, { type: 'urge', text: '请抓紧办理' }, office],
];

/** Lifecycle refusals and malformed input: no written rule is the reason, so none is cited. */
const UNCITED: Array<[code: string, given: DocumentEvent[], command: DocumentCommand, context: Context]> = [
  ['ALREADY_REGISTERED', intake, { type: 'register' }, office],
  ['ALREADY_ANSWERED', [...disagreed], { type: 'giveConsultationOpinion', stance: 'agree' }, { actor: finance }],
  ['NO_DISAGREEMENT', [...assignedStream, consultationRequested, housingAgrees], report, lead],
  ['EXTENSION_PENDING', extensionRequested, { type: 'requestExtension', requestedDueDate: '2026-11-30', reason: '再延' }, lead],
  ['TEXT_REQUIRED', reported, { type: 'coordinate', outcome: 'agreed', text: ' ' }, { actor: viceMayor1 }],
  ['DATE_INVALID', assignedStream, { type: 'requestExtension', requestedDueDate: '2026-02-30', reason: '需补充调查' }, lead],
  ['NOT_ASSIGNED', instructedStream, { type: 'urge', text: '请抓紧办理' }, { actor: supervisor }],
];

describe('document refusals cite the article they enforce once, at the start', () => {
  it.each(CITED)('%s: %s', (article, code, given, command, context) => {
    const error = spec.given(given).when(command, context).thenThrows(code);
    expect(error.article).toBe(article);
    expectCitedOnce(error.message, article);
  });

  it.each(UNCITED)('%s cites no article', (code, given, command, context) => {
    const error = spec.given(given).when(command, context).thenThrows(code);
    expect(error.article).toBeUndefined();
    expectUncited(error.message);
  });
});
