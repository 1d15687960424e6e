import type { RecordedInfo } from '../../domain/decider';
import type {
  AgreementTextReviewedData,
  FiledData,
  IntegrityReviewedData,
  IssuanceDraftedData,
  IssuanceEvent,
  IssuedData,
  LegalityReviewedData,
  PublicCommentOpenedData,
  SignedData,
  SigningDelegatedData,
  SupervisionOpinionGivenData,
} from '../../../events/issuance-events';
import type { DeliberationMeeting, DeliberationOutcome } from './issuance-types';
import { signingComplete, signingRule, type ReviewSlot, type SignerSlot } from './signing-matrix';

/**
 * drafting ⇄ in_deliberation → (all signers) signed → issued. Gates, reviews and 会签 are
 * collected while drafting and are tied to the text version they were given on.
 */
export type IssuanceStatus = 'none' | 'drafting' | 'in_deliberation' | 'signed' | 'issued';

export interface IssuanceState {
  status: IssuanceStatus;
  draft?: IssuanceDraftedData;
  title?: string;
  textVersion: number;
  publicComment?: PublicCommentOpenedData & { closed: boolean };
  legality?: LegalityReviewedData;
  integrity?: IntegrityReviewedData;
  supervision?: SupervisionOpinionGivenData;
  agreementReview?: AgreementTextReviewedData;
  /** `amendedFrom`: the deliberated text version, once a revision implemented the meeting's amendments (textVersion is then the amended one). */
  deliberation?: { meeting: DeliberationMeeting; textVersion: number; outcome?: DeliberationOutcome; session?: string; amendedFrom?: number };
  /** Review slot → text version it was given on. */
  reviews: Partial<Record<ReviewSlot, number>>;
  /** Joint issuer unit → text version it countersigned. */
  countersigned: Record<string, number>;
  delegations: Record<string, SigningDelegatedData & { revoked: boolean }>;
  signatures: SignedData[];
  signedSlots: SignerSlot[];
  issued?: IssuedData;
  publication?: { kind: 'published'; publishedOn: string; channel: string } | { kind: 'exempt'; legalBasis: string };
  filed?: FiledData;
}

export const initialIssuanceState = (): IssuanceState => ({
  status: 'none',
  textVersion: 0,
  reviews: {},
  countersigned: {},
  delegations: {},
  signatures: [],
  signedSlots: [],
});

export function evolveIssuance(state: IssuanceState, event: IssuanceEvent, _recorded?: RecordedInfo): IssuanceState {
  switch (event.type) {
    case 'issuance.drafted':
      return { ...state, status: 'drafting', draft: event.data, title: event.data.title, textVersion: 1 };
    case 'issuance.draft_revised': {
      const revised = { ...state, title: event.data.title, textVersion: event.data.textVersion };
      return event.data.implementsAmendments ? carryOverToAmendedText(revised, event.data.implementsAmendments.deliberatedTextVersion) : revised;
    }
    case 'issuance.public_comment_opened':
      return { ...state, publicComment: { ...event.data, closed: false } };
    case 'issuance.public_comment_closed':
      return state.publicComment ? { ...state, publicComment: { ...state.publicComment, closed: true } } : state;
    case 'issuance.legality_reviewed':
      return { ...state, legality: event.data };
    case 'issuance.integrity_reviewed':
      return { ...state, integrity: event.data };
    case 'issuance.supervision_opinion_given':
      return { ...state, supervision: event.data };
    case 'issuance.agreement_text_reviewed':
      return { ...state, agreementReview: event.data };
    case 'issuance.submitted_for_deliberation':
      return { ...state, status: 'in_deliberation', deliberation: { meeting: event.data.meeting, textVersion: event.data.textVersion } };
    case 'issuance.deliberation_recorded':
      return {
        ...state,
        status: 'drafting',
        deliberation: state.deliberation && { ...state.deliberation, outcome: event.data.outcome, session: event.data.session },
      };
    case 'issuance.reviewed': {
      const reviews = { ...state.reviews };
      for (const slot of event.data.slots) reviews[slot] = event.data.textVersion;
      return { ...state, reviews };
    }
    case 'issuance.countersigned':
      return { ...state, countersigned: { ...state.countersigned, [event.data.unit]: event.data.textVersion } };
    case 'issuance.signing_delegated':
      return { ...state, delegations: { ...state.delegations, [event.data.delegationId]: { ...event.data, revoked: false } } };
    case 'issuance.delegation_revoked': {
      const d = state.delegations[event.data.delegationId];
      return d ? { ...state, delegations: { ...state.delegations, [d.delegationId]: { ...d, revoked: true } } } : state;
    }
    case 'issuance.signed': {
      const signedSlots = [...new Set([...state.signedSlots, ...event.data.slots])];
      const complete = !state.draft || signingComplete(signingRule(state.draft.signingRule), signedSlots);
      return { ...state, signatures: [...state.signatures, event.data], signedSlots, status: complete ? 'signed' : state.status };
    }
    case 'issuance.issued':
      return { ...state, status: 'issued', issued: event.data };
    case 'issuance.published':
      return { ...state, publication: { kind: 'published', publishedOn: event.data.publishedOn, channel: event.data.channel } };
    case 'issuance.publication_exempted':
      return { ...state, publication: { kind: 'exempt', legalBasis: event.data.legalBasis } };
    case 'issuance.filed':
      return { ...state, filed: event.data };
    default:
      return state;
  }
}

/**
 * 第三十五条: the text that makes the changes a 修改后通过 meeting asked for is the text the
 * meeting adopted, so the deliberation and the 第四十五条 reviews given on the deliberated
 * text apply to it. 核稿 and 会签 are of the text to be signed and are not carried.
 */
function carryOverToAmendedText(state: IssuanceState, from: number): IssuanceState {
  const to = state.textVersion;
  const carry = <T extends { textVersion: number }>(x: T | undefined): T | undefined => (x?.textVersion === from ? { ...x, textVersion: to } : x);
  const d = state.deliberation;
  return {
    ...state,
    legality: carry(state.legality),
    integrity: carry(state.integrity),
    supervision: carry(state.supervision),
    deliberation: d?.textVersion === from ? { ...d, textVersion: to, amendedFrom: from } : d,
  };
}

/** 成文日期: the date of the last signature (《党政机关公文处理工作条例》第九条). */
export const lastSignatureDate = (state: IssuanceState): string | undefined =>
  state.signatures.reduce<string | undefined>((latest, s) => (!latest || s.signedOn > latest ? s.signedOn : latest), undefined);

export const isNormative = (state: IssuanceState): boolean => state.draft?.category === 'normative';
export const isCityLevel = (state: IssuanceState): boolean => state.draft?.issuer.kind !== 'department';
