import { isProposalEventType, proposalCatalogue } from './proposal-catalogue';
import type { ProposalEvent, ProposalEventType } from './proposal-events';
import { upcasterFor, type Data, type UpcasterSteps } from './upcaster';

/** The one place 建议/提案 upcasters live (see upcaster.ts). */
const UPCASTERS: UpcasterSteps<ProposalEventType> = {};
const upcast = upcasterFor(proposalCatalogue, isProposalEventType, UPCASTERS);

/** A stored proposal event back in the decider's shape; rejects what it cannot read. */
export function deserializeProposalEvent(type: string, schemaVersion: number, data: Data): ProposalEvent {
  return { type, data: upcast(type, schemaVersion, data) } as unknown as ProposalEvent;
}
