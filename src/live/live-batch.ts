import type { GlobalPosition, StoredEvent } from '../event-store/event-store.port';
import type { Source } from './live-queries';

/**
 * Consecutive events from the store, handed to every connection's view. Read-model lookups a
 * view makes for a batch go through `once`, so a hundred connections cost one query.
 */
export class LiveBatch {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly events: readonly StoredEvent[]) {}

  get last(): GlobalPosition {
    return this.events[this.events.length - 1]!.globalPosition;
  }

  once<T>(key: string, compute: () => Promise<T> | T): Promise<T> {
    let value = this.cache.get(key) as Promise<T> | undefined;
    if (!value) {
      value = Promise.resolve().then(compute);
      this.cache.set(key, value);
    }
    return value;
  }
}

/** A tracked item's stream: `document-<id>`, `issuance-<id>` or `proposal-<id>`. */
export interface ItemRef {
  streamId: string;
  source: Source;
  id: string;
}

const SOURCES: readonly Source[] = ['document', 'issuance', 'proposal'];

export function itemOf(streamId: string): ItemRef | undefined {
  const dash = streamId.indexOf('-');
  const source = streamId.slice(0, dash) as Source;
  return dash > 0 && SOURCES.includes(source) ? { streamId, source, id: streamId.slice(dash + 1) } : undefined;
}

/** Tracked items the events touched, each with the position of its last event, in that order. */
export function itemsTouched(events: readonly StoredEvent[]): Array<ItemRef & { last: GlobalPosition }> {
  const touched = new Map<string, ItemRef & { last: GlobalPosition }>();
  for (const event of events) {
    const known = touched.get(event.streamId);
    const item = known ?? itemOf(event.streamId);
    if (!item) continue;
    touched.delete(event.streamId); // re-inserted: Map order follows the last touch
    touched.set(event.streamId, { ...item, last: event.globalPosition });
  }
  return [...touched.values()];
}
