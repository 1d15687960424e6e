import { itemsTouched, type LiveBatch } from '../live-batch';
import type { DashboardSummary, LiveQueries, UnitScope } from '../live-queries';
import type { DerivedMessage, LiveCursor } from '../live-view';
import { summaryDelta, wholeSummary } from './summary-delta';

/**
 * Dashboard summary: counters by colour and status per unit, on-time rates per unit. The
 * snapshot is whole; then one `summary` per batch that touched a tracked item, only when what
 * this connection sees changed, carrying just the changed unit rows (see SummaryUpdate); its
 * id is the batch's last such event. Connections with one scope share the read, the diff and
 * the serialised message.
 */
export class SummaryCursor implements LiveCursor {
  /** The last summary this connection was sent (whole, or as the diff up to it). */
  private last?: DashboardSummary;
  private readonly key: string;

  constructor(
    private readonly queries: LiveQueries,
    private readonly scope: UnitScope,
  ) {
    this.key = `summary:${scope.units ? [...scope.units].sort().join(',') : '*'}`;
  }

  async snapshot(): Promise<DashboardSummary> {
    this.last = await this.queries.summary(this.scope);
    return this.last;
  }

  async derive(batch: LiveBatch): Promise<DerivedMessage[]> {
    const touched = itemsTouched(batch.events);
    if (touched.length === 0) return [];
    const id = touched[touched.length - 1]!.last;
    const next = await batch.once(this.key, () => this.queries.summary(this.scope));
    const data = this.update(next);
    if (!data) return [];
    // Connections of one scope get the same update object, hence one message, serialised once.
    return [message(id, data)];
  }

  /** Colours move with the clock alone. */
  async refresh(): Promise<{ event: string; data: unknown } | undefined> {
    const data = this.update(await this.queries.summary(this.scope));
    return data ? { event: 'summary', data } : undefined;
  }

  private update(next: DashboardSummary) {
    const data = this.last ? summaryDelta(this.last, next) : wholeSummary(next);
    if (data) this.last = next;
    return data;
  }
}

/** Update objects are shared per (previous, next) pair, so their message is too. */
const messages = new WeakMap<object, DerivedMessage>();

function message(id: string, data: object): DerivedMessage {
  let m = messages.get(data);
  if (!m) messages.set(data, (m = { event: 'summary', id, data }));
  return m;
}
