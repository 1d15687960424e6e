import type {
  AddressingException,
  ConsultationStance,
  CoordinationOutcome,
  DisagreementPosition,
  DocumentKind,
  ForwardingRequest,
  SubmissionDisagreement,
} from '../../../events/document-events';
import type { HandlingClass } from '../../calendar/deadline-policy';
import type { Classification } from './submission-rules';

/**
 * A disagreement as the unit states it. A side may lack its 理由 or 依据: that is no malformed
 * input but a breach of 第四十一条, which the rule check returns (退文) with the missing items.
 */
export type SubmissionDisagreementInput = Omit<SubmissionDisagreement, 'positions'> & {
  positions: (Pick<DisagreementPosition, 'unit'> & Partial<Omit<DisagreementPosition, 'unit'>>)[];
};

/** What a submitting unit fills in (报文). Codes refer to the organisation directory. */
export interface SubmissionFields {
  kind: DocumentKind;
  title: string;
  /** 主送. */
  mainTo: string[];
  /** 抄送. */
  copyTo?: string[];
  documentNumber?: string;
  summary?: string;
  /** 请示事项. */
  requestItems?: string[];
  addressingException?: AddressingException;
  disagreement?: SubmissionDisagreementInput;
  forwarding?: ForwardingRequest;
  /** 第四十七条: anything but 'none' is refused outright. Never stored. */
  classification?: Classification;
  major?: boolean;
}

/** 报文: the first submission on a new stream. */
export interface SubmitCommand extends SubmissionFields {
  type: 'submit';
  /** 报文单位: the actor's own unit, or any unit when office staff enter a paper submission. */
  fromUnit: string;
}

/** Corrections after a 退文; `null` clears an optional field, an absent key keeps it. */
export type SubmissionCorrections = { [K in keyof SubmissionFields]?: SubmissionFields[K] | null };
export interface ResubmitCommand {
  type: 'resubmit';
  corrections: SubmissionCorrections;
}

/** 退文 by the office, by hand. `article` defaults to 第四十二条 (the office's 审核把关). */
export interface ReturnCommand {
  type: 'return';
  reasons: { message: string; article?: string; code?: string }[];
}

export interface RegisterCommand {
  type: 'register';
  registrationNo?: string;
}

/** 初审/拟办. */
export interface ReviewCommand {
  type: 'review';
  opinion: string;
  /** Defaults to the submitting unit. */
  proposedLeadUnit?: string;
  proposedCoUnits?: string[];
  proposedHandlingClass?: HandlingClass;
  /** The office may judge a matter major even if the unit did not (重大事项报市长审批). */
  major?: boolean;
}

/** 分工呈批: the route itself comes from the directory; the office may add leaders. */
export interface RouteCommand {
  type: 'route';
  alsoTo?: string[];
}

/** 批示 by a leader on the route (position from the actor's token). */
export interface InstructCommand {
  type: 'instruct';
  text: string;
}

/** 交办. Lead and co-units default to the office's review. */
export interface AssignCommand {
  type: 'assign';
  handlingClass?: HandlingClass;
  leadUnit?: string;
  coUnits?: string[];
  urgentDueDate?: string;
  statutoryDueDate?: string;
  legalBasis?: string;
  requirements?: string;
}

export interface RequestConsultationCommand {
  type: 'requestConsultation';
  units: string[];
  replyBy: string;
  subject: string;
}

export interface GiveConsultationOpinionCommand {
  type: 'giveConsultationOpinion';
  stance: ConsultationStance;
  reasons?: string;
  basis?: string;
  changes?: string;
}

/** As the lead unit states it: a missing 理由, 依据 or 办理建议 is refused under 第四十一条, item by item. */
export interface ReportDisagreementCommand {
  type: 'reportDisagreement';
  headsConsulted: boolean;
  positions: SubmissionDisagreementInput['positions'];
  proposal?: string;
}

export interface CoordinateCommand {
  type: 'coordinate';
  outcome: CoordinationOutcome;
  text: string;
}

export interface ExplainProgressCommand {
  type: 'explainProgress';
  text: string;
}

export interface RequestExtensionCommand {
  type: 'requestExtension';
  requestedDueDate: string;
  reason: string;
}

/** `dueDate` defaults to the requested date. */
export interface ApproveExtensionCommand {
  type: 'approveExtension';
  dueDate?: string;
  comment?: string;
}

export interface RejectExtensionCommand {
  type: 'rejectExtension';
  reason: string;
}

export interface UrgeCommand {
  type: 'urge';
  text: string;
}

export interface SubmitOpinionCommand {
  type: 'submitOpinion';
  text: string;
}

export interface CompleteCommand {
  type: 'complete';
  result: string;
}

export interface CloseCommand {
  type: 'close';
  reason?: string;
}

export interface ArchiveCommand {
  type: 'archive';
  archiveNo?: string;
}

/** Re-count a provisional deadline with the current calendar data (DESIGN §5). */
export interface RecalculateDeadlineCommand {
  type: 'recalculateDeadline';
}

export type DocumentCommand =
  | SubmitCommand
  | ResubmitCommand
  | ReturnCommand
  | RegisterCommand
  | ReviewCommand
  | RouteCommand
  | InstructCommand
  | AssignCommand
  | RequestConsultationCommand
  | GiveConsultationOpinionCommand
  | ReportDisagreementCommand
  | CoordinateCommand
  | ExplainProgressCommand
  | RequestExtensionCommand
  | ApproveExtensionCommand
  | RejectExtensionCommand
  | UrgeCommand
  | SubmitOpinionCommand
  | CompleteCommand
  | CloseCommand
  | ArchiveCommand
  | RecalculateDeadlineCommand;

export type DocumentCommandType = DocumentCommand['type'];
