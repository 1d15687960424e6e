import { DomainError } from '../../domain/domain-error';
import type { DocumentEvent } from '../../../events/document-events';
import type { Decider } from '../../domain/decider';
import type { DocumentCommand } from './document-commands';
import type { DocumentContext, DocumentDeps } from './document-deps';
import { invalidInput, invalidState } from './document-errors';
import { evolveDocument } from './document-evolve';
import { initialDocumentState, type DocumentState } from './document-state';
import { decideArchive, decideClose, decideComplete, decideSubmitOpinion } from './decide-closure';
import {
  decideAssign,
  decideCoordinate,
  decideExplainProgress,
  decideGiveConsultationOpinion,
  decideRecalculateDeadline,
  decideReportDisagreement,
  decideRequestConsultation,
} from './decide-handling';
import {
  decideInstruct,
  decideRegister,
  decideResubmit,
  decideReturn,
  decideReview,
  decideRoute,
  decideSubmit,
} from './decide-intake';
import { decideApproveExtension, decideRejectExtension, decideRequestExtension, decideUrge } from './decide-supervision';

/** Refusals that depend only on where the document is, whatever the command. */
function guardLifecycle(command: DocumentCommand, state: DocumentState): void {
  const { status } = state;
  if (command.type === 'submit') {
    if (status !== 'new') throw invalidState('ALREADY_SUBMITTED', '该公文已提交;退文后请用"重新提交"更正');
    return;
  }
  // Only submit starts a stream: nothing stored means no such document (as for 发文 and 建议提案).
  if (status === 'new') throw new DomainError('not_found', 'DOCUMENT_NOT_FOUND', '未找到该公文');
  if (status === 'archived') throw invalidState('ARCHIVED', '公文已归档,只能查阅');
  if (status === 'closed' && command.type !== 'archive') throw invalidState('CLOSED', '公文已关闭,只能归档');
  if (status === 'returned' && command.type !== 'resubmit' && command.type !== 'close') {
    throw invalidState('RETURNED', '公文已退文,须由报文单位修改后重新提交');
  }
}

export function decideDocument(command: DocumentCommand, state: DocumentState, ctx: DocumentContext): DocumentEvent[] {
  guardLifecycle(command, state);
  switch (command.type) {
    case 'submit':
      return decideSubmit(command, state, ctx);
    case 'resubmit':
      return decideResubmit(command, state, ctx);
    case 'return':
      return decideReturn(command, state, ctx);
    case 'register':
      return decideRegister(command, state, ctx);
    case 'review':
      return decideReview(command, state, ctx);
    case 'route':
      return decideRoute(command, state, ctx);
    case 'instruct':
      return decideInstruct(command, state, ctx);
    case 'assign':
      return decideAssign(command, state, ctx);
    case 'requestConsultation':
      return decideRequestConsultation(command, state, ctx);
    case 'giveConsultationOpinion':
      return decideGiveConsultationOpinion(command, state, ctx);
    case 'reportDisagreement':
      return decideReportDisagreement(command, state, ctx);
    case 'coordinate':
      return decideCoordinate(command, state, ctx);
    case 'explainProgress':
      return decideExplainProgress(command, state, ctx);
    case 'requestExtension':
      return decideRequestExtension(command, state, ctx);
    case 'approveExtension':
      return decideApproveExtension(command, state, ctx);
    case 'rejectExtension':
      return decideRejectExtension(command, state, ctx);
    case 'urge':
      return decideUrge(command, state, ctx);
    case 'submitOpinion':
      return decideSubmitOpinion(command, state, ctx);
    case 'complete':
      return decideComplete(command, state, ctx);
    case 'close':
      return decideClose(command, state, ctx);
    case 'archive':
      return decideArchive(command, state, ctx);
    case 'recalculateDeadline':
      return decideRecalculateDeadline(command, state, ctx);
    default:
      throw invalidInput('UNKNOWN_COMMAND', `未知的命令 ${String((command as { type?: unknown }).type)}`);
  }
}

/**
 * One tracked document per stream (`document-<uuid>`), 收文 through 交办 to 归档. Pure:
 * time, actor, calendar and directory come in the context.
 */
export const documentDecider: Decider<DocumentState, DocumentCommand, DocumentEvent, DocumentDeps> = {
  initialState: initialDocumentState,
  decide: decideDocument,
  evolve: (state, event) => evolveDocument(state, event),
};

/** Folds events from the start of a stream; the same events always give the same state. */
export function foldDocument(events: readonly DocumentEvent[]): DocumentState {
  return events.reduce(evolveDocument, initialDocumentState());
}
