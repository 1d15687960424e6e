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

/** 发文 events, stream `issuance-<id>`. Dates are Asia/Shanghai 'YYYY-MM-DD'; instants are ISO UTC. */

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

export type DraftRevisedData = {
  textVersion: number;
  title: string;
  summary: string;
};

export type PublicCommentOpenedData = {
  opensOn: string;
  closesOn: string;
  channel: string;
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

export const ISSUANCE_EVENTS = {
  'issuance.drafted': { schemaVersion: 1, label: '拟稿' },
  'issuance.draft_revised': { schemaVersion: 1, label: '修改文稿' },
  'issuance.public_comment_opened': { schemaVersion: 1, label: '草案公开征求意见' },
  'issuance.public_comment_closed': { schemaVersion: 1, label: '征求意见结束' },
  'issuance.legality_reviewed': { schemaVersion: 1, label: '起草单位合法性审核' },
  'issuance.integrity_reviewed': { schemaVersion: 1, label: '廉洁性审核' },
  'issuance.supervision_opinion_given': { schemaVersion: 1, label: '市司法局监督意见' },
  'issuance.agreement_text_reviewed': { schemaVersion: 1, label: '市司法局协议文本合法性审核' },
  'issuance.submitted_for_deliberation': { schemaVersion: 1, label: '提请集体审议' },
  'issuance.deliberation_recorded': { schemaVersion: 1, label: '审议结果' },
  'issuance.reviewed': { schemaVersion: 1, label: '核稿' },
  'issuance.countersigned': { schemaVersion: 1, label: '会签' },
  'issuance.signing_delegated': { schemaVersion: 1, label: '市长委托签发' },
  'issuance.delegation_revoked': { schemaVersion: 1, label: '撤销委托' },
  'issuance.signed': { schemaVersion: 1, label: '签发' },
  'issuance.issued': { schemaVersion: 1, label: '印发' },
  'issuance.published': { schemaVersion: 1, label: '公开' },
  'issuance.publication_exempted': { schemaVersion: 1, label: '依法不予公开' },
  'issuance.filed': { schemaVersion: 1, label: '备案' },
} as const;

export type IssuanceEventType = keyof typeof ISSUANCE_EVENTS;

type DataByType = {
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

export type IssuanceEvent = { [T in IssuanceEventType]: DomainEvent<T, DataByType[T]> }[IssuanceEventType];
export type IssuanceEventOf<T extends IssuanceEventType> = Extract<IssuanceEvent, { type: T }>;

/** Builds a typed event; keeps the decider free of casts. */
export const issuanceEvent = <T extends IssuanceEventType>(type: T, data: DataByType[T]): IssuanceEvent =>
  ({ type, data }) as IssuanceEvent;

export function issuanceSchemaVersion(type: string): number {
  const entry = (ISSUANCE_EVENTS as Record<string, { schemaVersion: number }>)[type];
  if (!entry) throw new Error(`发文事件目录中没有事件类型 ${type}`);
  return entry.schemaVersion;
}

/** The one place stored issuance events are read back (upcasters go here when a version changes). */
export function deserializeIssuanceEvent(type: string, schemaVersion: number, data: Record<string, unknown>): IssuanceEvent {
  const current = issuanceSchemaVersion(type);
  if (schemaVersion > current) throw new Error(`${type} v${schemaVersion} 比本程序认识的 v${current} 更新`);
  return { type, data } as unknown as IssuanceEvent;
}
