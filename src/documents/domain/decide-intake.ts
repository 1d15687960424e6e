import {
  documentEvent,
  type DocumentEvent,
  type RouteReason,
  type RoutedLeader,
  type SubmittedData,
} from '../../../events/document-events';
import { canonicalJson } from '../../audit/canonical-json';
import { HANDLING_CLASSES } from './handling-classes';
import type {
  InstructCommand,
  RegisterCommand,
  ResubmitCommand,
  ReturnCommand,
  ReviewCommand,
  RouteCommand,
  SubmissionFields,
  SubmitCommand,
} from './document-commands';
import type { DocumentContext } from './document-deps';
import { forbidden, hasText, invalidInput, invalidState, requireText } from './document-errors';
import type { DocumentState } from './document-state';
import { requireStage } from './lifecycle';
import { normalizeSubmission } from './normalize-submission';
import { isOfficeStaff, leaderPositionOf, requireOffice, requireUnitClerk } from './permissions';
import { checkSubmission, refuseIfClassified } from './submission-rules';
import { requireWorkingUnit, requireWorkingUnits } from './unit-checks';

const ART41 = '第四十一条';
const ART42 = '第四十二条';

/** The (re)submission event, followed by a 退文 carrying every failed check. */
function withRuleCheck(
  type: 'document.submitted' | 'document.resubmitted',
  data: SubmittedData,
  ctx: DocumentContext,
): DocumentEvent[] {
  const reasons = checkSubmission(data, ctx.deps.directory);
  const events: DocumentEvent[] = [documentEvent(type, data)];
  if (reasons.length > 0) events.push(documentEvent('document.returned', { by: 'automatic', attempt: data.attempt, reasons }));
  return events;
}

export function decideSubmit(cmd: SubmitCommand, _state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  refuseIfClassified(cmd.classification, cmd.addressingException);
  const { directory } = ctx.deps;
  if (!isOfficeStaff(ctx.actor, directory)) {
    if (ctx.actor.unit !== cmd.fromUnit) {
      throw forbidden('NOT_OWN_UNIT', `只能以本单位名义报文,不能代 ${directory.nameOf(String(cmd.fromUnit))} 报文`);
    }
    requireUnitClerk(ctx.actor, directory, '报文');
  }
  const submission = normalizeSubmission(cmd, cmd.fromUnit, directory);
  return withRuleCheck('document.submitted', { ...submission, attempt: 1 }, ctx);
}

export function decideResubmit(cmd: ResubmitCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  if (state.status !== 'returned') throw invalidState('NOT_RETURNED', '只有被退文的公文才能重新提交');
  const previous = state.submission!;
  const { directory } = ctx.deps;
  if (!isOfficeStaff(ctx.actor, directory)) {
    if (ctx.actor.unit !== previous.fromUnit) {
      throw forbidden('NOT_SUBMITTING_UNIT', `只有报文单位 ${directory.nameOf(previous.fromUnit)} 可以重新提交`);
    }
    requireUnitClerk(ctx.actor, directory, '重新提交');
  }
  const merged = applyCorrections(previous, cmd.corrections ?? {});
  refuseIfClassified(merged.classification, merged.addressingException);
  const submission = normalizeSubmission(merged, previous.fromUnit, directory);
  // 不符合报文规范的,作退文处理: the same submission again would only be returned again.
  const { attempt: _attempt, ...returned } = previous;
  if (canonicalJson(submission) === canonicalJson(returned)) {
    throw invalidInput('NO_CORRECTIONS', '被退文的公文须改正后重新提交;本次提交的内容与被退回的公文相同', ART41);
  }
  return withRuleCheck('document.resubmitted', { ...submission, attempt: previous.attempt + 1 }, ctx);
}

/** A merge patch over the returned submission: absent keeps a field, `null` clears it, a value replaces it whole. */
function applyCorrections(previous: SubmittedData, corrections: ResubmitCommand['corrections']): SubmissionFields {
  const { fromUnit: _from, ...fields } = previous;
  const merged: Record<string, unknown> = { ...fields };
  for (const [key, value] of Object.entries(corrections)) {
    if (key === 'attempt' || key === 'fromUnit') continue; // not correctable: same stream, same unit
    if (value === null) delete merged[key];
    else if (value !== undefined) merged[key] = value;
  }
  return merged as unknown as SubmissionFields;
}

export function decideReturn(cmd: ReturnCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['submitted', 'registered', 'reviewed'], { code: 'NOT_SUBMITTED', message: '该公文尚未提交' }, {
    code: 'ALREADY_ROUTED',
    message: '该公文已分工呈批,不能再由办公室退文',
    article: ART42,
  });
  requireOffice(ctx.actor, ctx.deps.directory, '退文');
  const given = Array.isArray(cmd.reasons) ? cmd.reasons : [];
  if (given.length === 0 || given.some((r) => !hasText(r?.message))) {
    throw invalidInput('RETURN_REASONS_REQUIRED', '退文须逐条写明理由', ART42);
  }
  const reasons = given.map((r) => {
    const article = hasText(r.article) ? r.article.trim() : ART42;
    const message = r.message.trim();
    return {
      article,
      code: hasText(r.code) ? r.code.trim() : 'OFFICE_RETURN',
      message: message.startsWith(article) ? message : `${article}: ${message}`,
    };
  });
  return [documentEvent('document.returned', { by: 'office', attempt: state.submission!.attempt, reasons })];
}

export function decideRegister(cmd: RegisterCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['submitted'], { code: 'NOT_SUBMITTED', message: '该公文尚未提交' }, {
    code: 'ALREADY_REGISTERED',
    message: '该公文已签收登记',
  });
  requireOffice(ctx.actor, ctx.deps.directory, '签收登记');
  return [documentEvent('document.registered', hasText(cmd.registrationNo) ? { registrationNo: cmd.registrationNo.trim() } : {})];
}

export function decideReview(cmd: ReviewCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['registered'], { code: 'NOT_REGISTERED', message: '该公文尚未签收登记' }, {
    code: 'ALREADY_REVIEWED',
    message: '该公文已初审拟办',
  });
  const { directory } = ctx.deps;
  requireOffice(ctx.actor, directory, '初审拟办');
  const opinion = requireText(cmd.opinion, 'OPINION_REQUIRED', '拟办意见');
  const lead = requireWorkingUnit(cmd.proposedLeadUnit ?? state.submission!.fromUnit, directory, '拟主办单位');
  const coUnits = requireWorkingUnits(cmd.proposedCoUnits, directory, '拟协办单位', lead);
  if (cmd.proposedHandlingClass !== undefined && !HANDLING_CLASSES.includes(cmd.proposedHandlingClass)) {
    throw invalidInput('HANDLING_CLASS_UNKNOWN', `未知的办理类别 ${String(cmd.proposedHandlingClass)}`, '第四十七条');
  }
  return [
    documentEvent('document.reviewed', {
      opinion,
      proposedLeadUnit: lead,
      proposedCoUnits: coUnits,
      ...(cmd.proposedHandlingClass ? { proposedHandlingClass: cmd.proposedHandlingClass } : {}),
      major: state.submission!.major || cmd.major === true,
    }),
  ];
}

/**
 * 第四十二条: 按市政府领导同志分工呈批 — to the 分管 leader of the proposed lead unit, who
 * also coordinates a disagreement the 请示 brings; 重大事项报市长审批.
 */
export function decideRoute(cmd: RouteCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['reviewed'], { code: 'NOT_REVIEWED', message: '该公文尚未初审拟办' }, {
    code: 'ALREADY_ROUTED',
    message: '该公文已分工呈批',
  });
  const { directory } = ctx.deps;
  requireOffice(ctx.actor, directory, '分工呈批');
  const review = state.review!;
  const leadUnit = review.proposedLeadUnit;
  const portfolioLeader = directory.portfolioLeaderOf(leadUnit);
  if (!portfolioLeader) {
    throw invalidInput('NO_PORTFOLIO_LEADER', `组织机构目录中 ${directory.nameOf(leadUnit)} 没有分管领导`, ART42);
  }
  const route = new Map<string, RouteReason[]>();
  const add = (position: string, reason: RouteReason) => route.set(position, [...(route.get(position) ?? []), reason]);
  add(portfolioLeader, 'portfolio');
  if (state.disagreement?.open) add(portfolioLeader, 'coordination');
  if (review.major) add(directory.mayorPosition(), 'major');
  for (const position of cmd.alsoTo ?? []) {
    if (!directory.isLeaderPosition(position)) {
      throw invalidInput('UNKNOWN_LEADER', `${String(position)} 不是组织机构目录中的市政府领导职位`);
    }
    if (!route.has(position)) add(position, 'added_by_office');
  }
  const to: RoutedLeader[] = [...route].map(([position, reasons]) => ({
    position,
    title: directory.nameOf(position),
    reasons,
  }));
  return [documentEvent('document.routed', { leadUnit, to })];
}

/** 批示 by a leader the document was routed to; the 市长 leads the whole government (第五条). */
export function decideInstruct(cmd: InstructCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['routed', 'instructed'], { code: 'NOT_ROUTED', message: '该公文尚未分工呈批' }, {
    code: 'ALREADY_ASSIGNED',
    message: '该公文已交办,批示阶段已结束',
  });
  const { directory } = ctx.deps;
  const position = leaderPositionOf(ctx.actor, directory);
  if (!position) throw forbidden('NOT_A_LEADER', '只有市政府领导可以批示', ART42);
  const routed = state.route!.to.some((l) => l.position === position);
  if (!routed && position !== directory.mayorPosition()) {
    throw forbidden('NOT_ROUTED_TO_LEADER', `该公文未呈 ${directory.nameOf(position)} 批示`, ART42);
  }
  const text = requireText(cmd.text, 'TEXT_REQUIRED', '批示内容');
  return [documentEvent('document.instructed', { position, text })];
}
