import type { EventStore, GlobalPosition } from '../event-store/event-store.port';

export interface Lag {
  events: number;
  /** False when the count stopped at the cap (a store whose positions are not event counts). */
  exact: boolean;
}

const EMBEDDED = /^\d{16}$/;

/**
 * Events after `from` up to `to`. Embedded positions are consecutive row ids, so a
 * subtraction is exact; other stores' positions are byte offsets, so we count, up to a cap.
 */
export async function eventsBetween(store: EventStore, from: GlobalPosition, to: GlobalPosition, cap = 1000): Promise<Lag> {
  if (to <= from) return { events: 0, exact: true };
  if ((from === '' || EMBEDDED.test(from)) && EMBEDDED.test(to)) return { events: Number(to) - Number(from || 0), exact: true };
  let counted = 0;
  for (let after = from; counted < cap; ) {
    const page = await store.readAll({ fromPosition: after, maxCount: Math.min(500, cap - counted) });
    const within = page.filter((e) => e.globalPosition <= to);
    counted += within.length;
    if (within.length < page.length || page.length === 0) return { events: counted, exact: true };
    after = page[page.length - 1]!.globalPosition;
  }
  return { events: counted, exact: false };
}

export const formatLag = (lag: Lag | null): string => (lag === null ? '—' : `${lag.exact ? '' : '≥'}${lag.events}`);
