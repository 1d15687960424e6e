import type { IssuanceEvent } from '../../events/issuance-events';
import type { Actor } from '../../src/domain/decider';
import type { IssuanceCommand } from '../../src/issuance/domain/issuance-commands';
import { expectCitedOnce, expectUncited, refusalOf as refusal } from '../support/citation';
import { A, history, spec } from './fixtures';
import { GATE_STEPS, NORMATIVE, steps } from './normative-steps';

const ART5 = '第五条';
const ART20 = '第二十条';
const ART24 = '第二十四条';
const ART27 = '第二十七条';
const ART35 = '第三十五条';
const ART38 = '第三十八条';
const ART43 = '第四十三条';
const ART44 = '第四十四条';
const ART45 = '第四十五条';
const ART46 = '第四十六条';
const REG19 = '《党政机关公文处理工作条例》第十九条';

type Row = [article: string, code: string, given: IssuanceEvent[], command: IssuanceCommand, actor: Actor, now: string];

const NOW = '2026-03-02T02:00:00.000Z';
const draftOf = (extra: Partial<IssuanceCommand>): IssuanceCommand =>
  ({ type: 'draft', title: '关于做好暑期学生安全工作的通知', issuer: 'government', category: 'work', draftingUnit: 'education', ...extra }) as IssuanceCommand;
const townClerk: Actor = { id: 'u-town', name: '塘桥镇经办人', unit: 'tangqiao-town', roles: ['unit_clerk'] };

const work = history([[draftOf({}), A.eduClerk]]);
const important = history([[draftOf({ importance: 'important' }), A.eduClerk]]);
const joint = history([[draftOf({ jointIssuers: ['housing-construction'] }), A.eduClerk]]);
const normative = history(steps('draft'));
const commentOpen = history(steps('openComment'), normative);
const legalityDone = history(steps('legality'), normative);
const gateOpen = history(steps(...GATE_STEPS));
const departmentNormative = history([[draftOf({ issuer: 'department', documentCode: '张教规', category: 'normative' }), A.eduClerk]]);
const agreement = history([[draftOf({ title: '张家港市人民政府与某高校战略合作协议', category: 'agreement' }), A.eduClerk]]);
const unlawfulAgreement = history([[{ type: 'reviewAgreementText', lawful: false, opinion: '违反上位法' }, A.legalReviewer]], agreement);
const signedWork = history([[{ type: 'sign' }, A.eduViceMayor]], work);
const issuedWork = history([[{ type: 'issue', number: { code: '张政发', year: 2026, sequence: 5 } }, A.officeClerk]], signedWork);
const issuedNormative = history([
  ...steps('submit', 'adopt', 'review', 'sign'),
  [{ type: 'issue', number: { code: '张政发', year: 2026, sequence: 21 } }, A.officeClerk, '2026-04-13T02:00:00Z'],
], gateOpen);
const inDeliberation = history(steps('submit'), gateOpen);
const delegate = { type: 'delegateSigning', delegationId: 'trip', delegateLeaderId: 'executive-vice-mayor', from: '2026-03-02T00:00:00+08:00', until: '2026-03-06T23:59:59+08:00', reason: '市长出访' } as const;
const decision = history([[draftOf({ title: '关于表彰先进集体的决定', category: 'decision' }), A.officeClerk], [{ type: 'review' }, A.officeDirector]]);
const delegated = history([[delegate, A.mayor]], decision);
const topical = (meeting: object) => draftOf({ title: '专题会议纪要', category: 'minutes', meeting: meeting as never });

/** Every refusal of the issuance decider that enforces a written rule, run once. */
const CITED: Row[] = [
  [ART43, 'CATEGORY_NOT_FOR_ISSUER', [], draftOf({ issuer: 'office', category: 'decision' }), A.eduClerk, NOW],
  [ART46, 'FORWARDING_ISSUER_MISMATCH', [], draftOf({ issuer: 'office', forwarding: { kind: 'endorse', sourceUnit: 'education', withinSourceAuthority: false } }), A.eduClerk, NOW],
  [ART46, 'FORWARDING_WITHIN_OWN_AUTHORITY', [], draftOf({ forwarding: { kind: 'endorse', sourceUnit: 'education', withinSourceAuthority: true } }), A.eduClerk, NOW],
  [ART46, 'DEPARTMENT_TO_TOWNS_WITHOUT_APPROVAL', [], draftOf({ issuer: 'department', documentCode: '张教发', recipients: ['tangqiao-town'] }), A.eduClerk, NOW],
  [ART44, 'PORTFOLIO_LEADER_UNKNOWN', [], draftOf({ draftingUnit: 'tangqiao-town' }), townClerk, NOW],
  [ART38, 'MEETING_REQUIRED', [], draftOf({ category: 'minutes' }), A.officeClerk, NOW],
  [ART38, 'MEETING_CHAIR_REQUIRED', [], topical({ type: 'topical', sensitiveSubjects: [] }), A.officeClerk, NOW],
  [ART38, 'ON_BEHALF_ONLY_FOR_DEPUTY', [], topical({ type: 'topical', sensitiveSubjects: [], chair: { role: 'vice_mayor' }, onBehalfOfLeaderId: 'vice-mayor-1' }), A.officeClerk, NOW],
  [ART38, 'DEPUTY_CHAIR_NEEDS_DELEGATOR', [], topical({ type: 'topical', sensitiveSubjects: [], chair: { role: 'office_deputy_director' } }), A.officeClerk, NOW],
  [ART20, 'NOT_NORMATIVE', work, NORMATIVE.openComment[0], A.eduClerk, NOW],
  [ART20, 'NOT_DRAFTER', normative, NORMATIVE.openComment[0], A.housingClerk, NOW],
  [ART20, 'PUBLIC_COMMENT_PERIOD_NOT_OVER', commentOpen, NORMATIVE.closeComment[0], A.eduClerk, '2026-03-10T02:00:00Z'],
  [ART45, 'NOT_DRAFTING_UNIT', normative, NORMATIVE.legality[0], A.housingClerk, NOW],
  [ART45, 'LAWFUL_REQUIRED', normative, { type: 'recordLegalityReview', lawful: 'yes' as never, opinion: '合法' }, A.eduClerk, NOW],
  [ART45, 'PASSED_REQUIRED', normative, { type: 'recordIntegrityReview', passed: undefined as never, opinion: '通过' }, A.eduClerk, NOW],
  [ART45, 'SUPERVISION_ONLY_CITY_LEVEL', departmentNormative, NORMATIVE.supervision[0], A.legalReviewer, NOW],
  [ART45, 'NOT_LEGAL_REVIEWER', normative, NORMATIVE.supervision[0], A.eduClerk, NOW],
  [ART45, 'LEGALITY_REVIEW_MISSING', normative, NORMATIVE.supervision[0], A.legalReviewer, NOW],
  [ART45, 'CONCURS_REQUIRED', legalityDone, { type: 'giveSupervisionOpinion', concurs: undefined as never, opinion: '同意' }, A.legalReviewer, NOW],
  [ART20, 'NOT_AGREEMENT', work, { type: 'reviewAgreementText', lawful: true, opinion: '合法' }, A.legalReviewer, NOW],
  [ART20, 'NOT_LEGAL_REVIEWER', agreement, { type: 'reviewAgreementText', lawful: true, opinion: '合法' }, A.eduClerk, NOW],
  [ART20, 'LAWFUL_REQUIRED', agreement, { type: 'reviewAgreementText', lawful: undefined as never, opinion: '合法' }, A.legalReviewer, NOW],
  [ART35, 'DEPARTMENT_NOT_DELIBERATED', departmentNormative, NORMATIVE.submit[0], A.eduClerk, NOW],
  [ART45, 'NOT_DRAFTER', gateOpen, NORMATIVE.submit[0], A.housingClerk, NOW],
  [ART20, 'PUBLIC_COMMENT_MISSING', normative, NORMATIVE.submit[0], A.eduClerk, NOW],
  [ART38, 'NOT_OFFICE', inDeliberation, NORMATIVE.adopt[0], A.eduClerk, NORMATIVE.adopt[2]],
  [ART44, 'REVIEWER_NOT_ALLOWED', important, { type: 'review' }, A.eduClerk, NOW],
  [REG19, 'NOT_JOINT_ISSUER', joint, { type: 'countersign' }, A.financeClerk, NOW],
  [REG19, 'COUNTERSIGN_MISSING', joint, { type: 'sign' }, A.eduViceMayor, NOW],
  [ART5, 'ONLY_MAYOR_DELEGATES', decision, delegate, A.executiveViceMayor, NOW],
  [ART5, 'ONLY_MAYOR_DELEGATES', delegated, { type: 'revokeDelegation', delegationId: 'trip' }, A.executiveViceMayor, NOW],
  [ART5, 'DELEGATION_NOT_IN_EFFECT', delegated, { type: 'sign' }, A.executiveViceMayor, '2026-03-07T02:00:00Z'],
  [ART44, 'SIGNER_NOT_ALLOWED', work, { type: 'sign' }, A.housingViceMayor, NOW],
  [ART44, 'REVIEW_MISSING', important, { type: 'sign' }, A.mayor, NOW],
  [ART35, 'DELIBERATION_NOT_ADOPTED', gateOpen, NORMATIVE.sign[0], A.mayor, NORMATIVE.sign[2]],
  [ART20, 'AGREEMENT_LEGAL_REVIEW_MISSING', agreement, { type: 'sign' }, A.eduViceMayor, NOW],
  [ART20, 'AGREEMENT_TEXT_UNLAWFUL', unlawfulAgreement, { type: 'sign' }, A.eduViceMayor, NOW],
  [ART24, 'NOT_ISSUER_OFFICE', issuedWork, { type: 'publish', channel: '网站' }, A.eduClerk, NOW],
  [ART24, 'NORMATIVE_MUST_BE_PUBLISHED', issuedNormative, { type: 'exemptFromPublication', legalBasis: '《政府信息公开条例》第十四条', reason: '涉密' }, A.officeClerk, NOW],
  [ART27, 'NOT_NORMATIVE', issuedWork, { type: 'file', reference: '备案〔2026〕1号' }, A.officeClerk, NOW],
  [ART27, 'NOT_FILER', issuedNormative, { type: 'file', reference: '备案〔2026〕1号' }, A.eduClerk, NOW],
  [ART27, 'NOT_PUBLISHED', issuedNormative, { type: 'file', reference: '备案〔2026〕1号' }, A.officeClerk, NOW],
];

/** Lifecycle refusals and malformed input: no written rule is the reason, so none is cited. */
const UNCITED: Array<[code: string, given: IssuanceEvent[], command: IssuanceCommand, actor: Actor, now: string]> = [
  ['IN_DELIBERATION', inDeliberation, { type: 'reviseDraft', summary: '修改' }, A.eduClerk, NOW],
  ['NOT_IN_DELIBERATION', gateOpen, NORMATIVE.adopt[0], A.officeClerk, NORMATIVE.adopt[2]],
  ['PUBLIC_COMMENT_ALREADY_OPENED', commentOpen, NORMATIVE.openComment[0], A.eduClerk, NOW],
  ['PUBLIC_COMMENT_PERIOD_INVALID', normative, { ...NORMATIVE.openComment[0], opensOn: '2026-03-31', closesOn: '2026-03-10' }, A.eduClerk, NOW],
  ['PUBLIC_COMMENT_NOT_OPENED', normative, NORMATIVE.closeComment[0], A.eduClerk, NOW],
  ['DATE_INVALID', normative, { ...NORMATIVE.openComment[0], opensOn: '2026-02-30' }, A.eduClerk, NOW],
  ['ALREADY_REVIEWED', decision, { type: 'review' }, A.officeDirector, NOW],
  ['DELEGATION_PERIOD_INVALID', decision, { ...delegate, until: '2026-03-01T00:00:00+08:00' }, A.mayor, NOW],
  ['DELEGATION_UNKNOWN', decision, { type: 'revokeDelegation', delegationId: 'none' }, A.mayor, NOW],
  ['AGREEMENT_NOT_ISSUED', history([[{ type: 'reviewAgreementText', lawful: true, opinion: '合法' }, A.legalReviewer], [{ type: 'sign' }, A.eduViceMayor]], agreement), { type: 'issue', number: { code: '张政发', year: 2026, sequence: 1 } }, A.officeClerk, NOW],
  ['PUBLICATION_DECIDED', history([[{ type: 'publish', channel: '网站' }, A.officeClerk]], issuedWork), { type: 'publish', channel: '网站' }, A.officeClerk, NOW],
];

const refusalOf = (given: IssuanceEvent[], command: IssuanceCommand, actor: Actor, now: string) => refusal(() => spec.given(given).when(command, actor, now).events());

describe('issuance refusals cite the article they enforce once, at the start', () => {
  it.each(CITED)('%s: %s', (article, code, given, command, actor, now) => {
    const error = refusalOf(given, command, actor, now);
    expect(error.code).toBe(code);
    expect(error.article).toBe(article);
    expectCitedOnce(error.message, article);
  });

  it.each(UNCITED)('%s cites no article', (code, given, command, actor, now) => {
    const error = refusalOf(given, command, actor, now);
    expect(error.code).toBe(code);
    expect(error.article).toBeUndefined();
    expectUncited(error.message);
  });
});
