import type { Deadline } from '../../calendar/deadline-policy';
import type { ProposalEvent, ProposalRegisteredData, Satisfaction } from '../../../events/proposal-events';
import type { AnswerDeadlineBasis } from './proposal-deadlines';

/** registered → handling (交办) → answered → closed (满意/基本满意) | handling again (不满意). */
export type ProposalStatus = 'none' | 'registered' | 'handling' | 'answered' | 'closed';

export interface ProposalState {
  status: ProposalStatus;
  registration?: ProposalRegisteredData;
  leadUnit?: string;
  coUnits: string[];
  coOpinions: Record<string, string>;
  /** 交办: where the 协办意见 deadline is counted from. */
  assignedAt?: string;
  answerDeadline?: Deadline;
  answerDeadlineBasis?: AnswerDeadlineBasis;
  coOpinionDeadline?: Deadline;
  pendingExtension?: { requestedDueDate: string };
  round: number;
  lastSatisfaction?: Satisfaction;
  /** Whether the current round's answer is published: each answer is a result to publish (第二十七条). */
  published: boolean;
}

export const initialProposalState = (): ProposalState => ({ status: 'none', coUnits: [], coOpinions: {}, round: 1, published: false });

export function evolveProposal(state: ProposalState, event: ProposalEvent): ProposalState {
  switch (event.type) {
    case 'proposal.registered':
      return { ...state, status: 'registered', registration: event.data };
    case 'proposal.assigned': {
      const { leadUnit, coUnits, assignedAt, answerDeadline, coOpinionDeadline } = event.data;
      const answerDeadlineBasis: AnswerDeadlineBasis = { from: 'assignment', at: assignedAt };
      return { ...state, status: 'handling', leadUnit, coUnits, assignedAt, answerDeadline, answerDeadlineBasis, ...(coOpinionDeadline ? { coOpinionDeadline } : {}) };
    }
    case 'proposal.co_opinion_submitted':
      return { ...state, coOpinions: { ...state.coOpinions, [event.data.unit]: event.data.opinion } };
    case 'proposal.extension_requested':
      return { ...state, pendingExtension: { requestedDueDate: event.data.requestedDueDate } };
    case 'proposal.extension_approved':
      return { ...state, pendingExtension: undefined, answerDeadline: event.data.answerDeadline, answerDeadlineBasis: { from: 'extension', date: event.data.approvedDate } };
    case 'proposal.extension_rejected':
      return { ...state, pendingExtension: undefined };
    case 'proposal.answered':
      return { ...state, status: 'answered', pendingExtension: undefined, published: false };
    case 'proposal.satisfaction_recorded':
      return { ...state, lastSatisfaction: event.data.satisfaction, status: event.data.satisfaction === 'dissatisfied' ? state.status : 'closed' };
    case 'proposal.reopened':
      return {
        ...state,
        status: 'handling',
        round: event.data.round,
        answerDeadline: event.data.answerDeadline,
        answerDeadlineBasis: { from: 'reopening', at: event.data.reopenedAt },
      };
    case 'proposal.result_published':
      return { ...state, published: true };
    case 'proposal.deadlines_recalculated': {
      const { answerDeadline, coOpinionDeadline } = event.data;
      return { ...state, ...(answerDeadline && { answerDeadline }), ...(coOpinionDeadline && { coOpinionDeadline }) };
    }
    default:
      return state;
  }
}
