import type { StoredEvent } from '../src/event-store/event-store.port';
import { evolveIssuance, initialIssuanceState, isNormative, type IssuanceState } from '../src/issuance/domain/issuance-state';
import { legalityGateBlockers, signingBlockers } from '../src/issuance/domain/legality-gate';
import { awaitedSigners, SIGNING_MATRIX, type ReviewSlot, type SignerSlot, type SigningRule } from '../src/issuance/domain/signing-matrix';
import { ISSUANCE_EVENT_TYPES } from '../events/issuance-catalogue';
import { deserializeIssuanceEvent } from '../events/issuance-upcast';
import { leaderParty, unitParty, type Obligation, type Party } from './obligation-vocabulary';
import { clip, type SubjectKind } from './subject-kind';

const ruleOf = (s: IssuanceState): SigningRule | undefined =>
  s.draft ? (SIGNING_MATRIX as Record<string, SigningRule>)[s.draft.signingRule] : undefined;

function portfolio(s: IssuanceState, fallback: Party): Party {
  const id = s.draft?.portfolioLeaderId;
  return id ? leaderParty(id) : fallback;
}

function reviewer(s: IssuanceState, slot: ReviewSlot): Party {
  switch (slot) {
    case 'office_director':
      return 'office-director';
    case 'portfolio_vice_mayor':
      return portfolio(s, 'portfolio-leader');
    case 'leader_consent':
      return portfolio(s, 'mayor');
    default:
      return 'office-deputy-director';
  }
}

function signer(s: IssuanceState, slot: SignerSlot): Party {
  switch (slot) {
    case 'mayor':
      return 'mayor';
    case 'portfolio_vice_mayor':
      return portfolio(s, 'portfolio-leader');
    case 'office_director':
      return 'office-director';
    case 'issuing_department':
      return unitParty(s.draft?.draftingUnit ?? '');
    default: {
      const chair = s.draft?.meeting?.chair;
      if (chair?.leaderId) return leaderParty(chair.leaderId);
      if (chair?.role === 'mayor') return 'mayor';
      if (chair?.role === 'office_director') return 'office-director';
      if (chair?.role === 'office_deputy_director') return 'office-deputy-director';
      return 'portfolio-leader';
    }
  }
}

/** 第二十、三十五、四十五条: the law lets it go on to 签发 (the decider's own check). */
const lawfullyCleared = (s: IssuanceState): boolean => signingBlockers(s).length === 0;

/** Who is awaited on a 发文 (第二十、四十三—四十五条): gates, 核稿, 会签, 签发, 印发, 公开, 备案. */
export function issuanceObligations(s: IssuanceState): Obligation[] {
  const rule = ruleOf(s);
  const draft = s.draft;
  if (!rule || !draft) return [];
  const unit = draft.draftingUnit ?? '';
  const own = draft.issuer?.kind === 'department';
  const out: Obligation[] = [];
  const v = s.textVersion;
  if (s.status === 'drafting') {
    const adopted = s.deliberation?.textVersion === v && s.deliberation.outcome?.startsWith('adopted');
    if (isNormative(s) && !adopted) {
      const blockers = legalityGateBlockers(s);
      if (blockers.length > 0) {
        const onlySupervision = blockers.every((b) => b.code.startsWith('SUPERVISION_'));
        out.push({ key: 'legality_gate', type: 'legality_gate', unit, owedBy: onlySupervision ? 'legal-affairs' : unitParty(unit), detail: clip(blockers.map((b) => b.message).join(';'), 300) });
      }
    }
    if (draft.category === 'agreement' && !(s.agreementReview?.textVersion === v && s.agreementReview.lawful)) {
      const missing = s.agreementReview?.textVersion !== v;
      out.push({ key: 'agreement_review', type: 'agreement_review', unit, owedBy: missing ? 'legal-affairs' : unitParty(unit), detail: missing ? '待市司法局审核协议文本 (第二十条)' : '协议文本经审核不合法, 须修改' });
    }
    for (const slot of rule.reviews) {
      if (s.reviews[slot] !== v) out.push({ key: `review:${slot}`, type: 'review', unit, owedBy: reviewer(s, slot) });
    }
    for (const joint of draft.jointIssuers ?? []) {
      if (s.countersigned[joint] !== v) out.push({ key: `countersign:${joint}`, type: 'countersign', unit: joint, owedBy: unitParty(joint) });
    }
    if (out.length === 0 && lawfullyCleared(s)) {
      for (const slot of awaitedSigners(rule, s.signedSlots)) {
        out.push({ key: `sign:${slot}`, type: 'signature', unit, owedBy: signer(s, slot) });
      }
    }
  }
  // 常务会议、全体会议由市长召集和主持 (第三十四、三十五条).
  if (s.status === 'in_deliberation') out.push({ key: 'deliberation', type: 'deliberation', unit, owedBy: 'mayor' });
  const handler = own ? unitParty(unit) : 'office';
  if (s.status === 'signed') out.push({ key: 'issue', type: 'issue', unit, owedBy: handler });
  if (s.status === 'issued') {
    if (!s.publication) out.push({ key: 'publish', type: 'publish', unit, owedBy: handler });
    if (isNormative(s) && !s.filed) out.push({ key: 'file', type: 'file', unit, owedBy: handler });
  }
  return out;
}

export const issuanceSubjects: SubjectKind<IssuanceState> = {
  source: 'issuance',
  eventTypes: ISSUANCE_EVENT_TYPES,
  initial: initialIssuanceState,
  evolve: (state, e: StoredEvent) => evolveIssuance(state, deserializeIssuanceEvent(e.type, e.schemaVersion, e.data)),
  compact: (state) => state,
  info: (s) => ({
    title: s.title ?? null,
    kind: s.draft?.category ?? null,
    unit: s.draft?.draftingUnit ?? '',
    status: s.status,
    handlingClass: null,
  }),
  obligations: issuanceObligations,
};
