import type { AnswerClass, ProposalKind, Satisfaction } from '../../../events/proposal-events';

export type ProposalCommand =
  | { type: 'register'; kind: ProposalKind; number: string; session: string; proposer: string; coProposers?: string[]; subject: string }
  | { type: 'assign'; leadUnit: string; coUnits?: string[] }
  | { type: 'submitCoOpinion'; opinion: string }
  | { type: 'requestExtension'; reason: string; requestedDueDate: string }
  | { type: 'approveExtension'; dueDate?: string }
  | { type: 'rejectExtension'; reason: string }
  | { type: 'answer'; answerClass: AnswerClass; summary: string }
  | { type: 'recordSatisfaction'; satisfaction: Satisfaction; feedback?: string }
  | { type: 'publishResult'; channel: string; url?: string }
  | { type: 'recalculateDeadlines' };

export type ProposalCommandType = ProposalCommand['type'];
