/**
 * The event store port (DESIGN §2). Both adapters — embedded SQLite and EventStoreDB —
 * implement it and pass the same contract suite (test/event-store/contract.ts).
 */

/** Opaque, totally ordered by plain string comparison (adapters encode fixed-width). */
export type GlobalPosition = string;

/** Where a reader starts: before everything, or just after a known position. */
export const START: GlobalPosition = '';

export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface EventMetadata {
  actor: { id: string; name: string };
  unit: string;
  role: string;
  commandId: string;
  correlationId: string;
  causationId: string;
  /** Type of the command that wrote the event. */
  commandType?: string;
  /**
   * SHA-256 of the command (command-fingerprint.ts), on commands sent with an Idempotency-Key:
   * a retry is answered from the stream only if it matches. Absent on events written before it.
   */
  commandFingerprint?: string;
  /** Hash chain (第五章 security issue); absent on events written before it existed. */
  prevHash?: string;
  hash?: string;
  [extra: string]: unknown;
}

/** What a caller hands to `appendToStream`. Data is plain JSON: no bigint, no Date. */
export interface EventToAppend {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** ISO-8601 instant; the command handler sets it from its clock so hashes can cover it. */
  recordedAt: string;
}

export interface StoredEvent extends EventToAppend {
  streamId: string;
  /** 0-based revision within the stream. */
  revision: number;
  globalPosition: GlobalPosition;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: number;
  /** Position of the last appended event. */
  position: GlobalPosition;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. START (or omitted) reads from the beginning. */
  fromPosition?: GlobalPosition;
  maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive, like readAll. */
  fromPosition?: GlobalPosition;
}

/** Catch-up then live. Iterate with `for await`; `close()` ends the iteration. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
  /** A missing stream reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** One page, in global order. Call again with the last position to page on. */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the newest event, or START when empty. */
  headPosition(): Promise<GlobalPosition>;
  /** Throws StoreUnavailableError when the store cannot serve requests. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');
