import { START, type GlobalPosition, type StoredEvent, type Subscription } from '../event-store.port';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 10_000, factor: 2 };

/** Delay before the attempt-th consecutive resubscription (0-based), capped. */
export const backoffDelay = (attempt: number, backoff: Backoff): number =>
  Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);

/** One record from the server: its position, and our event unless it is skipped. */
export interface SourceItem {
  position: GlobalPosition;
  event: StoredEvent | undefined;
}

/** One server subscription, exclusive of `after`; ends or throws when the server drops it. */
export interface SourceSubscription extends AsyncIterable<SourceItem> {
  unsubscribe(): Promise<void>;
}

export type OpenSubscription = (after: GlobalPosition, onConfirmed: () => void) => SourceSubscription;
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface SubscriptionStatus {
  connected: boolean;
  lastError: string | undefined;
  /** Position of the last record handed on (or skipped); resubscription resumes after it. */
  lastPosition: GlobalPosition;
  resubscriptions: number;
}

export interface ResubscribingSubscription extends Subscription {
  status(): SubscriptionStatus;
}

export interface ResubscribeOptions {
  open: OpenSubscription;
  from: GlobalPosition;
  backoff?: Backoff;
  sleep?: Sleep;
  onError?: (error: Error, delayMs: number) => void;
}

export const abortableSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });

const CLOSED = Symbol('closed');

/**
 * A subscription that survives the server dropping it: on an error or an unexpected end it
 * resubscribes after the last position it handed on, with exponential backoff (reset once the
 * server confirms or delivers again). A record at or before that position is never handed on
 * twice, whatever the server re-sends. The server's stream is pulled one record at a time
 * (the for-await protocol, with close() raced in so a silent stream cannot hold it open).
 */
export function resubscribing(options: ResubscribeOptions): ResubscribingSubscription {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const sleep = options.sleep ?? abortableSleep;
  const closing = new AbortController();
  const closed = new Promise<typeof CLOSED>((resolve) => closing.signal.addEventListener('abort', () => resolve(CLOSED)));
  const state: SubscriptionStatus = { connected: false, lastError: undefined, lastPosition: options.from, resubscriptions: 0 };
  let attempt = 0;
  const healthy = () => {
    state.connected = true;
    attempt = 0;
  };

  async function* iterate(): AsyncGenerator<StoredEvent> {
    while (!closing.signal.aborted) {
      let failure: Error;
      const source = options.open(state.lastPosition, healthy);
      try {
        const records = source[Symbol.asyncIterator]();
        for (;;) {
          const next = records.next();
          next.catch(() => undefined); // may be abandoned on close
          const result = await Promise.race([next, closed]);
          if (result === CLOSED) return;
          if (result.done) {
            failure = new Error('EventStoreDB subscription ended unexpectedly');
            break;
          }
          healthy();
          const { position, event } = result.value;
          if (state.lastPosition !== START && position <= state.lastPosition) continue; // already handed on
          state.lastPosition = position;
          if (event) yield event;
        }
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
      } finally {
        await source.unsubscribe().catch(() => undefined);
      }
      if (closing.signal.aborted) return;
      state.connected = false;
      state.lastError = failure.message;
      const delay = backoffDelay(attempt++, backoff);
      options.onError?.(failure, delay);
      await sleep(delay, closing.signal);
      state.resubscriptions++;
    }
  }

  const iterator = iterate();
  return {
    [Symbol.asyncIterator]: () => iterator,
    status: () => ({ ...state }),
    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      state.connected = false;
      // The generator's finally unsubscribes, whether it waits on the server or on a consumer.
      await iterator.return(undefined);
    },
  };
}
