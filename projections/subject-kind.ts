import type { StoredEvent } from '../src/event-store/event-store.port';
import { endOfShanghaiDay } from '../src/calendar/deadline-policy';
import type { Obligation, Source } from './obligation-vocabulary';

/** What the dashboard counts and the obligation rows repeat about a tracked item. */
export interface SubjectInfo {
  title: string | null;
  /** Document kind (请示 …), 发文 category or proposal kind, as a code. */
  kind: string | null;
  /** The unit responsible for it now ('' when none yet). */
  unit: string;
  status: string;
  handlingClass: string | null;
}

/**
 * One kind of tracked stream for the obligations projection: a compact state folded with the
 * domain's own evolve, and what is owed in that state. Obligations are derived from state, so
 * covering a new kind of deadline is a matter of adding it here.
 */
export interface SubjectKind<S> {
  source: Source;
  eventTypes: readonly string[];
  initial(): S;
  evolve(state: S, event: StoredEvent): S;
  /**
   * What is stored between batches: drops what neither evolve nor the obligations read (1M
   * items each keep one row). Applied once per item and batch, so `info` and `obligations`
   * must give the same from a compacted state as from the full one (they clip texts as it
   * does): the versions met in the middle of a batch come from the full state.
   */
  compact(state: S): S;
  info(state: S): SubjectInfo;
  obligations(state: S): Obligation[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The end of a Shanghai day, or undefined for anything that is not a valid date. */
export function endOfDay(date: unknown): string | undefined {
  if (typeof date !== 'string' || !DATE.test(date)) return undefined;
  try {
    return endOfShanghaiDay(date);
  } catch {
    return undefined;
  }
}

/** Due fields from a stored Deadline (or anything shaped like one). */
export function dueOf(deadline: { dueAt?: unknown; dueDate?: unknown } | undefined): Pick<Obligation, 'dueAt' | 'dueDate'> {
  if (!deadline || typeof deadline.dueAt !== 'string' || typeof deadline.dueDate !== 'string') return {};
  return { dueAt: deadline.dueAt, dueDate: deadline.dueDate };
}

/** At most `max` characters, for details and key data. */
export const clip = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
