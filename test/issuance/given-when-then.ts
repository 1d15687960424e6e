import type { Actor, Decider, DomainEvent, RecordedInfo } from '../../src/domain/decider';
import type { DomainError, DomainErrorKind } from '../../src/domain/domain-error';
import { deciderSpecification } from '../support/decider-spec';

const recorded = (revision: number): RecordedInfo => ({
  revision,
  recordedAt: '2026-01-01T00:00:00.000Z',
  actor: { id: 'test', name: '测试' },
  unit: 'test',
  role: 'test',
});

export interface Refusal {
  kind: DomainErrorKind;
  code: string;
  article?: string;
}

const NOBODY: Actor = { id: 'nobody', name: '无', unit: 'none', roles: [] };

/**
 * The shared given/when/then (test/support/decider-spec.ts) with what these specs need on
 * top: the actor and time per `when`, partial matching, and refusals checked for their article.
 */
export function deciderSpec<S, C, E extends DomainEvent, D>(decider: Decider<S, C, E, D>, deps: D, defaultNow: string) {
  const shared = deciderSpecification(decider, () => ({ deps, now: new Date(defaultNow), actor: NOBODY }));
  const fold = (events: E[]): S => events.reduce((s, e, i) => decider.evolve(s, e, recorded(i)), decider.initialState());
  const given = (events: E[]) => ({
    when(command: C, actor: Actor, now: string = defaultNow) {
      const then = shared.given(events).when(command, { actor, now: new Date(now) });
      return {
        /** Exact events (toEqual) — or a partial shape per event (toMatchObject). */
        then(expected: Array<{ type: string; data?: unknown }>, partial = false): void {
          if (partial) expect(then.events()).toMatchObject(expected);
          else then.then(expected as E[]);
        },
        events: then.events,
        thenRefused(refusal: Refusal): DomainError {
          const error = then.thenThrows(refusal.code, refusal.kind);
          if (refusal.article) expect(error.article).toBe(refusal.article);
          expect(error.message).toMatch(/[\u4e00-\u9fa5]/); // a Chinese message
          return error;
        },
      };
    },
  });
  return { given, fold };
}
