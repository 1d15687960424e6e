import { LruMap } from '../common/lru-map';
import type { GlobalPosition } from '../event-store/event-store.port';

/**
 * A stream folded up to `revision`. History is immutable, so a snapshot never goes stale: it
 * is only ever a prefix, and the command path reads the events after it from the store (which
 * also brings in appends by other processes) before deciding.
 */
export interface StreamSnapshot<State = unknown> {
  state: State;
  /** Revision of the last folded event, -1 for a stream that does not exist yet. */
  revision: number;
  /** Global position of that event ('' for none): what a command that writes nothing answers. */
  position: GlobalPosition;
  /** metadata.hash of that event, the next event's prevHash. */
  lastHash: string | undefined;
  /**
   * A superset of the command ids stored up to `revision`: a hit sends an Idempotency-Key
   * through the full-stream read, a miss proves the command is new. Shared between a stream's
   * snapshots and only grown, which keeps it a superset for every one of them.
   */
  commandIds: Set<string>;
}

/** Least recently used snapshots per stream, at most `maxStreams` of them. */
export class StreamStateCache {
  private readonly entries: LruMap<string, StreamSnapshot>;

  constructor(maxStreams = 10_000) {
    this.entries = new LruMap(maxStreams);
  }

  get(streamId: string): StreamSnapshot | undefined {
    return this.entries.get(streamId);
  }

  /** Keeps the newer of the cached and the given snapshot (concurrent commands finish in any order). */
  put(streamId: string, snapshot: StreamSnapshot): void {
    const cached = this.entries.peek(streamId);
    if (!cached || cached.revision < snapshot.revision) this.entries.set(streamId, snapshot);
  }

  get size(): number {
    return this.entries.size;
  }
}
