import type { DomainEvent } from '../src/domain/decider';
import type { Deadline } from '../src/calendar/deadline-policy';

/**
 * 人大代表建议 and 政协委员提案 (第二十七条), stream `proposal-<id>`. Stored shapes: change one
 * only with a new schemaVersion (events/proposal-catalogue.ts) and an upcaster
 * (events/proposal-upcast.ts). Every deadline is stored as computed (rule, calendar
 * version), so replays never move it (DESIGN §5).
 */

export type ProposalKind = 'npc_suggestion' | 'cppcc_proposal';
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { npc_suggestion: '人大代表建议', cppcc_proposal: '政协委员提案' };

/** 办理结果分类 (A 已解决/采纳, B 正在解决/列入计划, C 因条件限制暂不能解决, D 留作参考). */
export type AnswerClass = 'A' | 'B' | 'C' | 'D';
export const ANSWER_CLASS_LABELS: Record<AnswerClass, string> = {
  A: '已解决或采纳',
  B: '正在解决或列入计划解决',
  C: '因条件限制暂不能解决',
  D: '留作参考',
};

export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

export type ProposalRegisteredData = {
  kind: ProposalKind;
  /** 建议/提案号, e.g. 第0012号. */
  number: string;
  /** 大会届次, e.g. 市十六届人大五次会议. */
  session: string;
  /** The deputy or member (领衔人) and any co-signers (附议人). */
  proposer: string;
  coProposers: string[];
  subject: string;
  registeredOn: string;
};

export type ProposalAssignedData = {
  leadUnit: string;
  coUnits: string[];
  assignedAt: string;
  answerDeadline: Deadline;
  /** 协办单位 opinions to the 主办单位; absent without co-units. */
  coOpinionDeadline?: Deadline;
};

export type CoOpinionSubmittedData = { unit: string; opinion: string; submittedOn: string; late: boolean };
export type ProposalExtensionRequestedData = { reason: string; requestedDueDate: string };
/**
 * v2 adds `approvedDate`: the day the approver named, before 遇休息日顺延, so new calendar
 * data can roll it again (v1 events are lifted in events/proposal-upcast.ts).
 */
export type ProposalExtensionApprovedData = { answerDeadline: Deadline; previousDueDate: string; approvedDate: string };
export type ProposalExtensionRejectedData = { reason: string };
export type ProposalAnsweredData = { answerClass: AnswerClass; summary: string; answeredOn: string; round: number; late: boolean };
export type SatisfactionRecordedData = { satisfaction: Satisfaction; feedback: string; recordedOn: string; round: number };
/** 不满意 → handled again (round + 1) with a new deadline. */
export type ProposalReopenedData = { round: number; reopenedAt: string; answerDeadline: Deadline };
export type ProposalResultPublishedData = { publishedOn: string; channel: string; url?: string };
/**
 * 时限重算 with newer calendar data: each deadline that changed (its date, or no longer
 * provisional), before and after; a pair is absent when that deadline did not change.
 */
export type ProposalDeadlinesRecalculatedData = {
  previousAnswerDeadline?: Deadline;
  answerDeadline?: Deadline;
  previousCoOpinionDeadline?: Deadline;
  coOpinionDeadline?: Deadline;
};

export type ProposalDataByType = {
  'proposal.registered': ProposalRegisteredData;
  'proposal.assigned': ProposalAssignedData;
  'proposal.co_opinion_submitted': CoOpinionSubmittedData;
  'proposal.extension_requested': ProposalExtensionRequestedData;
  'proposal.extension_approved': ProposalExtensionApprovedData;
  'proposal.extension_rejected': ProposalExtensionRejectedData;
  'proposal.answered': ProposalAnsweredData;
  'proposal.satisfaction_recorded': SatisfactionRecordedData;
  'proposal.reopened': ProposalReopenedData;
  'proposal.result_published': ProposalResultPublishedData;
  'proposal.deadlines_recalculated': ProposalDeadlinesRecalculatedData;
};

export type ProposalEventType = keyof ProposalDataByType;
export type ProposalEvent = { [T in ProposalEventType]: DomainEvent<T, ProposalDataByType[T]> }[ProposalEventType];

export const proposalEvent = <T extends ProposalEventType>(type: T, data: ProposalDataByType[T]): ProposalEvent =>
  ({ type, data }) as ProposalEvent;
