import type { LiveBatch } from '../live-batch';
import type { LiveQueries, Source, TimelineRow, UnitScope } from '../live-queries';
import type { DerivedMessage, LiveCursor } from '../live-view';

/**
 * One item's history: the snapshot holds every entry so far; then one `entry` per event of
 * the item, with that event's position as id. Entries the snapshot already held (the history
 * is folded from the event store, which may be ahead of the snapshot's id) are not sent again.
 */
export class TimelineCursor implements LiveCursor {
  private covered = -1;
  private readonly streamId: string;

  constructor(
    private readonly queries: LiveQueries,
    private readonly source: Source,
    private readonly id: string,
    private readonly scope: UnitScope,
  ) {
    this.streamId = `${source}-${id}`;
  }

  async snapshot(): Promise<{ source: Source; documentId: string; entries: TimelineRow[] }> {
    const entries = (await this.queries.timeline(this.source, this.id, this.scope)) ?? [];
    for (const entry of entries) this.covered = Math.max(this.covered, entry.revision);
    return { source: this.source, documentId: this.id, entries };
  }

  async derive(batch: LiveBatch): Promise<DerivedMessage[]> {
    const mine = batch.events.filter((e) => e.streamId === this.streamId && e.revision > this.covered);
    if (mine.length === 0) return [];
    const key = `timeline:${this.streamId}:${this.scope.units?.join(',') ?? '*'}`;
    const entries = (await batch.once(key, () => this.queries.timeline(this.source, this.id, this.scope))) ?? [];
    const byRevision = new Map(entries.map((entry) => [entry.revision, entry]));
    const messages: DerivedMessage[] = [];
    for (const event of mine) {
      const entry = byRevision.get(event.revision);
      if (entry) messages.push({ event: 'entry', id: event.globalPosition, data: { source: this.source, documentId: this.id, ...entry } });
      this.covered = event.revision;
    }
    return messages;
  }
}
