import { itemsTouched, type LiveBatch } from '../live-batch';
import type { DashboardSummary, LiveQueries, UnitScope } from '../live-queries';
import type { DerivedMessage, LiveCursor } from '../live-view';

/**
 * Dashboard summary: counters by colour and status per unit, on-time rates per unit. One
 * `summary` per batch that touched a tracked item, only when what this connection sees
 * changed; its id is the batch's last such event. Connections with one scope share the read.
 */
export class SummaryCursor implements LiveCursor {
  private last?: string;
  private readonly key: string;

  constructor(
    private readonly queries: LiveQueries,
    private readonly scope: UnitScope,
  ) {
    this.key = `summary:${scope.units ? [...scope.units].sort().join(',') : '*'}`;
  }

  async snapshot(): Promise<DashboardSummary> {
    const data = await this.queries.summary(this.scope);
    this.last = fingerprint(data);
    return data;
  }

  async derive(batch: LiveBatch): Promise<DerivedMessage[]> {
    const touched = itemsTouched(batch.events);
    if (touched.length === 0) return [];
    const data = this.changed(await batch.once(this.key, () => this.queries.summary(this.scope)));
    return data ? [{ event: 'summary', id: touched[touched.length - 1]!.last, data }] : [];
  }

  /** Colours move with the clock alone. */
  async refresh(): Promise<{ event: string; data: unknown } | undefined> {
    const data = this.changed(await this.queries.summary(this.scope));
    return data ? { event: 'summary', data } : undefined;
  }

  private changed(data: DashboardSummary): DashboardSummary | undefined {
    const print = fingerprint(data);
    if (print === this.last) return undefined;
    this.last = print;
    return data;
  }
}

/** Everything but the moment it was computed. */
function fingerprint(data: DashboardSummary): string {
  const { asOf: _asOf, ...rest } = data;
  return JSON.stringify(rest);
}
