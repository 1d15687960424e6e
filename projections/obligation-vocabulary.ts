/**
 * Vocabulary of the obligations read model (第三十二条 督查): what is owed, and by whom.
 * Codes are stored; labels are for people. Who owes it is stored as a party token and
 * resolved against the organisation directory at query time, so a change of 分管 never
 * needs a rebuild.
 */

/** Tracked items: the streams the obligations and performance projections and the history read follow. */
export type Source = 'document' | 'issuance' | 'proposal';

export const SOURCE_LABELS: Record<Source, string> = { document: '收文交办', issuance: '发文', proposal: '建议提案' };

export const OBLIGATION_TYPES = {
  completion: '办结',
  opinion: '提出意见',
  completion_or_opinion: '办结或提出意见',
  progress: '说明办理情况',
  consultation_reply: '会商回复',
  coordination: '分歧协调',
  extension_decision: '延期审批',
  registration: '签收登记',
  intake_review: '初审拟办',
  routing: '分工呈批',
  instruction: '批示',
  proposal_answer: '答复代表委员',
  co_opinion: '协办意见',
  publish_result: '公开办理结果',
  legality_gate: '合法性审核把关',
  agreement_review: '协议文本合法性审核',
  deliberation: '会议审议',
  review: '核稿',
  countersign: '会签',
  signature: '签发',
  issue: '印发',
  publish: '公开',
  file: '备案',
} as const;
export type ObligationType = keyof typeof OBLIGATION_TYPES;

/**
 * Who owes an obligation:
 * - `unit:<code>` a unit; `leader:<position>` a leader position;
 * - `portfolio-leader`: the 分管领导 of the row's unit (第四十二条);
 * - `approver`: 市政府办公室主任、副主任或分管市政府领导 (延期审批);
 * - `mayor`, `office`, `office-director`, `office-deputy-director`, `office-leadership`, `legal-affairs`.
 */
export type Party = string;
export const unitParty = (code: string): Party => `unit:${code}`;
export const leaderParty = (position: string): Party => `leader:${position}`;
export const ROLE_PARTIES = {
  'portfolio-leader': '分管市政府领导',
  approver: '市政府办公室主任、副主任或分管市政府领导',
  mayor: '市长',
  office: '市政府办公室',
  'office-director': '市政府办公室主任',
  'office-deputy-director': '市政府办公室副主任',
  'office-leadership': '市政府办公室主任或副主任',
  'legal-affairs': '市司法局',
} as const;

/** Stored in place of a deadline for items awaiting someone without a time limit; never shown. */
export const NO_DEADLINE_AT = '9999-12-31T23:59:59.999Z';
export const NO_DEADLINE_DATE = '9999-12-31';

/** One open obligation as derived from a subject's state (before denormalisation). */
export interface Obligation {
  /** Unique within the stream, e.g. 'main', 'consult:finance'. */
  key: string;
  type: ObligationType;
  /** The unit whose obligation (or whose matter) it is; filters and colours go by it. */
  unit: string;
  owedBy: Party;
  /** End of the due day (Asia/Shanghai) as a UTC instant; undefined: no time limit. */
  dueAt?: string;
  dueDate?: string;
  detail?: string;
  urgedAt?: string;
}
