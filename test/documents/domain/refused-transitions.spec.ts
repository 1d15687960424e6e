import { documentEvent, type DocumentEvent } from '../../../events/document-events';
import type { Actor } from '../../../src/domain/decider';
import type { DocumentCommand, DocumentCommandType } from '../../../src/documents/domain/document-commands';
import {
  assigned,
  assignedStream,
  consultationRequested,
  disagreementReported,
  financeDisagrees,
  housing,
  housingAgrees,
  instructedStream,
  intake,
  officeClerk,
  ownAuthorityStream,
  registered,
  reviewed,
  routedStream,
  spec,
  submission,
  submitted,
  viceMayor1,
} from './fixtures';

/** One plausible command of every type: each is refused below only because of the state. */
const sample: { [T in DocumentCommandType]: Extract<DocumentCommand, { type: T }> } = {
  submit: { type: 'submit', kind: 'request', title: '请示', fromUnit: 'natural-resources', mainTo: ['zjg-gov'] },
  resubmit: { type: 'resubmit', corrections: { title: '请示(修改)' } },
  return: { type: 'return', reasons: [{ message: '不全' }] },
  register: { type: 'register' },
  review: { type: 'review', opinion: '拟办' },
  route: { type: 'route' },
  instruct: { type: 'instruct', text: '同意' },
  assign: { type: 'assign', handlingClass: 'own_authority' },
  requestConsultation: { type: 'requestConsultation', units: ['finance'], replyBy: '2026-10-12', subject: '方案' },
  giveConsultationOpinion: { type: 'giveConsultationOpinion', stance: 'agree' },
  reportDisagreement: { type: 'reportDisagreement', headsConsulted: true, positions: disagreementReported.data.positions, proposal: '建议' },
  coordinate: { type: 'coordinate', outcome: 'agreed', text: '同意' },
  explainProgress: { type: 'explainProgress', text: '进展' },
  requestExtension: { type: 'requestExtension', requestedDueDate: '2026-11-30', reason: '需要时间' },
  approveExtension: { type: 'approveExtension' },
  rejectExtension: { type: 'rejectExtension', reason: '不同意' },
  urge: { type: 'urge', text: '请加快' },
  submitOpinion: { type: 'submitOpinion', text: '意见' },
  complete: { type: 'complete', result: '完成' },
  close: { type: 'close', reason: '结束' },
  archive: { type: 'archive' },
  recalculateDeadline: { type: 'recalculateDeadline' },
};
const ALL = Object.keys(sample) as DocumentCommandType[];

const returned = documentEvent('document.returned', {
  by: 'office',
  attempt: 1,
  reasons: [{ article: '第四十二条', code: 'OFFICE_RETURN', message: '第四十二条: 不全' }],
});
const completed = documentEvent('document.completed', { unit: 'natural-resources', result: '完成', onTime: true });
const closed = documentEvent('document.closed', { from: 'completed' });
const archived = documentEvent('document.archived', {});
const opinionSubmitted = documentEvent('document.opinion_submitted', { unit: 'natural-resources', text: '意见', onTime: true });

describe('refusals that depend only on the lifecycle', () => {
  it.each(ALL.filter((t) => t !== 'submit'))('%s on a stream with no submission → DOCUMENT_NOT_FOUND (404)', (type) => {
    spec.given([]).when(sample[type]).thenThrows('DOCUMENT_NOT_FOUND', 'not_found');
  });

  it('submit on an existing stream → ALREADY_SUBMITTED (corrections go through resubmit)', () => {
    spec.given([submitted]).when(sample.submit).thenThrows('ALREADY_SUBMITTED', 'invalid_state');
    spec.given([submitted, returned]).when(sample.submit).thenThrows('ALREADY_SUBMITTED', 'invalid_state');
  });

  it.each(ALL.filter((t) => t !== 'submit'))('%s on an archived document → ARCHIVED', (type) => {
    spec.given([...ownAuthorityStream, completed, closed, archived]).when(sample[type], { actor: officeClerk }).thenThrows('ARCHIVED', 'invalid_state');
  });

  it.each(ALL.filter((t) => t !== 'submit' && t !== 'archive'))('%s on a closed document → CLOSED', (type) => {
    spec.given([...ownAuthorityStream, completed, closed]).when(sample[type], { actor: officeClerk }).thenThrows('CLOSED', 'invalid_state');
  });

  it.each(ALL.filter((t) => !['submit', 'resubmit', 'close'].includes(t)))('%s on a returned document → RETURNED', (type) => {
    spec.given([submitted, returned]).when(sample[type], { actor: officeClerk }).thenThrows('RETURNED', 'invalid_state');
  });
});

const DISAGREED = [...assignedStream, consultationRequested, housingAgrees, financeDisagrees];
const withSubmissionDisagreement = documentEvent('document.submitted', {
  ...submission,
  disagreement: { headsConsulted: true, positions: disagreementReported.data.positions, proposal: '建议' },
});
const majorReview = documentEvent('document.reviewed', { ...reviewed.data, major: true });
const statutory = documentEvent('document.assigned', { ...assigned.data, handlingClass: 'statutory', legalBasis: '某法' });
const extensionRequested = documentEvent('document.extension_requested', { unit: 'natural-resources', requestedDueDate: '2026-10-30', reason: '需要时间' });
const extended = documentEvent('document.extension_approved', {
  previousDueAt: assigned.data.deadline.dueAt,
  deadline: { ...assigned.data.deadline, ruleCode: 'ART47_EXTENSION_APPROVED', dueDate: '2026-10-30' },
});
const provisional = (e: DocumentEvent): DocumentEvent =>
  e.type === 'document.assigned' ? documentEvent('document.assigned', { ...e.data, deadline: { ...e.data.deadline, provisional: true } }) : e;

/** [title, given, command, actor, code] — every state refusal of a specific command. */
const refusals: [string, DocumentEvent[], DocumentCommand, Actor | undefined, string][] = [
  ['resubmit a document that was not returned', [submitted], sample.resubmit, undefined, 'NOT_RETURNED'],
  ['第四十二条: 退文 after 分工呈批', routedStream, sample.return, officeClerk, 'ALREADY_ROUTED'],
  ['第四十二条: 退文 after 交办', assignedStream, sample.return, officeClerk, 'ALREADY_ROUTED'],
  ['register twice', [submitted, registered], sample.register, officeClerk, 'ALREADY_REGISTERED'],
  ['review before 签收登记', [submitted], sample.review, officeClerk, 'NOT_REGISTERED'],
  ['review twice', intake, sample.review, officeClerk, 'ALREADY_REVIEWED'],
  ['route before 初审', [submitted, registered], sample.route, officeClerk, 'NOT_REVIEWED'],
  ['route twice', routedStream, sample.route, officeClerk, 'ALREADY_ROUTED'],
  ['批示 before 分工呈批', intake, sample.instruct, viceMayor1, 'NOT_ROUTED'],
  ['批示 after 交办', assignedStream, sample.instruct, viceMayor1, 'ALREADY_ASSIGNED'],
  ['交办 before 初审', [submitted, registered], sample.assign, officeClerk, 'NOT_REVIEWED'],
  ['第四十二条: 交办 before the 批示 of a routed document', routedStream, sample.assign, officeClerk, 'NOT_INSTRUCTED'],
  ['第四十二条: 交办 of a major matter without the 市长', [submitted, registered, majorReview], sample.assign, officeClerk, 'MAYOR_APPROVAL_REQUIRED'],
  ['第四十二条: 交办 before a disagreement is coordinated', [withSubmissionDisagreement, registered, reviewed], sample.assign, officeClerk, 'DISAGREEMENT_NOT_COORDINATED'],
  ['交办 twice', assignedStream, sample.assign, officeClerk, 'ALREADY_ASSIGNED'],
  ['会商 before 交办', instructedStream, sample.requestConsultation, undefined, 'NOT_ASSIGNED'],
  ['会商 after 办结', [...ownAuthorityStream, completed], sample.requestConsultation, undefined, 'HANDLING_FINISHED'],
  ['会商 again while the unit has not replied', [...assignedStream, consultationRequested], sample.requestConsultation, undefined, 'CONSULTATION_PENDING'],
  ['会商意见 before 交办', instructedStream, sample.giveConsultationOpinion, housing, 'NOT_ASSIGNED'],
  ['会商意见 twice', [...assignedStream, consultationRequested, housingAgrees], sample.giveConsultationOpinion, housing, 'ALREADY_ANSWERED'],
  ['分歧报告 before 交办', instructedStream, sample.reportDisagreement, undefined, 'NOT_ASSIGNED'],
  ['分歧报告 with no dissenting opinion', [...assignedStream, consultationRequested, housingAgrees], sample.reportDisagreement, undefined, 'NO_DISAGREEMENT'],
  ['分歧报告 twice', [...DISAGREED, disagreementReported], sample.reportDisagreement, undefined, 'DISAGREEMENT_ALREADY_REPORTED'],
  ['第四十二条: 协调 with no open disagreement', assignedStream, sample.coordinate, viceMayor1, 'NO_OPEN_DISAGREEMENT'],
  ['第四十二条: 协调 of a 请示’s disagreement before it is routed', [withSubmissionDisagreement, registered, reviewed], sample.coordinate, viceMayor1, 'NOT_ROUTED'],
  ['说明办理情况 before 交办', instructedStream, sample.explainProgress, undefined, 'NOT_ASSIGNED'],
  ['说明办理情况 after 办结', [...ownAuthorityStream, completed], sample.explainProgress, undefined, 'HANDLING_FINISHED'],
  ['延期申请 before 交办', instructedStream, sample.requestExtension, undefined, 'NOT_ASSIGNED'],
  ['延期申请 after 提出意见', [...assignedStream, opinionSubmitted], sample.requestExtension, undefined, 'HANDLING_FINISHED'],
  ['第四十七条: 延期申请 of a statutory limit', [...instructedStream, statutory], sample.requestExtension, undefined, 'STATUTORY_DEADLINE'],
  ['a second 延期申请 while one is pending', [...ownAuthorityStream, extensionRequested], sample.requestExtension, undefined, 'EXTENSION_PENDING'],
  ['延期批准 with no request', ownAuthorityStream, sample.approveExtension, officeClerk, 'NO_EXTENSION_PENDING'],
  ['延期批准 before 交办', instructedStream, sample.approveExtension, officeClerk, 'NOT_ASSIGNED'],
  ['延期驳回 with no request', ownAuthorityStream, sample.rejectExtension, officeClerk, 'NO_EXTENSION_PENDING'],
  ['第三十二条: 催办 before 交办', instructedStream, sample.urge, undefined, 'NOT_ASSIGNED'],
  ['第三十二条: 催办 after 办结', [...ownAuthorityStream, completed], sample.urge, undefined, 'HANDLING_FINISHED'],
  ['提出意见 before 交办', instructedStream, sample.submitOpinion, undefined, 'NOT_ASSIGNED'],
  ['第四十七条: 提出意见 on an own-authority matter', ownAuthorityStream, sample.submitOpinion, undefined, 'OPINION_NOT_EXPECTED'],
  ['提出意见 while a 会商 is unanswered', [...assignedStream, consultationRequested], sample.submitOpinion, undefined, 'CONSULTATION_PENDING'],
  ['第四十二条: 提出意见 while a disagreement is open', [...DISAGREED, disagreementReported], sample.submitOpinion, undefined, 'DISAGREEMENT_OPEN'],
  ['第四十七条: 提出意见 without 会商', assignedStream, sample.submitOpinion, undefined, 'CONSULTATION_REQUIRED'],
  ['提出意见 twice', [...assignedStream, opinionSubmitted], sample.submitOpinion, undefined, 'HANDLING_FINISHED'],
  ['第四十七条: 办结 before 交办', instructedStream, sample.complete, undefined, 'NOT_ASSIGNED'],
  ['第四十七条: 办结 of a matter that needs an opinion', assignedStream, sample.complete, undefined, 'OPINION_EXPECTED'],
  ['办结 while a 会商 is unanswered', [...ownAuthorityStream, consultationRequested], sample.complete, undefined, 'CONSULTATION_PENDING'],
  ['第四十二条: 办结 while a disagreement is open', [...ownAuthorityStream, consultationRequested, housingAgrees, financeDisagrees, disagreementReported], sample.complete, undefined, 'DISAGREEMENT_OPEN'],
  ['办结 twice', [...ownAuthorityStream, completed], sample.complete, undefined, 'HANDLING_FINISHED'],
  ['关闭 before 初审', [submitted, registered], sample.close, officeClerk, 'NOT_REVIEWED'],
  ['第四十七条: 关闭 while the assigned matter is being handled', assignedStream, sample.close, officeClerk, 'HANDLING_OPEN'],
  ['归档 before 关闭', [...ownAuthorityStream, completed], sample.archive, officeClerk, 'NOT_CLOSED'],
  ['时限重算 before 交办', instructedStream, sample.recalculateDeadline, officeClerk, 'NOT_ASSIGNED'],
  ['时限重算 of a deadline that is not provisional', ownAuthorityStream, sample.recalculateDeadline, officeClerk, 'DEADLINE_NOT_PROVISIONAL'],
  ['时限重算 after an approved extension', [...assignedStream.map(provisional), extensionRequested, extended], sample.recalculateDeadline, officeClerk, 'DEADLINE_EXTENDED'],
];

describe('refused state transitions of each command', () => {
  const cases = refusals.map(([title, given, command, actor, code]) => ({ title, given, command, actor, code }));
  it.each(cases)('$title → $code', ({ given, command, actor, code }) => {
    spec.given(given).when(command, actor ? { actor } : {}).thenThrows(code, 'invalid_state');
  });
});
