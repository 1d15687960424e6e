import type { DomainEvent } from '../src/domain/decider';
import type {
  DeliberationMeeting,
  DeliberationOutcome,
  ForwardingRequest,
  Importance,
  IssuanceCategory,
  IssuerKind,
  MeetingInfo,
  TownStreetBasis,
} from '../src/issuance/domain/issuance-types';
import type { ReviewSlot, SignerSlot } from '../src/issuance/domain/signing-matrix';

/**
 * 发文 events, stream `issuance-<id>`. These shapes are what is stored: change one only with
 * a new schemaVersion (events/issuance-catalogue.ts) and an upcaster (events/issuance-upcast.ts).
 * Dates are Asia/Shanghai 'YYYY-MM-DD'; instants are ISO UTC. Who acted is in the envelope.
 */

export type IssuanceDraftedData = {
  title: string;
  issuer: { kind: IssuerKind; unit: string; code: string };
  draftingUnit: string;
  category: IssuanceCategory;
  importance: Importance;
  meeting?: MeetingInfo;
  jointIssuers: string[];
  recipients: string[];
  forwarding?: ForwardingRequest;
  townStreetBasis?: TownStreetBasis;
  /** 分管副市长 of the drafting unit, resolved from the directory when drafted. */
  portfolioLeaderId?: string;
  /** Row of the signing matrix (第四十三、四十四、三十八条), fixed when drafted. */
  signingRule: string;
  draftedOn: string;
};

/**
 * `implementsAmendments` (optional, absent on ordinary revisions): the revision makes the
 * changes the meeting adopted 修改后通过 on text version `deliberatedTextVersion`, so that
 * deliberation and the 第四十五条 reviews it relied on apply to the new text.
 */
export type DraftRevisedData = {
  textVersion: number;
  title: string;
  summary: string;
  implementsAmendments?: { session: string; deliberatedTextVersion: number };
};

/** v2 added `recordedAfterClose` (v1 refused a period already over, so v1 data lifts with false). */
export type PublicCommentOpenedData = {
  opensOn: string;
  closesOn: string;
  channel: string;
  /** Recorded after `closesOn` had passed: the period took place before it was entered (第二十条). */
  recordedAfterClose: boolean;
};
export type PublicCommentClosedData = {
  closedOn: string;
  commentCount: number;
  summary: string;
};
export type LegalityReviewedData = {
  textVersion: number;
  lawful: boolean;
  opinion: string;
  reviewedBy: string;
};
export type IntegrityReviewedData = {
  textVersion: number;
  passed: boolean;
  opinion: string;
};
export type SupervisionOpinionGivenData = {
  textVersion: number;
  concurs: boolean;
  opinion: string;
};
export type AgreementTextReviewedData = {
  textVersion: number;
  lawful: boolean;
  opinion: string;
};
export type SubmittedForDeliberationData = {
  meeting: DeliberationMeeting;
  textVersion: number;
};
export type DeliberationRecordedData = {
  meeting: DeliberationMeeting;
  session: string;
  heldOn: string;
  outcome: DeliberationOutcome;
  notes: string;
};
export type ReviewedData = {
  slots: ReviewSlot[];
  textVersion: number;
  opinion: string;
  reviewer: { id: string; name: string; leaderId?: string };
};
export type CountersignedData = {
  unit: string;
  textVersion: number;
};
export type SigningDelegatedData = {
  delegationId: string;
  delegateLeaderId: string;
  from: string;
  until: string;
  reason: string;
};
export type DelegationRevokedData = {
  delegationId: string;
};
export type SignedData = {
  slots: SignerSlot[];
  signer: { id: string; name: string; leaderId?: string; role: string };
  /** Set when the 常务副市长 signed for the 市长 (第五条). */
  delegationId?: string;
  signedOn: string;
  opinion: string;
};
export type IssuedData = {
  documentNumber: string;
  code: string;
  year: number;
  sequence: number;
  /** 成文日期: the date of the last signature (条例 第九条). */
  dated: string;
  issuedOn: string;
};
export type PublishedData = {
  publishedOn: string;
  channel: string;
  url?: string;
};
export type PublicationExemptedData = {
  legalBasis: string;
  reason: string;
};
export type FiledData = {
  /** 第二十七条 人大常委会 | 第二十一条 市政府. */
  filedWith: 'standing_committee' | 'government';
  filedOn: string;
  reference: string;
};


export type IssuanceDataByType = {
  'issuance.drafted': IssuanceDraftedData;
  'issuance.draft_revised': DraftRevisedData;
  'issuance.public_comment_opened': PublicCommentOpenedData;
  'issuance.public_comment_closed': PublicCommentClosedData;
  'issuance.legality_reviewed': LegalityReviewedData;
  'issuance.integrity_reviewed': IntegrityReviewedData;
  'issuance.supervision_opinion_given': SupervisionOpinionGivenData;
  'issuance.agreement_text_reviewed': AgreementTextReviewedData;
  'issuance.submitted_for_deliberation': SubmittedForDeliberationData;
  'issuance.deliberation_recorded': DeliberationRecordedData;
  'issuance.reviewed': ReviewedData;
  'issuance.countersigned': CountersignedData;
  'issuance.signing_delegated': SigningDelegatedData;
  'issuance.delegation_revoked': DelegationRevokedData;
  'issuance.signed': SignedData;
  'issuance.issued': IssuedData;
  'issuance.published': PublishedData;
  'issuance.publication_exempted': PublicationExemptedData;
  'issuance.filed': FiledData;
}

export type IssuanceEventType = keyof IssuanceDataByType;

export type IssuanceEvent = { [T in IssuanceEventType]: DomainEvent<T, IssuanceDataByType[T]> }[IssuanceEventType];
export type IssuanceEventOf<T extends IssuanceEventType> = Extract<IssuanceEvent, { type: T }>;

/** Builds a typed event; keeps the decider free of casts. */
export const issuanceEvent = <T extends IssuanceEventType>(type: T, data: IssuanceDataByType[T]): IssuanceEvent =>
  ({ type, data }) as IssuanceEvent;
