import type { Actor, Decider, DomainEvent, RecordedInfo } from '../../src/domain/decider';
import { DomainError, type DomainErrorKind } from '../../src/domain/domain-error';

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

/** given(events).when(command, actor, now).then(events) | .thenRefused({ kind, code, article }). */
export function deciderSpec<S, C, E extends DomainEvent, D>(decider: Decider<S, C, E, D>, deps: D, defaultNow: string) {
  const fold = (events: E[]): S => events.reduce((s, e, i) => decider.evolve(s, e, recorded(i)), decider.initialState());
  const given = (events: E[]) => ({
    when(command: C, actor: Actor, now: string = defaultNow) {
      const run = () => decider.decide(command, fold(events), { now: new Date(now), actor, deps });
      return {
        /** Exact events (toEqual) — or a partial shape per event (toMatchObject). */
        then(expected: Array<{ type: string; data?: unknown }>, partial = false): E[] {
          const actual = run();
          if (partial) expect(actual).toMatchObject(expected);
          else expect(actual).toEqual(expected);
          return actual;
        },
        events: run,
        thenRefused(refusal: Refusal): DomainError {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          const e = error as DomainError;
          expect({ kind: e.kind, code: e.code, ...(refusal.article ? { article: e.article } : {}) }).toEqual(refusal);
          expect(e.message).toMatch(/[\u4e00-\u9fa5]/); // a Chinese message
          return e;
        },
      };
    },
  });
  return { given, fold };
}
