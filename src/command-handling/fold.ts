import type { StoredEvent } from '../event-store/event-store.port';
import type { DomainEvent } from '../domain/decider';
import type { AggregateDefinition } from './aggregate-definition';

export interface Folded<State> {
  state: State;
  /** Revision of the last event, -1 for a stream that does not exist yet. */
  revision: number;
}

/** What evolve needs of an event: a stored one, or one just appended. */
export type FoldableEvent = Pick<StoredEvent, 'type' | 'schemaVersion' | 'data' | 'revision' | 'recordedAt' | 'metadata'>;

/** The one fold used by commands, GET state, state-as-of and audits. */
export function foldStream<State, Command extends { type: string }, Event extends DomainEvent, Deps>(
  aggregate: AggregateDefinition<State, Command, Event, Deps>,
  stored: StoredEvent[],
): Folded<State> {
  const state = foldOnto(aggregate, aggregate.decider.initialState(), stored);
  return { state, revision: stored.length === 0 ? -1 : stored[stored.length - 1]!.revision };
}

/** Continues a fold from a state already folded up to the event before `events[0]`. */
export function foldOnto<State, Command extends { type: string }, Event extends DomainEvent, Deps>(
  aggregate: AggregateDefinition<State, Command, Event, Deps>,
  initial: State,
  events: readonly FoldableEvent[],
): State {
  let state = initial;
  for (const event of events) {
    state = aggregate.decider.evolve(state, aggregate.deserialize(event.type, event.schemaVersion, event.data), {
      revision: event.revision,
      recordedAt: event.recordedAt,
      actor: event.metadata.actor,
      unit: event.metadata.unit,
      role: event.metadata.role,
    });
  }
  return state;
}
