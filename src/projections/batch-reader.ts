import type { StoredEvent } from '../event-store/event-store.port';

export interface Batch {
  events: StoredEvent[];
  /** Nothing more was immediately available: the reader has caught up with the store (for now). */
  idle: boolean;
  /** The subscription ended. */
  done: boolean;
}

type Settled = { result: IteratorResult<StoredEvent> } | { error: unknown };

/**
 * Cuts a subscription into batches without delaying live events. Catch-up pages resolve in
 * microtasks only, so a `setImmediate` that fires while the next event is still pending means
 * the subscription is waiting for new appends: the batch is flushed then instead of waiting
 * to fill up. A full batch is flushed at once.
 *
 * Callback-driven on purpose: racing a timer promise against every event (Promise.race)
 * cost more than reading and parsing the event.
 */
export class BatchReader {
  private inflight = false;
  /** Results that arrived after a batch closed, for the next one. */
  private readonly ready: Settled[] = [];
  private sink?: (settled: Settled) => void;
  private idle = false;
  private readonly onResult = (result: IteratorResult<StoredEvent>) => this.deliver({ result });
  private readonly onError = (error: unknown) => this.deliver({ error });

  constructor(
    private readonly source: AsyncIterator<StoredEvent>,
    private readonly maxBatch: number,
  ) {}

  next(): Promise<Batch> {
    return new Promise<Batch>((resolve, reject) => {
      const events: StoredEvent[] = [];
      // Idleness was already reported: now wait as long as it takes for the first event.
      const blockForFirst = this.idle;
      let open = true;
      const close = (idle: boolean, done: boolean) => {
        open = false;
        this.sink = undefined;
        this.idle = idle;
        resolve({ events, idle, done });
      };
      const flushWhenIdle = () => setImmediate(() => open && close(true, false));
      /** True when the batch wants more. */
      const take = (settled: Settled): boolean => {
        if ('error' in settled) {
          open = false;
          this.sink = undefined;
          reject(settled.error);
          return false;
        }
        if (settled.result.done) {
          close(true, true);
          return false;
        }
        events.push(settled.result.value);
        if (events.length >= this.maxBatch) {
          close(false, false);
          return false;
        }
        if (blockForFirst && events.length === 1) flushWhenIdle();
        return true;
      };
      const buffered = this.ready.shift();
      if (buffered && !take(buffered)) return;
      if (!blockForFirst) flushWhenIdle();
      this.sink = (settled) => take(settled) && this.pull();
      this.pull();
    });
  }

  private pull(): void {
    if (this.inflight) return;
    this.inflight = true;
    this.source.next().then(this.onResult, this.onError);
  }

  private deliver(settled: Settled): void {
    this.inflight = false;
    if (this.sink) this.sink(settled);
    else this.ready.push(settled);
  }
}
