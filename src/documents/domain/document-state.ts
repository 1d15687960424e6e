import type {
  ArchivedData,
  AssignedData,
  ClosedData,
  CompletedData,
  ConsultationOpinionGivenData,
  CoordinatedData,
  DisagreementPosition,
  ExtensionRequestedData,
  InstructedData,
  OpinionSubmittedData,
  ProgressExplainedData,
  ReturnedData,
  ReviewedData,
  RoutedData,
  SubmittedData,
  UrgedData,
} from '../../../events/document-events';
import type { Deadline } from '../../calendar/deadline-policy';

/** Where a document is in 收文 → 交办 → 办结 (DESIGN §3). */
export const DOCUMENT_STATUSES = {
  new: '未提交',
  submitted: '已提交待签收',
  returned: '已退文',
  registered: '已签收登记',
  reviewed: '已初审拟办',
  routed: '已分工呈批',
  instructed: '已批示',
  assigned: '已交办办理中',
  opinion_submitted: '已提出意见',
  completed: '已办结',
  closed: '已关闭',
  archived: '已归档',
} as const;
export type DocumentStatus = keyof typeof DOCUMENT_STATUSES;

export interface Consultation {
  unit: string;
  replyBy: string;
  subject: string;
  opinion?: ConsultationOpinionGivenData;
}

export interface Disagreement {
  origin: 'submission' | 'handling';
  open: boolean;
  positions: DisagreementPosition[];
  proposal?: string;
  coordination?: CoordinatedData;
}

export interface ExtensionRecord {
  requested: ExtensionRequestedData;
  outcome: 'approved' | 'rejected';
  /** New due date when approved; the rejection reason otherwise. */
  detail: string;
}

/**
 * Everything folded from one document stream. Plain JSON, so GET /documents/:id can return
 * it as is. Deadlines are the stored ones; nothing here is recomputed on read.
 */
export interface DocumentState {
  status: DocumentStatus;
  /** The submission as last (re)submitted, with its attempt number. */
  submission?: SubmittedData;
  returns: ReturnedData[];
  registrationNo?: string;
  review?: ReviewedData;
  route?: RoutedData;
  instructions: InstructedData[];
  assignment?: AssignedData;
  /** Current deadline: the assigned one, or the latest approved extension / recalculation. */
  deadline?: Deadline;
  progressDeadline?: Deadline;
  consultations: Consultation[];
  /** The latest disagreement (from the 请示 itself or reported after 交办). */
  disagreement?: Disagreement;
  /** Every coordination so far, oldest first. */
  coordinations: CoordinatedData[];
  progressExplanations: ProgressExplainedData[];
  pendingExtension?: ExtensionRequestedData;
  extensions: ExtensionRecord[];
  urges: UrgedData[];
  opinion?: OpinionSubmittedData;
  completion?: CompletedData;
  closure?: ClosedData;
  archive?: ArchivedData;
}

export const initialDocumentState = (): DocumentState => ({
  status: 'new',
  returns: [],
  instructions: [],
  consultations: [],
  coordinations: [],
  progressExplanations: [],
  extensions: [],
  urges: [],
});
