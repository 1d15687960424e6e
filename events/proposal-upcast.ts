import { isProposalEventType, proposalCatalogue } from './proposal-catalogue';
import type { ProposalEvent, ProposalEventType } from './proposal-events';
import { upcasterFor, type Data, type UpcasterSteps } from './upcaster';

/** The date v1 wrote into an approved extension's rule (`…经批准延期至 2027-03-20 (遇休息日顺延)`). */
const APPROVED_DATE_IN_RULE = /经批准延期至 (\d{4}-\d{2}-\d{2})/;

/** The one place 建议/提案 upcasters live (see upcaster.ts). */
const UPCASTERS: UpcasterSteps<ProposalEventType> = {
  'proposal.extension_approved': {
    // v1 kept the approved day only in the rule text; failing that, the (rolled) due date.
    1: (d) => {
      const deadline = (d.answerDeadline ?? {}) as Data;
      const approvedDate = typeof deadline.rule === 'string' ? APPROVED_DATE_IN_RULE.exec(deadline.rule)?.[1] : undefined;
      return { ...d, approvedDate: approvedDate ?? deadline.dueDate };
    },
  },
};
const upcast = upcasterFor(proposalCatalogue, isProposalEventType, UPCASTERS);

/** A stored proposal event back in the decider's shape; rejects what it cannot read. */
export function deserializeProposalEvent(type: string, schemaVersion: number, data: Data): ProposalEvent {
  return { type, data: upcast(type, schemaVersion, data) } as unknown as ProposalEvent;
}
