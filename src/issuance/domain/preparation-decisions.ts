import type { Actor, DecisionContext } from '../../domain/decider';
import { shanghaiDate } from '../../calendar/deadline-policy';
import { issuanceEvent, type IssuanceEvent } from '../../../events/issuance-events';
import type { IssuanceCommand } from './issuance-commands';
import type { IssuanceDeps } from './issuance-deps';
import { isOfficeStaff } from './draft-rules';
import { requireDate } from '../../domain/require-date';
import { ART, forbidden, invalid, invalidState, refused, requireOneOf, requireText } from './issuance-errors';
import { legalityGateBlockers } from './legality-gate';
import { isCityLevel, isNormative, type IssuanceState } from './issuance-state';

type Ctx = DecisionContext<IssuanceDeps>;
type Of<T extends IssuanceCommand['type']> = Extract<IssuanceCommand, { type: T }>;

const today = (ctx: Ctx) => shanghaiDate(ctx.now.toISOString());

/** The drafting unit's own staff (or the office, which may act for any drafting unit). */
const isDrafter = (actor: Actor, state: IssuanceState) =>
  isOfficeStaff(actor) || (actor.roles.includes('unit_clerk') && actor.unit === state.draft?.draftingUnit);

export function requireDrafting(state: IssuanceState): void {
  if (state.status === 'in_deliberation') throw invalidState('IN_DELIBERATION', '文件正在提请集体审议, 请待审议结果记录后再办理');
  if (state.status !== 'drafting') throw invalidState('NOT_DRAFTING', '文件已签发, 不能再修改或审核');
}

function requireNormative(state: IssuanceState, what: string): void {
  if (!isNormative(state)) throw invalid('NOT_NORMATIVE', `只有行政规范性文件需要${what}`, ART.twenty);
}

export function reviseDraft(c: Of<'reviseDraft'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  if (!isDrafter(ctx.actor, state)) throw forbidden('NOT_DRAFTER', '只有起草单位或市政府办公室可以修改文稿');
  if (state.signatures.length > 0) throw invalidState('ALREADY_SIGNING', '文件已有签发意见, 不能再修改文稿');
  const summary = requireText(c.summary, 'summary', '修改说明');
  const title = c.title === undefined ? state.title! : requireText(c.title, 'title', '文件标题', 200);
  if (c.implementsAmendments !== undefined && typeof c.implementsAmendments !== 'boolean') {
    throw invalid('IMPLEMENTSAMENDMENTS_INVALID', '是否落实会议修改意见 (implementsAmendments) 应为 true 或 false');
  }
  const implementsAmendments = c.implementsAmendments ? amendmentsToImplement(state) : undefined;
  return [issuanceEvent('issuance.draft_revised', { textVersion: state.textVersion + 1, title, summary, ...(implementsAmendments ? { implementsAmendments } : {}) })];
}

/**
 * 第三十五条: the meeting adopted the text 修改后通过; the revision that makes its changes
 * carries the deliberation to the amended text. Only the deliberated text itself can be so
 * revised, once: a later revision is a new text the meeting has not seen.
 */
function amendmentsToImplement(state: IssuanceState): { session: string; deliberatedTextVersion: number } {
  const d = state.deliberation;
  if (!d || d.outcome !== 'adopted_with_amendments' || d.textVersion !== state.textVersion || d.amendedFrom !== undefined) {
    throw invalidState('NO_AMENDMENTS_TO_IMPLEMENT', '第三十五条: 现文稿没有待落实的会议修改意见 (须为集体审议「修改后通过」的文稿)', ART.thirtyFive);
  }
  return { session: d.session!, deliberatedTextVersion: d.textVersion };
}

/**
 * 第二十条: 拟订和制订行政规范性文件要向社会公布草案, 征求意见. The period is recorded as it
 * was planned, is running or took place: a draft entered after its comment period (the system
 * came in mid-way, or the unit records it late) must still reach deliberation. Such a record
 * says so (`recordedAfterClose`) for the auditors; only a period ending before it starts is refused.
 */
export function openPublicComment(c: Of<'openPublicComment'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  requireNormative(state, '公开征求意见');
  if (!isDrafter(ctx.actor, state)) throw forbidden('NOT_DRAFTER', '只有起草单位或市政府办公室可以公布草案征求意见', ART.twenty);
  if (state.publicComment) throw invalidState('PUBLIC_COMMENT_ALREADY_OPENED', '草案已公开征求意见');
  const opensOn = requireDate(c.opensOn, 'opensOn', '征求意见开始日期');
  const closesOn = requireDate(c.closesOn, 'closesOn', '征求意见截止日期');
  if (closesOn < opensOn) throw invalid('PUBLIC_COMMENT_PERIOD_INVALID', '征求意见截止日期早于开始日期');
  const channel = requireText(c.channel, 'channel', '公布渠道', 200);
  return [issuanceEvent('issuance.public_comment_opened', { opensOn, closesOn, channel, recordedAfterClose: closesOn < today(ctx) })];
}

export function closePublicComment(c: Of<'closePublicComment'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  if (!isDrafter(ctx.actor, state)) throw forbidden('NOT_DRAFTER', '只有起草单位或市政府办公室可以结束征求意见', ART.twenty);
  if (!state.publicComment) throw invalidState('PUBLIC_COMMENT_NOT_OPENED', '草案尚未公开征求意见');
  if (state.publicComment.closed) throw invalidState('PUBLIC_COMMENT_ALREADY_CLOSED', '征求意见已结束');
  if (today(ctx) <= state.publicComment.closesOn) {
    throw invalidState('PUBLIC_COMMENT_PERIOD_NOT_OVER', `征求意见期至 ${state.publicComment.closesOn} 止, 期满后方可结束`, ART.twenty);
  }
  if (!Number.isSafeInteger(c.commentCount) || c.commentCount < 0) throw invalid('COMMENT_COUNT_INVALID', '意见条数应为非负整数');
  const summary = requireText(c.summary, 'summary', '意见采纳情况');
  return [issuanceEvent('issuance.public_comment_closed', { closedOn: today(ctx), commentCount: c.commentCount, summary })];
}

/** 第四十五条: 起草部门承担合法性审核职责, 出具合法性审核意见. */
export function recordLegalityReview(c: Of<'recordLegalityReview'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  requireNormative(state, '合法性审核');
  requireDraftingUnit(ctx, state, '合法性审核');
  if (typeof c.lawful !== 'boolean') throw invalid('LAWFUL_REQUIRED', '须明确审核结论: 合法或不合法', ART.fortyFive);
  const opinion = requireText(c.opinion, 'opinion', '合法性审核意见');
  return [issuanceEvent('issuance.legality_reviewed', { textVersion: state.textVersion, lawful: c.lawful, opinion, reviewedBy: ctx.actor.unit })];
}

export function recordIntegrityReview(c: Of<'recordIntegrityReview'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  requireNormative(state, '廉洁性审核');
  requireDraftingUnit(ctx, state, '廉洁性审核');
  if (typeof c.passed !== 'boolean') throw invalid('PASSED_REQUIRED', '须明确廉洁性审核结论', ART.fortyFive);
  const opinion = requireText(c.opinion, 'opinion', '廉洁性审核意见');
  return [issuanceEvent('issuance.integrity_reviewed', { textVersion: state.textVersion, passed: c.passed, opinion })];
}

/** 第四十五条: the 市司法局's opinion is on the drafting unit's review, so that must exist first. */
export function giveSupervisionOpinion(c: Of<'giveSupervisionOpinion'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  requireNormative(state, '市司法局监督意见');
  if (!isCityLevel(state)) throw invalid('SUPERVISION_ONLY_CITY_LEVEL', '部门行政规范性文件由制定部门自行审核, 无须市司法局监督意见', ART.fortyFive);
  if (!ctx.actor.roles.includes('legal_reviewer')) throw forbidden('NOT_LEGAL_REVIEWER', '监督意见由市司法局出具', ART.fortyFive);
  if (state.legality?.textVersion !== state.textVersion) {
    throw invalidState('LEGALITY_REVIEW_MISSING', '起草单位尚未对现文稿出具合法性审核意见, 无从监督', ART.fortyFive);
  }
  if (typeof c.concurs !== 'boolean') throw invalid('CONCURS_REQUIRED', '须明确是否同意起草单位的审核意见', ART.fortyFive);
  const opinion = requireText(c.opinion, 'opinion', '监督意见');
  return [issuanceEvent('issuance.supervision_opinion_given', { textVersion: state.textVersion, concurs: c.concurs, opinion })];
}

/** 第二十条: 以市政府名义对外签署协议, 均需由市司法局事先对协议文本进行合法性审核. */
export function reviewAgreementText(c: Of<'reviewAgreementText'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  if (state.draft?.category !== 'agreement') throw invalid('NOT_AGREEMENT', '只有以市政府名义签署的协议需要协议文本合法性审核', ART.twenty);
  if (!ctx.actor.roles.includes('legal_reviewer')) throw forbidden('NOT_LEGAL_REVIEWER', '协议文本合法性审核由市司法局进行', ART.twenty);
  if (typeof c.lawful !== 'boolean') throw invalid('LAWFUL_REQUIRED', '须明确审核结论: 合法或不合法', ART.twenty);
  const opinion = requireText(c.opinion, 'opinion', '协议文本审核意见');
  return [issuanceEvent('issuance.agreement_text_reviewed', { textVersion: state.textVersion, lawful: c.lawful, opinion })];
}

/** 第四十五条 gate; 第十五、三十五条: 常务会议或全体会议 deliberates. */
export function submitForDeliberation(c: Of<'submitForDeliberation'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  if (!isCityLevel(state)) throw invalid('DEPARTMENT_NOT_DELIBERATED', '部门文件不提请市政府集体审议', ART.thirtyFive);
  if (!isDrafter(ctx.actor, state)) throw forbidden('NOT_DRAFTER', '只有起草单位或市政府办公室可以提请集体审议', ART.fortyFive);
  const meeting = requireOneOf(c.meeting, ['executive', 'plenary'] as const, 'meeting', '审议会议');
  if (state.deliberation?.textVersion === state.textVersion && state.deliberation.outcome?.startsWith('adopted')) {
    throw invalidState('ALREADY_ADOPTED', '现文稿已经集体审议通过');
  }
  if (isNormative(state)) {
    const blockers = legalityGateBlockers(state);
    if (blockers.length > 0) throw refused(blockers[0]!, { blockers });
  }
  return [issuanceEvent('issuance.submitted_for_deliberation', { meeting, textVersion: state.textVersion })];
}

/** 第三十五条(四): 审议通过市政府制定的行政规范性文件 — the outcome is recorded as given. */
export function recordDeliberation(c: Of<'recordDeliberation'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (state.status !== 'in_deliberation') throw invalidState('NOT_IN_DELIBERATION', '文件未提请集体审议');
  if (!isOfficeStaff(ctx.actor)) throw forbidden('NOT_OFFICE', '会议组织工作由市政府办公室负责, 审议结果由其记录', ART.thirtyEight);
  const outcome = requireOneOf(c.outcome, ['adopted', 'adopted_with_amendments', 'rejected', 'deferred'] as const, 'outcome', '审议结果');
  const session = requireText(c.session, 'session', '会议届次', 100);
  const heldOn = requireDate(c.heldOn, 'heldOn', '会议日期');
  if (heldOn > today(ctx)) throw invalid('HELD_ON_FUTURE', '会议日期不能晚于今天');
  const notes = c.notes === undefined ? '' : requireText(c.notes, 'notes', '审议意见');
  return [issuanceEvent('issuance.deliberation_recorded', { meeting: state.deliberation!.meeting, session, heldOn, outcome, notes })];
}

function requireDraftingUnit({ actor, deps }: Ctx, state: IssuanceState, what: string): void {
  const unit = state.draft!.draftingUnit;
  const own = actor.unit === unit && (actor.roles.includes('unit_clerk') || isOfficeStaff(actor));
  if (!own) throw forbidden('NOT_DRAFTING_UNIT', `${what}由起草单位 ${deps.directory.nameOf(unit)} 承担`, ART.fortyFive);
}
