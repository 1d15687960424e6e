import type { AggregateDefinition } from '../command-handling/aggregate-definition';
import { issuanceSchemaVersion } from '../../events/issuance-catalogue';
import type { IssuanceEvent } from '../../events/issuance-events';
import { deserializeIssuanceEvent } from '../../events/issuance-upcast';
import type { IssuanceCommand } from './domain/issuance-commands';
import { issuanceDecider } from './domain/issuance-decider';
import type { IssuanceDeps } from './domain/issuance-deps';
import type { IssuanceState } from './domain/issuance-state';

/** Nest token of the issuance AggregateDefinition (IssuanceModule). */
export const ISSUANCE_AGGREGATE = Symbol('ISSUANCE_AGGREGATE');

export type IssuanceAggregate = AggregateDefinition<IssuanceState, IssuanceCommand, IssuanceEvent, IssuanceDeps>;

/** 发文 on the one command path: streams `issuance-<id>`. Deps are resolved at start-up. */
export function issuanceAggregate(deps: IssuanceDeps | (() => IssuanceDeps)): IssuanceAggregate {
  return {
    name: 'issuance',
    decider: issuanceDecider,
    schemaVersionOf: issuanceSchemaVersion,
    deserialize: deserializeIssuanceEvent,
    deps: typeof deps === 'function' ? deps : () => deps,
  };
}
