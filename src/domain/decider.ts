/** An event as a decider emits it; the catalogue supplies schemaVersion. */
export interface DomainEvent<Type extends string = string, Data = Record<string, unknown>> {
  type: Type;
  data: Data;
}

/** Who is acting. Comes from the verified token, never from the request body. */
export interface Actor {
  id: string;
  name: string;
  unit: string;
  roles: string[];
  /** Leader position id from the directory (e.g. 'vice-mayor-2') when the actor is a leader. */
  leaderId?: string;
}

/**
 * Everything a decision may depend on besides the command and the state. Passed in, so the
 * decider stays pure: no clock, no I/O, no globals.
 */
export interface DecisionContext<Deps = unknown> {
  now: Date;
  actor: Actor;
  deps: Deps;
}

/** What the store recorded alongside an event; evolve may use it (e.g. who signed, when). */
export interface RecordedInfo {
  revision: number;
  recordedAt: string;
  actor: { id: string; name: string };
  unit: string;
  role: string;
}

/** Emmett-style decider: decide throws DomainError to refuse; evolve is total and pure. */
export interface Decider<State, Command, Event extends DomainEvent, Deps = unknown> {
  initialState(): State;
  decide(command: Command, state: State, context: DecisionContext<Deps>): Event[];
  evolve(state: State, event: Event, recorded: RecordedInfo): State;
}
