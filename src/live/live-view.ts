import type { GlobalPosition } from '../event-store/event-store.port';
import type { LiveBatch } from './live-batch';

/** A message derived from events: `id` is the global position of the last event it reflects. */
export interface DerivedMessage {
  event: string;
  id: GlobalPosition;
  data: unknown;
}

/**
 * One connection's view of a projection. The session calls `snapshot` (read now, after the
 * read models reached the position it is sent with), then `derive` for every batch of events
 * after that position, in order. Derived data is read from the read models *after* they
 * applied the batch, so a message may show a state newer than its id; applying messages in
 * order is idempotent, which is what makes resuming from any id exact.
 */
export interface LiveCursor {
  snapshot(): Promise<unknown>;
  /** Messages for the batch, ids ascending; none when nothing this connection may see changed. */
  derive(batch: LiveBatch): Promise<DerivedMessage[]>;
  /** Time-driven re-read (colours move with the clock); undefined when nothing changed. */
  refresh?(): Promise<{ event: string; data: unknown } | undefined>;
}
