import type { Actor, Decider, DecisionContext, DomainEvent, RecordedInfo } from '../../src/domain/decider';
import { DomainError, type DomainErrorKind } from '../../src/domain/domain-error';

/**
 * given/when/then for deciders, after Emmett's DeciderSpecification:
 *
 *   spec.given([submitted]).when(register, { actor: officeClerk }).then([registered]);
 *   spec.given([]).when(complete).thenThrows('NOT_ASSIGNED');
 *
 * `given` events are folded with the decider's own evolve; `when` runs decide once per
 * assertion, with the spec's default context overridden per call.
 */
export interface SpecDefaults<Deps> {
  deps: Deps;
  now: Date;
  actor: Actor;
}

export interface Then<Event> {
  /** The decider emits exactly these events. */
  then(expected: Event[]): void;
  /** The decider accepts the command and emits nothing. */
  thenNothing(): void;
  /** The events, for assertions `then` cannot express. */
  events(): Event[];
  /** The decider refuses with this code (and kind, when given); returns the error. */
  thenThrows(code: string, kind?: DomainErrorKind): DomainError;
}

export function deciderSpecification<State, Command, Event extends DomainEvent, Deps>(
  decider: Decider<State, Command, Event, Deps>,
  defaults: () => SpecDefaults<Deps>,
) {
  const recorded = (revision: number): RecordedInfo => ({
    revision,
    recordedAt: '2026-01-01T00:00:00.000Z',
    actor: { id: 'spec', name: 'spec' },
    unit: 'spec',
    role: 'spec',
  });
  return {
    given(events: Event[]) {
      return {
        when(command: Command, context: Partial<DecisionContext<Deps>> = {}): Then<Event> {
          const run = (): Event[] => {
            const state = events.reduce((s, e, i) => decider.evolve(s, e, recorded(i)), decider.initialState());
            return decider.decide(command, state, { ...defaults(), ...context });
          };
          return {
            then: (expected) => expect(run()).toEqual(expected),
            thenNothing: () => expect(run()).toEqual([]),
            events: run,
            thenThrows(code, kind) {
              let events: Event[];
              try {
                events = run();
              } catch (error) {
                if (!(error instanceof DomainError)) throw error;
                expect({ code: error.code, kind: kind ?? error.kind }).toEqual({ code, kind: error.kind });
                return error;
              }
              throw new Error(`expected DomainError ${code}, but the decider emitted ${JSON.stringify(events.map((e) => e.type))}`);
            },
          };
        },
      };
    },
  };
}
