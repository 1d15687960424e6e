import type { ExpectedRevision } from './event-store.port';

/** Base of the store's typed errors, so the HTTP layer can map them without string matching. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream's revision is not what the caller expected. */
export class ConcurrencyError extends EventStoreError {
  readonly code = 'CONCURRENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

/** Event ids already stored somewhere other than this exact append. */
export class DuplicateEventIdError extends EventStoreError {
  readonly code = 'DUPLICATE_EVENT_ID';
  constructor(readonly streamId: string, readonly eventIds: string[]) {
    super(`stream ${streamId}: event ids already stored elsewhere: ${eventIds.join(', ')}`);
  }
}

export class StreamNotFoundError extends EventStoreError {
  readonly code = 'STREAM_NOT_FOUND';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
  }
}

/** Disk full, read-only, locked for too long, server unreachable. Maps to 503. */
export class StoreUnavailableError extends EventStoreError {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
