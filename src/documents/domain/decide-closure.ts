import { documentEvent, type DocumentEvent } from '../../../events/document-events';
import type { Directory } from '../../directory';
import type { ArchiveCommand, CloseCommand, CompleteCommand, SubmitOpinionCommand } from './document-commands';
import type { DocumentContext } from './document-deps';
import { hasText, invalidInput, invalidState, requireText } from './document-errors';
import type { DocumentState } from './document-state';
import { isOnTime } from './deadlines';
import { EITHER_CLASSES, OPINION_CLASSES } from './handling-classes';
import { requireAssigned } from './lifecycle';
import { requireLeadUnit, requireOffice } from './permissions';

const ART41 = '第四十一条';
const ART42 = '第四十二条';
const ART47 = '第四十七条';

/**
 * Before the lead unit answers: every 会商 replied, and any 不同意 either resolved by a new
 * round (the unit now agrees) or reported with each side's 理由/依据 (第四十一条) and
 * coordinated by the 分管副市长 (第四十二条) — never silently passed over.
 */
function requireSettled(state: DocumentState, directory: Directory): void {
  const pending = state.consultations.filter((c) => !c.opinion).map((c) => directory.nameOf(c.unit));
  if (pending.length > 0) throw invalidState('CONSULTATION_PENDING', `尚待 ${pending.join('、')} 回复会商意见`);
  if (state.disagreement?.open) throw invalidState('DISAGREEMENT_OPEN', '部门分歧尚待分管副市长协调', ART42);
  const coordinated =
    state.disagreement?.origin === 'handling' && state.disagreement.coordination ? state.disagreement.positions.map((p) => p.unit) : [];
  const dissenting = state.consultations
    .filter((c) => c.opinion?.stance === 'disagree' && !coordinated.includes(c.unit))
    .map((c) => directory.nameOf(c.unit));
  if (dissenting.length > 0) {
    throw invalidState(
      'DISAGREEMENT_NOT_REPORTED',
      `${dissenting.join('、')} 不同意会商事项;主办部门应主动协商,不能取得一致意见的,应列出各方理由、依据,提出办理建议,报分管副市长协调`,
      ART41,
    );
  }
}

/** 提出本部门意见 (第四十七条): for matters the government decides on. */
export function decideSubmitOpinion(cmd: SubmitOpinionCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireAssigned(state);
  const { directory } = ctx.deps;
  const assignment = state.assignment!;
  requireLeadUnit(ctx.actor, assignment.leadUnit, directory, '提出意见');
  const cls = assignment.handlingClass;
  if (!OPINION_CLASSES.includes(cls) && !EITHER_CLASSES.includes(cls)) {
    throw invalidState('OPINION_NOT_EXPECTED', '该事项属职权范围内或需调查论证的事项,应办结并报告结果', ART47);
  }
  requireSettled(state, directory);
  if (cls === 'lead_with_consultation') {
    const unheard = assignment.coUnits.filter((u) => !state.consultations.some((c) => c.unit === u && c.opinion));
    if (unheard.length > 0) {
      const names = unheard.map((u) => directory.nameOf(u)).join('、');
      throw invalidState('CONSULTATION_REQUIRED', `主办部门须会商相关部门后提出意见;尚未取得 ${names} 的会商意见`, ART47);
    }
  }
  const text = requireText(cmd.text, 'TEXT_REQUIRED', '意见');
  return [
    documentEvent('document.opinion_submitted', { unit: assignment.leadUnit, text, onTime: isOnTime(ctx.now, state.deadline) }),
  ];
}

/** 办结: only the lead unit, and only where a result (not an opinion) is what is due. */
export function decideComplete(cmd: CompleteCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireAssigned(state);
  const { directory } = ctx.deps;
  const assignment = state.assignment!;
  requireLeadUnit(ctx.actor, assignment.leadUnit, directory, '办结');
  if (OPINION_CLASSES.includes(assignment.handlingClass)) {
    throw invalidState('OPINION_EXPECTED', '该事项应在时限内提出本部门意见报市政府,而不是办结', ART47);
  }
  requireSettled(state, directory);
  const result = requireText(cmd.result, 'RESULT_REQUIRED', '办理结果');
  return [
    documentEvent('document.completed', { unit: assignment.leadUnit, result, onTime: isOnTime(ctx.now, state.deadline) }),
  ];
}

/**
 * 关闭 by the office: after 办结 or 提出意见; or, with a reason, a 退文 never resubmitted or
 * a reviewed document needing no 交办 (e.g. a 报告 for the leaders' information).
 */
export function decideClose(cmd: CloseCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  const from = state.status;
  if (from === 'submitted' || from === 'registered') {
    throw invalidState('NOT_REVIEWED', '公文尚未初审拟办,不能关闭');
  }
  if (from === 'assigned') throw invalidState('HANDLING_OPEN', '交办事项尚未办结或提出意见,不能关闭', ART47);
  requireOffice(ctx.actor, ctx.deps.directory, '关闭');
  const finished = from === 'completed' || from === 'opinion_submitted';
  if (!finished && !hasText(cmd.reason)) {
    throw invalidInput('CLOSE_REASON_REQUIRED', '未经交办办结的公文,关闭须写明理由');
  }
  return [documentEvent('document.closed', { from, ...(hasText(cmd.reason) ? { reason: cmd.reason.trim() } : {}) })];
}

export function decideArchive(cmd: ArchiveCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  if (state.status !== 'closed') throw invalidState('NOT_CLOSED', '只有已关闭的公文才能归档');
  requireOffice(ctx.actor, ctx.deps.directory, '归档');
  return [documentEvent('document.archived', hasText(cmd.archiveNo) ? { archiveNo: cmd.archiveNo.trim() } : {})];
}
