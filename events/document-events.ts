import type { DomainEvent } from '../src/domain/decider';
import type { Deadline, HandlingClass } from '../src/calendar/deadline-policy';

/**
 * 收文 and 交办 events, stream `document-<uuid>` (DESIGN §3). These shapes are what is
 * stored: change one only together with a new schemaVersion and an upcaster
 * (events/document-upcast.ts). Dates are Asia/Shanghai 'YYYY-MM-DD'; instants are ISO UTC.
 * Who acted is in the envelope metadata; the data repeats a unit or leader position only
 * where the rules depend on it. Shapes are type aliases, not interfaces, so they satisfy
 * DomainEvent's Record<string, unknown> data constraint.
 */

export const DOCUMENT_KINDS = {
  request: '请示',
  report: '报告',
  opinion: '意见',
  letter: '函',
  other: '其他',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;

/** 第四十一条: the two cases in which a leader may be addressed personally. */
export type AddressingException = 'leader_assigned' | 'classified_direct_report';

/** One department's side of a disagreement: 理由 (reasons) and 依据 (basis), 第四十一条. */
export type DisagreementPosition = {
  unit: string;
  reasons: string;
  basis: string;
};

export type SubmissionDisagreement = {
  /** 主办部门的主要负责人已主动协商 (第四十一条). */
  headsConsulted: boolean;
  positions: DisagreementPosition[];
  /** 办理建议. */
  proposal?: string;
};

/** 第四十六条: asking the 市政府 to 批转, or the 市政府办公室 to 转发, the unit's document. */
export type ForwardingRequest = {
  mode: 'government_approve_forward' | 'office_forward';
  /** The matter lies within the requesting unit's own authority (部门职权范围内的事务). */
  withinOwnAuthority: boolean;
};

/** Everything the submitting unit says about its document (as corrected, on resubmission). */
export type Submission = {
  kind: DocumentKind;
  title: string;
  /** 报文单位. */
  fromUnit: string;
  /** 主送: directory codes (the organ, a superior organ, a leader position …). */
  mainTo: string[];
  /** 抄送. */
  copyTo: string[];
  /** 来文字号, e.g. 张发改〔2026〕12号. */
  documentNumber?: string;
  summary?: string;
  /** 请示事项 (a 报告 must carry none, 第四十一条). */
  requestItems: string[];
  addressingException?: AddressingException;
  disagreement?: SubmissionDisagreement;
  forwarding?: ForwardingRequest;
  /** Declared major by the submitting unit (重大事项, 第四十二条). */
  major: boolean;
};

/** One reason a document was returned (退文). */
export type ReturnReason = {
  article: string;
  code: string;
  message: string;
};

export type SubmittedData = Submission & {
  /** 1 for the first submission; each resubmission counts up. */
  attempt: number;
};
export type ResubmittedData = SubmittedData;

export type ReturnedData = {
  /** 'automatic': the submission rule check; 'office': 市政府办公室 退文 by hand. */
  by: 'automatic' | 'office';
  attempt: number;
  reasons: ReturnReason[];
};

export type RegisteredData = {
  /** 收文编号. */
  registrationNo?: string;
};

export type ReviewedData = {
  /** 初审/拟办意见 of the 市政府办公室 (第四十二条). */
  opinion: string;
  /** The unit the office proposes to lead; routing follows its 分管 leader. */
  proposedLeadUnit: string;
  proposedCoUnits: string[];
  proposedHandlingClass?: HandlingClass;
  /** Major after review: the submission's flag or the office's judgement. */
  major: boolean;
};

/** Why a leader is on the route: 分管, 重大事项报市长, 分歧协调, or added by the office. */
export type RouteReason = 'portfolio' | 'major' | 'coordination' | 'added_by_office';

export type RoutedLeader = {
  position: string;
  title: string;
  reasons: RouteReason[];
};

export type RoutedData = {
  leadUnit: string;
  to: RoutedLeader[];
};

export type InstructedData = {
  /** Leader position id (directory). */
  position: string;
  /** 批示 text. */
  text: string;
};

/** 批办 after a leader's 批示, or 转办 by the office on its own review (第四十七条). */
export type AssignmentMode = 'instructed' | 'office_transfer';

export type AssignedData = {
  mode: AssignmentMode;
  leadUnit: string;
  coUnits: string[];
  handlingClass: HandlingClass;
  assignedAt: string;
  requirements?: string;
  legalBasis?: string;
  /** Computed once at 交办 and stored, so replays never move it (DESIGN §5). */
  deadline: Deadline;
  /** needs_investigation: when the 说明办理情况 is due (第四十七条). */
  progressDeadline?: Deadline;
};

export type ConsultationRequestedData = {
  leadUnit: string;
  units: string[];
  replyBy: string;
  subject: string;
};

export type ConsultationStance = 'agree' | 'agree_with_changes' | 'disagree';

export type ConsultationOpinionGivenData = {
  unit: string;
  stance: ConsultationStance;
  /** 理由; required for disagree and agree_with_changes. */
  reasons?: string;
  /** 依据; required for disagree. */
  basis?: string;
  /** Proposed changes, for agree_with_changes. */
  changes?: string;
};

export type DisagreementReportedData = {
  leadUnit: string;
  /** 主办部门主要负责人已主动协商 (第四十一条). */
  headsConsulted: true;
  positions: DisagreementPosition[];
  proposal: string;
};

/** 取得一致意见, or 提出倾向性建议 (第四十二条). */
export type CoordinationOutcome = 'agreed' | 'leaning_proposal';

export type CoordinatedData = {
  position: string;
  outcome: CoordinationOutcome;
  text: string;
  /** 'submission': the 请示 came with a disagreement; 'handling': reported after 交办. */
  origin: 'submission' | 'handling';
};

export type ProgressExplainedData = {
  unit: string;
  text: string;
  onTime: boolean;
};

export type ExtensionRequestedData = {
  unit: string;
  requestedDueDate: string;
  reason: string;
};

export type ExtensionApprovedData = {
  previousDueAt: string;
  deadline: Deadline;
  comment?: string;
};

export type ExtensionRejectedData = {
  reason: string;
};

export type UrgedData = {
  text: string;
  /** The due moment at the time, and whether it had passed (第三十二条 通报). */
  dueAt: string;
  overdue: boolean;
};

export type OpinionSubmittedData = {
  unit: string;
  text: string;
  onTime: boolean;
};

export type CompletedData = {
  unit: string;
  result: string;
  onTime: boolean;
};

export type ClosedData = {
  /** The status the document was closed from, e.g. 'completed', 'returned'. */
  from: string;
  reason?: string;
};

export type ArchivedData = {
  /** 档号. */
  archiveNo?: string;
};

/** New calendar data changed a provisional deadline (DESIGN §5): recorded, never silently refolded. */
export type DeadlineRecalculatedData = {
  previous: Deadline;
  deadline: Deadline;
  previousProgressDeadline?: Deadline;
  progressDeadline?: Deadline;
};

export const DOCUMENT_SUBMITTED = 'document.submitted';
export const DOCUMENT_RETURNED = 'document.returned';
export const DOCUMENT_RESUBMITTED = 'document.resubmitted';
export const DOCUMENT_REGISTERED = 'document.registered';
export const DOCUMENT_REVIEWED = 'document.reviewed';
export const DOCUMENT_ROUTED = 'document.routed';
export const DOCUMENT_INSTRUCTED = 'document.instructed';
export const DOCUMENT_ASSIGNED = 'document.assigned';
export const CONSULTATION_REQUESTED = 'document.consultation_requested';
export const CONSULTATION_OPINION_GIVEN = 'document.consultation_opinion_given';
export const DISAGREEMENT_REPORTED = 'document.disagreement_reported';
export const DOCUMENT_COORDINATED = 'document.coordinated';
export const PROGRESS_EXPLAINED = 'document.progress_explained';
export const EXTENSION_REQUESTED = 'document.extension_requested';
export const EXTENSION_APPROVED = 'document.extension_approved';
export const EXTENSION_REJECTED = 'document.extension_rejected';
export const DOCUMENT_URGED = 'document.urged';
export const OPINION_SUBMITTED = 'document.opinion_submitted';
export const DOCUMENT_COMPLETED = 'document.completed';
export const DOCUMENT_CLOSED = 'document.closed';
export const DOCUMENT_ARCHIVED = 'document.archived';
export const DEADLINE_RECALCULATED = 'document.deadline_recalculated';

/** Event type → data shape. */
export type DocumentEventData = {
  [DOCUMENT_SUBMITTED]: SubmittedData;
  [DOCUMENT_RETURNED]: ReturnedData;
  [DOCUMENT_RESUBMITTED]: ResubmittedData;
  [DOCUMENT_REGISTERED]: RegisteredData;
  [DOCUMENT_REVIEWED]: ReviewedData;
  [DOCUMENT_ROUTED]: RoutedData;
  [DOCUMENT_INSTRUCTED]: InstructedData;
  [DOCUMENT_ASSIGNED]: AssignedData;
  [CONSULTATION_REQUESTED]: ConsultationRequestedData;
  [CONSULTATION_OPINION_GIVEN]: ConsultationOpinionGivenData;
  [DISAGREEMENT_REPORTED]: DisagreementReportedData;
  [DOCUMENT_COORDINATED]: CoordinatedData;
  [PROGRESS_EXPLAINED]: ProgressExplainedData;
  [EXTENSION_REQUESTED]: ExtensionRequestedData;
  [EXTENSION_APPROVED]: ExtensionApprovedData;
  [EXTENSION_REJECTED]: ExtensionRejectedData;
  [DOCUMENT_URGED]: UrgedData;
  [OPINION_SUBMITTED]: OpinionSubmittedData;
  [DOCUMENT_COMPLETED]: CompletedData;
  [DOCUMENT_CLOSED]: ClosedData;
  [DOCUMENT_ARCHIVED]: ArchivedData;
  [DEADLINE_RECALCULATED]: DeadlineRecalculatedData;
};

export type DocumentEventType = keyof DocumentEventData;

export type DocumentEvent = { [T in DocumentEventType]: DomainEvent<T, DocumentEventData[T]> }[DocumentEventType];
export type DocumentEventOf<T extends DocumentEventType> = Extract<DocumentEvent, { type: T }>;

/** Typed constructor: the compiler checks the data against the type. */
export const documentEvent = <T extends DocumentEventType>(type: T, data: DocumentEventData[T]): DocumentEventOf<T> =>
  ({ type, data }) as DocumentEventOf<T>;
