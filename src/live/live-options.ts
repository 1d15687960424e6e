/** Tunables of the live streams; tests and the bench override them through the LIVE_OPTIONS provider. */
export interface LiveOptions {
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** The `retry:` the browser waits before reconnecting. */
  retryMs: number;
  /** Bytes queued on one socket (Node buffer + socket) before the client counts as slow and is dropped. */
  maxBufferedBytes: number;
  /** Events a connection may hold back (live batches waiting behind its catch-up or a slow socket). */
  maxPendingEvents: number;
  /** Events per store page while a reconnecting client catches up. */
  catchUpPageSize: number;
  /** How long catch-up waits for a full socket to drain before dropping the client. */
  drainTimeoutMs: number;
  /** Events the shared feed reads ahead while the read models catch up. */
  maxBatchEvents: number;
  /**
   * Under sustained load, batches are handed out at most this often, so each view is read once
   * per window rather than once per event; an event after a quiet spell goes out at once.
   */
  batchWindowMs: number;
  /** Overdue/soon-due colours move with time alone: views are re-read this often (0: never). */
  refreshMs: number;
  /** A dropped socket that does not take its close message within this time is destroyed. */
  closeGraceMs: number;
}

export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  heartbeatMs: 15_000,
  retryMs: 2_000,
  maxBufferedBytes: 1024 * 1024,
  maxPendingEvents: 20_000,
  catchUpPageSize: 500,
  drainTimeoutMs: 10_000,
  maxBatchEvents: 2_000,
  batchWindowMs: 10,
  refreshMs: 60_000,
  closeGraceMs: 5_000,
};
