import { itemsTouched, type LiveBatch } from '../live-batch';
import type { LiveQueries, OutstandingFilter, OutstandingRow, Source, UnitScope } from '../live-queries';
import type { DerivedMessage, LiveCursor } from '../live-view';

/** At most this many rows in a snapshot (the most overdue first); `truncated` says when cut. */
export const SNAPSHOT_LIMIT = 500;

/**
 * Overdue (红) and soon-due (黄) obligations. The snapshot lists them; afterwards one `change`
 * per batch lists every touched item with its complete current list for this connection
 * (empty: remove it); its id is the batch's last event. Items outside the filter or the
 * reader's scope are not mentioned at all. Connections with the same filter and scope share
 * the reads and the message (serialised once).
 */
export class OutstandingCursor implements LiveCursor {
  private last?: string;
  private readonly key: string;

  constructor(
    private readonly queries: LiveQueries,
    private readonly filter: OutstandingFilter,
    private readonly scope: UnitScope,
  ) {
    this.key = JSON.stringify([filter.unit ?? '', filter.leader ?? '', scope.units ? [...scope.units].sort() : '*']);
  }

  async snapshot() {
    const { items, truncated } = await this.queries.outstanding(this.filter, this.scope, SNAPSHOT_LIMIT);
    this.last = JSON.stringify(items);
    return { filter: this.filter, items, truncated };
  }

  async derive(batch: LiveBatch): Promise<DerivedMessage[]> {
    this.last = undefined; // the list may have moved: the next time-driven refresh sends it whole
    return batch.once(`outstanding:${this.key}`, () => this.changes(batch));
  }

  private async changes(batch: LiveBatch): Promise<DerivedMessage[]> {
    const touched = itemsTouched(batch.events);
    if (touched.length === 0) return [];
    const rows = await this.queries.outstandingOf(touched.map((t) => t.streamId), this.filter, this.scope);
    const documents: Array<{ source: string; documentId: string; items: OutstandingRow[] }> = [];
    let last = '';
    for (const item of touched) {
      const items = rows.get(item.streamId) ?? [];
      if (items.length === 0 && !(await this.concernsMe(batch, item.source, item.id))) continue;
      documents.push({ source: item.source, documentId: item.id, items });
      last = item.last;
    }
    return documents.length > 0 ? [{ event: 'change', id: last, data: { documents } }] : [];
  }

  /** Colours move with the clock alone: the whole list again when it differs. */
  async refresh(): Promise<{ event: string; data: unknown } | undefined> {
    const { items, truncated } = await this.queries.outstanding(this.filter, this.scope, SNAPSHOT_LIMIT);
    const json = JSON.stringify(items);
    if (json === this.last) return undefined;
    this.last = json;
    return { event: 'refresh', data: { filter: this.filter, items, truncated } };
  }

  /** Whether "nothing outstanding" for this item is news this connection may hear. */
  private async concernsMe(batch: LiveBatch, source: Source, id: string): Promise<boolean> {
    const { unit, leader } = this.filter;
    const units = this.scope.units;
    if (!unit && !leader && !units) return true;
    const concerns = await batch.once(`concerns:${source}-${id}`, () => this.queries.concerns(source, id));
    if (!concerns) return false;
    if (units && !concerns.units.some((u) => units.includes(u))) return false;
    if (unit && !concerns.units.includes(unit)) return false;
    if (leader && !concerns.leaders.includes(leader)) return false;
    return true;
  }
}
