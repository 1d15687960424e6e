import type { StoredEvent } from '../event-store/event-store.port';
import type { DomainEvent } from '../domain/decider';
import type { AggregateDefinition } from './aggregate-definition';

export interface Folded<State> {
  state: State;
  /** Revision of the last event, -1 for a stream that does not exist yet. */
  revision: number;
}

/** The one fold used by commands, GET state, state-as-of and audits. */
export function foldStream<State, Command extends { type: string }, Event extends DomainEvent, Deps>(
  aggregate: AggregateDefinition<State, Command, Event, Deps>,
  stored: StoredEvent[],
): Folded<State> {
  let state = aggregate.decider.initialState();
  for (const event of stored) {
    state = aggregate.decider.evolve(state, aggregate.deserialize(event.type, event.schemaVersion, event.data), {
      revision: event.revision,
      recordedAt: event.recordedAt,
      actor: event.metadata.actor,
      unit: event.metadata.unit,
      role: event.metadata.role,
    });
  }
  return { state, revision: stored.length === 0 ? -1 : stored[stored.length - 1]!.revision };
}
