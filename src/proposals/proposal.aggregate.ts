import type { AggregateDefinition } from '../command-handling/aggregate-definition';
import { proposalSchemaVersion } from '../../events/proposal-catalogue';
import type { ProposalEvent } from '../../events/proposal-events';
import { deserializeProposalEvent } from '../../events/proposal-upcast';
import type { ProposalCommand } from './domain/proposal-commands';
import { proposalDecider } from './domain/proposal-decider';
import type { ProposalDeps } from './domain/proposal-deps';
import type { ProposalState } from './domain/proposal-state';

/** Nest token of the proposal AggregateDefinition (ProposalsModule). */
export const PROPOSAL_AGGREGATE = Symbol('PROPOSAL_AGGREGATE');

export type ProposalAggregate = AggregateDefinition<ProposalState, ProposalCommand, ProposalEvent, ProposalDeps>;

/** 建议/提案 on the one command path: streams `proposal-<id>`; deps resolved at start-up. */
export function proposalAggregate(deps: ProposalDeps | (() => ProposalDeps)): ProposalAggregate {
  return {
    name: 'proposal',
    decider: proposalDecider,
    schemaVersionOf: proposalSchemaVersion,
    deserialize: deserializeProposalEvent,
    deps: typeof deps === 'function' ? deps : () => deps,
  };
}
