import type { StoredEvent } from '../event-store/event-store.port';
import { foldDocument } from '../documents/domain/document.decider';
import type { DocumentState } from '../documents/domain/document-state';
import { evolveIssuance, initialIssuanceState, type IssuanceState } from '../issuance/domain/issuance-state';
import { evolveProposal, initialProposalState, type ProposalState } from '../proposals/domain/proposal-state';
import { deserializeDocumentEvent } from '../../events/document-upcast';
import { deserializeIssuanceEvent } from '../../events/issuance-upcast';
import { deserializeProposalEvent } from '../../events/proposal-upcast';

/**
 * Who a tracked item concerns, as the read scope sees it. `units`: every unit with a part in
 * it (submitted, leads, co-handles, was asked in 会商, drafts, co-issues); `portfolioUnits`:
 * the units whose 分管 leader it belongs to (submitter and lead); `leaders`: positions it
 * was routed to or that act on it.
 */
export interface ReadSubject {
  aggregate: string;
  units: string[];
  portfolioUnits: string[];
  leaders: string[];
}

const uniq = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))];

export function documentSubject(s: DocumentState): ReadSubject {
  const lead = s.assignment?.leadUnit;
  return {
    aggregate: 'document',
    units: uniq([s.submission?.fromUnit, lead, ...(s.assignment?.coUnits ?? []), ...s.consultations.map((c) => c.unit)]),
    portfolioUnits: uniq([s.submission?.fromUnit, lead]),
    leaders: uniq([...(s.route?.to ?? []).map((l) => l.position), ...s.instructions.map((i) => i.position), ...s.coordinations.map((c) => c.position)]),
  };
}

export function issuanceSubject(s: IssuanceState): ReadSubject {
  const d = s.draft;
  return {
    aggregate: 'issuance',
    units: uniq([d?.draftingUnit, d?.issuer.kind === 'department' ? d.issuer.unit : undefined, ...(d?.jointIssuers ?? [])]),
    portfolioUnits: uniq([d?.draftingUnit]),
    leaders: uniq([d?.portfolioLeaderId, d?.meeting?.chair?.leaderId, ...s.signatures.map((x) => x.signer.leaderId)]),
  };
}

export function proposalSubject(s: ProposalState): ReadSubject {
  return { aggregate: 'proposal', units: uniq([s.leadUnit, ...s.coUnits]), portfolioUnits: uniq([s.leadUnit]), leaders: [] };
}

/** Folds a stored stream with its domain's own evolve; undefined for streams no one reads by id. */
export function subjectOfStream(streamId: string, events: StoredEvent[]): ReadSubject | undefined {
  if (streamId.startsWith('document-')) {
    return documentSubject(foldDocument(events.map((e) => deserializeDocumentEvent(e.type, e.schemaVersion, e.data))));
  }
  if (streamId.startsWith('issuance-')) {
    const state = events.reduce((st, e) => evolveIssuance(st, deserializeIssuanceEvent(e.type, e.schemaVersion, e.data)), initialIssuanceState());
    return issuanceSubject(state);
  }
  if (streamId.startsWith('proposal-')) {
    const state = events.reduce((st, e) => evolveProposal(st, deserializeProposalEvent(e.type, e.schemaVersion, e.data)), initialProposalState());
    return proposalSubject(state);
  }
  return undefined;
}
