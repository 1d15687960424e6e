import { documentEvent, type DocumentEvent } from '../../../events/document-events';
import { deadlineFor, shanghaiDate, type Deadline } from '../../calendar/deadline-policy';
import { EXTENSION_RULE_CODE, isOnTime } from './deadlines';
import type {
  AssignCommand,
  CoordinateCommand,
  ExplainProgressCommand,
  GiveConsultationOpinionCommand,
  RecalculateDeadlineCommand,
  ReportDisagreementCommand,
  RequestConsultationCommand,
} from './document-commands';
import { uncited } from '../../domain/domain-error';
import { requireDate } from '../../domain/require-date';
import type { DocumentContext } from './document-deps';
import { forbidden, invalidInput, invalidState, requireText } from './document-errors';
import type { DocumentState } from './document-state';
import { HANDLING_CLASSES } from './handling-classes';
import { requireAssigned, requireStage } from './lifecycle';
import { leaderPositionOf, requireLeadUnit, requireOffice, requireUnitClerk } from './permissions';
import { disagreementViolations } from './submission-rules';
import { requireWorkingUnit, requireWorkingUnits } from './unit-checks';

const ART41 = '第四十一条';
const ART42 = '第四十二条';
const ART47 = '第四十七条';

/**
 * 交办 (第四十七条). 批办 after the 批示, or 转办 by the office straight after its review when
 * nothing needed a leader: a major matter needs the 市长 (第四十二条), a disagreement its
 * coordination first. The deadline is computed now and stored with its rule and calendar
 * version, so no later calendar data can move it.
 */
export function decideAssign(cmd: AssignCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireStage(state, ['reviewed', 'routed', 'instructed'], { code: 'NOT_REVIEWED', message: '该公文尚未初审拟办' }, {
    code: 'ALREADY_ASSIGNED',
    message: '该公文已交办',
  });
  const { directory, calendar } = ctx.deps;
  requireOffice(ctx.actor, directory, '交办');
  const review = state.review!;
  if (state.status === 'routed') {
    throw invalidState('NOT_INSTRUCTED', '已呈批的公文须待市政府领导批示后交办', ART42);
  }
  const mayor = directory.mayorPosition();
  if (review.major && !state.instructions.some((i) => i.position === mayor)) {
    throw invalidState('MAYOR_APPROVAL_REQUIRED', '重大事项须报市长审批后交办', ART42);
  }
  if (state.disagreement?.open) {
    throw invalidState('DISAGREEMENT_NOT_COORDINATED', '部门间分歧尚未经市政府分管领导协调', ART42);
  }
  const handlingClass = cmd.handlingClass ?? review.proposedHandlingClass;
  if (handlingClass === undefined) throw invalidInput('HANDLING_CLASS_REQUIRED', '交办须确定办理类别', ART47);
  if (!HANDLING_CLASSES.includes(handlingClass)) {
    throw invalidInput('HANDLING_CLASS_UNKNOWN', `未知的办理类别 ${String(handlingClass)}`, ART47);
  }
  const leadUnit = requireWorkingUnit(cmd.leadUnit ?? review.proposedLeadUnit, directory, '主办单位');
  const coUnits = requireWorkingUnits(cmd.coUnits ?? review.proposedCoUnits, directory, '协办单位', leadUnit);
  if (handlingClass === 'lead_with_consultation' && coUnits.length === 0) {
    throw invalidInput('CO_UNITS_REQUIRED', '主办部门会相关部门办理的事项须指定协办单位', ART47);
  }
  const assignedAt = ctx.now.toISOString();
  const legalBasis = cmd.legalBasis?.trim() || undefined;
  const { primary, progressExplanation } = deadlineFor(
    { handlingClass, assignedAt, urgentDueDate: cmd.urgentDueDate, statutoryDueDate: cmd.statutoryDueDate, legalBasis },
    calendar,
  );
  const requirements = cmd.requirements?.trim();
  return [
    documentEvent('document.assigned', {
      mode: state.status === 'instructed' ? 'instructed' : 'office_transfer',
      leadUnit,
      coUnits,
      handlingClass,
      assignedAt,
      ...(requirements ? { requirements } : {}),
      ...(legalBasis ? { legalBasis } : {}),
      deadline: primary,
      ...(progressExplanation ? { progressDeadline: progressExplanation } : {}),
    }),
  ];
}

/** 主办部门要抓紧会商 (第四十七条): the lead unit asks units for their opinion by a date. */
export function decideRequestConsultation(
  cmd: RequestConsultationCommand,
  state: DocumentState,
  ctx: DocumentContext,
): DocumentEvent[] {
  requireAssigned(state);
  const { directory } = ctx.deps;
  const leadUnit = state.assignment!.leadUnit;
  requireLeadUnit(ctx.actor, leadUnit, directory, '发起会商');
  const units = requireWorkingUnits(cmd.units, directory, '会商单位', leadUnit);
  if (units.length === 0) throw invalidInput('CONSULTATION_UNITS_REQUIRED', '会商须至少指定一个单位', ART47);
  const pending = units.filter((u) => state.consultations.some((c) => c.unit === u && !c.opinion));
  if (pending.length > 0) {
    const names = pending.map((u) => directory.nameOf(u)).join('、');
    throw invalidState('CONSULTATION_PENDING', `已请 ${names} 会商,尚未回复`);
  }
  const replyBy = requireDate(cmd.replyBy, 'replyBy', '回复期限');
  const today = shanghaiDate(ctx.now.toISOString());
  if (replyBy < today) throw invalidInput('REPLY_BY_IN_PAST', `回复期限 ${replyBy} 早于今天 ${today}`);
  const dueDate = state.deadline!.dueDate;
  if (replyBy > dueDate) {
    throw invalidInput('REPLY_BY_AFTER_DUE', `回复期限 ${replyBy} 晚于办理时限 ${dueDate}`, ART47);
  }
  const subject = requireText(cmd.subject, 'SUBJECT_REQUIRED', '会商事项');
  return [documentEvent('document.consultation_requested', { leadUnit, units, replyBy, subject })];
}

/** Only a unit that was asked answers, once per request; a 不同意 carries 理由 and 依据 (第四十一条). */
export function decideGiveConsultationOpinion(
  cmd: GiveConsultationOpinionCommand,
  state: DocumentState,
  ctx: DocumentContext,
): DocumentEvent[] {
  requireAssigned(state);
  const unit = ctx.actor.unit;
  const asked = state.consultations.find((c) => c.unit === unit);
  if (!asked) throw forbidden('NOT_CONSULTED', `主办单位未请 ${ctx.deps.directory.nameOf(unit)} 会商`, ART47);
  requireUnitClerk(ctx.actor, ctx.deps.directory, '回复会商意见');
  if (asked.opinion) throw invalidState('ALREADY_ANSWERED', '本单位已回复会商意见');
  const reasons = cmd.reasons?.trim() || undefined;
  const basis = cmd.basis?.trim() || undefined;
  const changes = cmd.changes?.trim() || undefined;
  switch (cmd.stance) {
    case 'agree':
      break;
    case 'agree_with_changes':
      if (!changes) throw invalidInput('CHANGES_REQUIRED', '修改后同意须写明修改意见');
      break;
    case 'disagree':
      if (!reasons || !basis) throw invalidInput('REASONS_AND_BASIS_REQUIRED', '不同意的,须写明理由和依据', ART41);
      break;
    default:
      throw invalidInput('STANCE_INVALID', `会商意见 ${String(cmd.stance)} 无效,应为 agree/agree_with_changes/disagree`);
  }
  return [
    documentEvent('document.consultation_opinion_given', {
      unit,
      stance: cmd.stance,
      ...(reasons ? { reasons } : {}),
      ...(basis ? { basis } : {}),
      ...(changes ? { changes } : {}),
    }),
  ];
}

/** 不能取得一致意见的,应列出各方理由、依据,提出办理建议 (第四十一条). */
export function decideReportDisagreement(
  cmd: ReportDisagreementCommand,
  state: DocumentState,
  ctx: DocumentContext,
): DocumentEvent[] {
  requireAssigned(state);
  const { directory } = ctx.deps;
  const leadUnit = state.assignment!.leadUnit;
  requireLeadUnit(ctx.actor, leadUnit, directory, '报告分歧');
  if (state.disagreement?.open) throw invalidState('DISAGREEMENT_ALREADY_REPORTED', '分歧已报告,正待分管副市长协调', ART42);
  const dissenters = state.consultations.filter((c) => c.opinion?.stance === 'disagree').map((c) => c.unit);
  if (dissenters.length === 0) throw invalidState('NO_DISAGREEMENT', '会商单位均无不同意见,无须报告分歧');
  const positions = Array.isArray(cmd.positions) ? cmd.positions : [];
  for (const p of positions) requireWorkingUnit(p.unit, directory, '分歧意见单位');
  const violations = disagreementViolations(
    { headsConsulted: cmd.headsConsulted === true, positions, proposal: cmd.proposal },
    directory,
  );
  const missing = [leadUnit, ...dissenters].filter((u) => !positions.some((p) => p.unit === u));
  if (missing.length > 0) {
    violations.push({
      article: ART41,
      code: 'DISAGREEMENT_SIDES_MISSING',
      message: `${ART41}: 应列出各方理由、依据;缺少 ${missing.map((u) => directory.nameOf(u)).join('、')} 的意见`,
    });
  }
  if (violations.length > 0) {
    // One citation for the whole answer; each violation keeps its own in details.violations.
    const message = violations.map((v) => uncited(v.message, v.article)).join(';');
    throw invalidInput('DISAGREEMENT_INCOMPLETE', message, ART41, { violations });
  }
  return [
    documentEvent('document.disagreement_reported', {
      leadUnit,
      headsConsulted: true,
      // The rule above has refused any side without 理由 or 依据, and a missing proposal.
      positions: positions.map((p) => ({ unit: p.unit, reasons: p.reasons!.trim(), basis: p.basis!.trim() })),
      proposal: cmd.proposal!.trim(),
    }),
  ];
}

/** 市政府分管领导同志应主动加强协调,取得一致意见或提出倾向性建议 (第四十二条). */
export function decideCoordinate(cmd: CoordinateCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  const disagreement = state.disagreement;
  if (!disagreement?.open) throw invalidState('NO_OPEN_DISAGREEMENT', '没有待协调的部门分歧', ART42);
  if (disagreement.origin === 'submission') {
    requireStage(state, ['routed', 'instructed'], { code: 'NOT_ROUTED', message: '该请示尚未呈分管副市长' }, {
      code: 'ALREADY_ASSIGNED',
      message: '该公文已交办',
    });
  } else {
    requireAssigned(state);
  }
  const { directory } = ctx.deps;
  const leadUnit = disagreement.origin === 'submission' ? state.route!.leadUnit : state.assignment!.leadUnit;
  const position = leaderPositionOf(ctx.actor, directory);
  if (!position || (position !== directory.portfolioLeaderOf(leadUnit) && position !== directory.mayorPosition())) {
    throw forbidden('NOT_PORTFOLIO_LEADER', `部门分歧由 ${directory.nameOf(leadUnit)} 的分管副市长协调`, ART42);
  }
  if (cmd.outcome !== 'agreed' && cmd.outcome !== 'leaning_proposal') {
    throw invalidInput('OUTCOME_INVALID', `协调结果 ${String(cmd.outcome)} 无效,应为 agreed/leaning_proposal`, ART42);
  }
  const text = requireText(cmd.text, 'TEXT_REQUIRED', '协调意见');
  return [documentEvent('document.coordinated', { position, outcome: cmd.outcome, text, origin: disagreement.origin })];
}

/** 需要调查论证的事项,应先说明办理情况 (第四十七条); any lead unit may report progress. */
export function decideExplainProgress(cmd: ExplainProgressCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireAssigned(state);
  const unit = state.assignment!.leadUnit;
  requireLeadUnit(ctx.actor, unit, ctx.deps.directory, '说明办理情况');
  const text = requireText(cmd.text, 'TEXT_REQUIRED', '办理情况');
  const onTime = isOnTime(ctx.now, state.progressDeadline ?? state.deadline);
  return [documentEvent('document.progress_explained', { unit, text, onTime })];
}

/**
 * New official calendar data may change a deadline counted past the old coverage. The
 * change is recorded as an event (DESIGN §5); folding never recomputes anything.
 */
export function decideRecalculateDeadline(
  _cmd: RecalculateDeadlineCommand,
  state: DocumentState,
  ctx: DocumentContext,
): DocumentEvent[] {
  requireAssigned(state);
  requireOffice(ctx.actor, ctx.deps.directory, '重算办理时限');
  const assignment = state.assignment!;
  const current = state.deadline!;
  if (current.ruleCode === EXTENSION_RULE_CODE) {
    throw invalidState('DEADLINE_EXTENDED', '办理时限已经批准延期,不再按工作日重算', ART47);
  }
  if (!current.provisional && !state.progressDeadline?.provisional) {
    throw invalidState('DEADLINE_NOT_PROVISIONAL', '办理时限不是暂定时限,无须重算', ART47);
  }
  const { primary, progressExplanation } = deadlineFor(
    {
      handlingClass: assignment.handlingClass,
      assignedAt: assignment.assignedAt,
      legalBasis: assignment.legalBasis,
      ...(assignment.handlingClass === 'urgent' ? { urgentDueDate: assignment.deadline.dueDate } : {}),
      ...(assignment.handlingClass === 'statutory' ? { statutoryDueDate: assignment.deadline.dueDate } : {}),
    },
    ctx.deps.calendar,
  );
  const same = (a?: Deadline, b?: Deadline) => a?.dueAt === b?.dueAt && a?.provisional === b?.provisional;
  if (same(primary, current) && same(progressExplanation, state.progressDeadline)) return [];
  return [
    documentEvent('document.deadline_recalculated', {
      previous: current,
      deadline: primary,
      ...(state.progressDeadline ? { previousProgressDeadline: state.progressDeadline } : {}),
      ...(progressExplanation ? { progressDeadline: progressExplanation } : {}),
    }),
  ];
}
