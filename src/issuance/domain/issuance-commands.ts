import type { DocumentNumber } from '../numbering/document-number';
import type {
  DeliberationMeeting,
  DeliberationOutcome,
  ForwardingRequest,
  Importance,
  IssuanceCategory,
  IssuerKind,
  MeetingInfo,
  TownStreetBasis,
} from './issuance-types';

export interface DraftIssuance {
  type: 'draft';
  title: string;
  issuer: IssuerKind;
  /** Department documents: the issuing department's 机关代字 (e.g. 张教规). */
  documentCode?: string;
  /** Defaults to the actor's unit; office staff may draft on a department's behalf. */
  draftingUnit?: string;
  category: IssuanceCategory;
  importance?: Importance;
  meeting?: MeetingInfo;
  jointIssuers?: string[];
  recipients?: string[];
  forwarding?: ForwardingRequest;
  townStreetBasis?: TownStreetBasis;
}

export type IssuanceCommand =
  | DraftIssuance
  /** implementsAmendments: the revision makes the changes a 修改后通过 meeting asked for (第三十五条). */
  | { type: 'reviseDraft'; title?: string; summary: string; implementsAmendments?: boolean }
  | { type: 'openPublicComment'; opensOn: string; closesOn: string; channel: string }
  | { type: 'closePublicComment'; commentCount: number; summary: string }
  | { type: 'recordLegalityReview'; lawful: boolean; opinion: string }
  | { type: 'recordIntegrityReview'; passed: boolean; opinion: string }
  | { type: 'giveSupervisionOpinion'; concurs: boolean; opinion: string }
  | { type: 'reviewAgreementText'; lawful: boolean; opinion: string }
  | { type: 'submitForDeliberation'; meeting: DeliberationMeeting }
  | { type: 'recordDeliberation'; session: string; heldOn: string; outcome: DeliberationOutcome; notes?: string }
  | { type: 'review'; opinion?: string }
  | { type: 'countersign' }
  | { type: 'delegateSigning'; delegationId: string; delegateLeaderId: string; from: string; until: string; reason: string }
  | { type: 'revokeDelegation'; delegationId: string }
  | { type: 'sign'; opinion?: string }
  /** The number comes from DocumentNumberSequence, never from a client (IssueDocumentService). */
  | { type: 'issue'; number: DocumentNumber }
  | { type: 'publish'; channel: string; url?: string }
  | { type: 'exemptFromPublication'; legalBasis: string; reason: string }
  | { type: 'file'; reference: string };

export type IssuanceCommandType = IssuanceCommand['type'];
