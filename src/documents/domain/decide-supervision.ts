import { documentEvent, type DocumentEvent } from '../../../events/document-events';
import type { Actor } from '../../domain/decider';
import type { Directory } from '../../directory';
import type {
  ApproveExtensionCommand,
  RejectExtensionCommand,
  RequestExtensionCommand,
  UrgeCommand,
} from './document-commands';
import type { DocumentContext } from './document-deps';
import { forbidden, invalidInput, invalidState, requireText } from './document-errors';
import type { DocumentState } from './document-state';
import { extendedDeadline } from './deadlines';
import { requireAssigned } from './lifecycle';
import { isOfficeLeadership, leaderPositionOf, requireLeadUnit, requireSupervisor } from './permissions';
import { requireDate } from '../../domain/require-date';

const ART47 = '第四十七条';

/** The lead unit asks for more time; a statutory limit is the law's, not the government's, to move. */
export function decideRequestExtension(cmd: RequestExtensionCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireAssigned(state);
  const assignment = state.assignment!;
  requireLeadUnit(ctx.actor, assignment.leadUnit, ctx.deps.directory, '申请延期');
  if (assignment.handlingClass === 'statutory') {
    throw invalidState('STATUTORY_DEADLINE', '法律法规规定的办理时限,从其规定,不能申请延期', ART47);
  }
  if (state.pendingExtension) throw invalidState('EXTENSION_PENDING', '已有延期申请正在审批');
  const requestedDueDate = requireDate(cmd.requestedDueDate, 'requestedDueDate', '申请延期至');
  requireLater(requestedDueDate, state);
  const reason = requireText(cmd.reason, 'REASON_REQUIRED', '延期理由');
  return [documentEvent('document.extension_requested', { unit: assignment.leadUnit, requestedDueDate, reason })];
}

export function decideApproveExtension(cmd: ApproveExtensionCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  const pending = requirePending(state);
  requireApprover(ctx.actor, state, ctx.deps.directory);
  const dueDate = requireDate(cmd.dueDate ?? pending.requestedDueDate, 'dueDate', '批准延期至');
  requireLater(dueDate, state);
  const comment = cmd.comment?.trim();
  return [
    documentEvent('document.extension_approved', {
      previousDueAt: state.deadline!.dueAt,
      deadline: extendedDeadline(dueDate, ctx.deps.calendar.version),
      ...(comment ? { comment } : {}),
    }),
  ];
}

export function decideRejectExtension(cmd: RejectExtensionCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requirePending(state);
  requireApprover(ctx.actor, state, ctx.deps.directory);
  const reason = requireText(cmd.reason, 'REASON_REQUIRED', '不同意延期的理由');
  return [documentEvent('document.extension_rejected', { reason })];
}

/** 催办 by the 督查室 (第三十二条); records whether the matter was already overdue. */
export function decideUrge(cmd: UrgeCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  requireAssigned(state);
  requireSupervisor(ctx.actor, ctx.deps.directory);
  const text = requireText(cmd.text, 'TEXT_REQUIRED', '催办内容');
  const dueAt = state.deadline!.dueAt;
  return [documentEvent('document.urged', { text, dueAt, overdue: ctx.now.getTime() > Date.parse(dueAt) })];
}

function requirePending(state: DocumentState) {
  requireAssigned(state);
  if (!state.pendingExtension) throw invalidState('NO_EXTENSION_PENDING', '没有待审批的延期申请');
  return state.pendingExtension;
}

function requireLater(dueDate: string, state: DocumentState): void {
  const current = state.deadline!.dueDate;
  if (dueDate <= current) {
    throw invalidInput('EXTENSION_NOT_LATER', `延期后的时限 ${dueDate} 必须晚于当前时限 ${current}`, ART47);
  }
}

/** 市政府办公室主任、副主任, the 市长, the 常务副市长, or the lead unit's 分管副市长. */
function requireApprover(actor: Actor, state: DocumentState, directory: Directory): void {
  if (isOfficeLeadership(actor, directory)) return;
  const position = leaderPositionOf(actor, directory);
  const allowed = [
    directory.mayorPosition(),
    directory.executiveViceMayorPosition(),
    directory.portfolioLeaderOf(state.assignment!.leadUnit),
  ];
  if (position && allowed.includes(position)) return;
  throw forbidden('NOT_EXTENSION_APPROVER', '延期须由市政府办公室主任、副主任或分管市政府领导批准', ART47);
}
