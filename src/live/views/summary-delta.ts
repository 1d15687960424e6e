import type { DashboardSummary } from '../live-queries';

type Row = { unit: string };

/**
 * A `summary` update. `partial: false`: the whole summary. `partial: true`: the header
 * (totals, window, labels) plus only the unit rows that changed since the previous summary
 * this connection received; rows that disappeared are listed in `removed`.
 */
export type SummaryUpdate = Omit<DashboardSummary, 'units' | 'performance'> & {
  partial: boolean;
  units: DashboardSummary['units'];
  performance: DashboardSummary['performance'];
  removed?: { units: string[]; performance: string[] };
};

const full = new WeakMap<DashboardSummary, SummaryUpdate>();
const deltas = new WeakMap<DashboardSummary, WeakMap<DashboardSummary, SummaryUpdate | null>>();
const prints = new WeakMap<object, string>();

/** Computed once per summary object, however many connections share it. */
function print(value: object): string {
  let text = prints.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    prints.set(value, text);
  }
  return text;
}

export function wholeSummary(next: DashboardSummary): SummaryUpdate {
  let update = full.get(next);
  if (!update) full.set(next, (update = { ...next, partial: false }));
  return update;
}

/** What changed from `prev` to `next` (ignoring `asOf`); null when nothing did. Cached per pair. */
export function summaryDelta(prev: DashboardSummary, next: DashboardSummary): SummaryUpdate | null {
  let byPrev = deltas.get(next);
  if (!byPrev) deltas.set(next, (byPrev = new WeakMap()));
  if (byPrev.has(prev)) return byPrev.get(prev)!;
  const units = changedRows(prev.units, next.units);
  const performance = changedRows(prev.performance, next.performance);
  const { asOf: _a, units: _u, performance: _p, ...header } = next;
  const { asOf: _b, units: _v, performance: _q, ...before } = prev;
  const same = units.changed.length + performance.changed.length + units.removed.length + performance.removed.length === 0 && print(header) === print(before);
  const update = same
    ? null
    : { ...header, asOf: next.asOf, partial: true, units: units.changed, performance: performance.changed, removed: { units: units.removed, performance: performance.removed } };
  byPrev.set(prev, update as SummaryUpdate | null);
  return update as SummaryUpdate | null;
}

function changedRows<R extends Row>(before: R[], after: R[]): { changed: R[]; removed: string[] } {
  const old = new Map(before.map((r) => [r.unit, print(r)]));
  const changed = after.filter((r) => old.get(r.unit) !== print(r));
  const present = new Set(after.map((r) => r.unit));
  return { changed, removed: [...old.keys()].filter((u) => !present.has(u)) };
}
