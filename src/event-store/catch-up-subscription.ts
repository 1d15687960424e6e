import type { GlobalPosition, StoredEvent, Subscription } from './event-store.port';

export interface CatchUpSource {
  /** Events strictly after `after`, at most `max`, in global order. */
  readPage(after: GlobalPosition, max: number): Promise<StoredEvent[]>;
  /** Resolves on the next commit (or after a poll interval, for writers in other processes). */
  waitForAppend(signal: AbortSignal): Promise<void>;
}

/**
 * Catch-up then live over any store that can page through its log. The position only moves
 * forward after an event was handed to the consumer, so the switch from catch-up to live
 * neither skips nor repeats an event.
 */
export function catchUpSubscription(source: CatchUpSource, from: GlobalPosition, pageSize = 500): Subscription {
  const closing = new AbortController();
  let position = from;

  async function* iterate(): AsyncGenerator<StoredEvent> {
    while (!closing.signal.aborted) {
      const page = await source.readPage(position, pageSize);
      for (const event of page) {
        if (closing.signal.aborted) return;
        position = event.globalPosition;
        yield event;
      }
      if (page.length < pageSize) await source.waitForAppend(closing.signal);
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closing.abort();
      await iterator.return(undefined);
    },
  };
}
