import type { StoredEvent } from '../src/event-store/event-store.port';
import { evolveProposal, initialProposalState, type ProposalState } from '../src/proposals/domain/proposal-state';
import { PROPOSAL_EVENT_TYPES } from '../events/proposal-catalogue';
import { deserializeProposalEvent } from '../events/proposal-upcast';
import { unitParty, type Obligation } from './obligation-vocabulary';
import { clip, dueOf, type SubjectKind } from './subject-kind';

/** The subject is kept (and shown as the title) up to this many characters. */
const SUBJECT = 100;

/** What is owed on a 人大代表建议 / 政协委员提案 (第二十七条: 限时办结, 公开办理结果). */
export function proposalObligations(s: ProposalState): Obligation[] {
  const lead = s.leadUnit ?? '';
  const out: Obligation[] = [];
  if (s.status === 'handling') {
    const due = dueOf(s.answerDeadline);
    out.push({ key: 'answer', type: 'proposal_answer', unit: lead, owedBy: unitParty(lead), ...due, ...(s.round > 1 && { detail: `第 ${s.round} 轮办理` }) });
    for (const unit of s.coUnits) {
      if (s.coOpinions[unit] !== undefined) continue;
      out.push({ key: `co_opinion:${unit}`, type: 'co_opinion', unit, owedBy: unitParty(unit), ...dueOf(s.coOpinionDeadline), detail: '向主办单位提出协办意见' });
    }
    if (s.pendingExtension) {
      out.push({ key: 'extension', type: 'extension_decision', unit: lead, owedBy: 'office-leadership', ...due, detail: `申请延期至 ${s.pendingExtension.requestedDueDate}` });
    }
  }
  if (s.status === 'closed' && !s.published) out.push({ key: 'publish', type: 'publish_result', unit: lead, owedBy: unitParty(lead) });
  return out;
}

export const proposalSubjects: SubjectKind<ProposalState> = {
  source: 'proposal',
  eventTypes: PROPOSAL_EVENT_TYPES,
  initial: initialProposalState,
  evolve: (state, e: StoredEvent) => evolveProposal(state, deserializeProposalEvent(e.type, e.schemaVersion, e.data)),
  compact(next) {
    const r = next.registration;
    // Opinions only need to be known as given; the texts stay in the events.
    const coOpinions = Object.fromEntries(Object.keys(next.coOpinions ?? {}).map((u) => [u, '']));
    return { ...next, coOpinions, ...(r && { registration: { ...r, subject: clip(r.subject ?? '', SUBJECT), coProposers: [] } }) };
  },
  info: (s) => ({
    title: s.registration?.subject === undefined ? null : clip(s.registration.subject, SUBJECT),
    kind: s.registration?.kind ?? null,
    unit: s.leadUnit ?? '',
    status: s.status,
    handlingClass: null,
  }),
  obligations: proposalObligations,
};
