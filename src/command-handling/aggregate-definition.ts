import type { Decider, DomainEvent } from '../domain/decider';

/** What the one command path needs to know about a kind of stream. */
export interface AggregateDefinition<State, Command extends { type: string }, Event extends DomainEvent, Deps> {
  /** e.g. 'document'; streams are `${name}-${id}`. */
  name: string;
  decider: Decider<State, Command, Event, Deps>;
  /** From the event catalogue; throws on an unknown type so nothing uncatalogued is stored. */
  schemaVersionOf(type: string): number;
  /** Turns a stored event back into the decider's event (the one place upcasting happens). */
  deserialize(type: string, schemaVersion: number, data: Record<string, unknown>): Event;
  /** Resolved at start-up (calendar, directory). */
  deps: () => Deps;
}
