import { jsonEvent, type EventData } from '@eventstore/db-client';
import type { EventMetadata, EventToAppend, GlobalPosition, StoredEvent } from '../event-store.port';

/** A value the adapter refuses to hand to the client, with the path of the offending field. */
export class EventSerializationError extends TypeError {
  constructor(readonly what: string, readonly path: string, reason: string) {
    super(`${what}${path} ${reason}`);
    this.name = 'EventSerializationError';
  }
}

// Lower-case only: the server stores ids as GUIDs and hands them back lower-case.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * JSON text of `value`, refusing a bigint with the path where it sits. We serialise before
 * calling the client: a bigint reaching the client's own JSON.stringify inside its batch
 * append throws in a detached async callback, and the append promise never settles.
 */
export function toJsonText(value: unknown, what: string): string {
  const paths = new WeakMap<object, string>();
  let text: string | undefined;
  try {
    text = JSON.stringify(value, function (this: object, key: string, v: unknown) {
      const parent = paths.get(this) ?? '';
      const path = key === '' && !paths.has(this) ? '' : Array.isArray(this) ? `${parent}[${key}]` : `${parent}.${key}`;
      if (typeof v === 'bigint') {
        throw new EventSerializationError(what, path, `is a bigint (${v}n): JSON has no bigint; convert it to a string or a number before appending`);
      }
      if (v !== null && typeof v === 'object') paths.set(v, path);
      return v;
    });
  } catch (error) {
    if (error instanceof EventSerializationError) throw error;
    throw new EventSerializationError(what, '', `cannot be serialised as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new EventSerializationError(what, '', 'is not a JSON value');
  return text;
}

/** What the metadata bytes hold: the port's envelope fields plus EventStoreDB's own correlation keys. */
interface StoredEnvelope {
  $correlationId: string;
  $causationId: string;
  schemaVersion: number;
  recordedAt: string;
  metadata: EventMetadata;
}

/** The client's event for one port event; the caller's eventId is passed through unchanged. */
export function toEventData(event: EventToAppend): EventData {
  if (!UUID.test(event.eventId)) throw new EventSerializationError('eventId', '', `must be a lower-case UUID, got ${JSON.stringify(event.eventId)}`);
  if (!event.type || event.type.startsWith('$')) {
    throw new EventSerializationError('type', '', `must be non-empty and not start with "$" (reserved for system events), got ${JSON.stringify(event.type)}`);
  }
  if (event.data === null || typeof event.data !== 'object' || Array.isArray(event.data)) {
    throw new EventSerializationError('data', '', 'must be a JSON object');
  }
  const dataText = toJsonText(event.data, 'data');
  const envelope: StoredEnvelope = {
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
    schemaVersion: event.schemaVersion,
    recordedAt: event.recordedAt,
    metadata: event.metadata,
  };
  const metadataText = toJsonText(envelope, 'metadata');
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    // Re-parsed from our own text: a plain JSON value the client's stringify cannot choke on,
    // sent as application/json so the server and its UI treat it as JSON.
    data: JSON.parse(dataText) as Record<string, unknown>,
    // A plain Uint8Array is sent as-is (the client checks the exact constructor).
    metadata: Uint8Array.from(Buffer.from(metadataText, 'utf8')),
  });
}

/** The parts of the client's RecordedEvent we read. */
export interface RecordedLike {
  id: string;
  type: string;
  revision: bigint;
  data: unknown;
  metadata?: unknown;
  created: Date;
}

/** A stored event from a recorded one; tolerant of events written by other tools. */
export function fromRecorded(recorded: RecordedLike, streamId: string, revision: number, position: GlobalPosition): StoredEvent {
  const envelope = asEnvelope(parseJson(recorded.metadata));
  return {
    streamId,
    revision,
    globalPosition: position,
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: envelope?.schemaVersion ?? 1,
    data: asObject(parseJson(recorded.data)),
    metadata: envelope?.metadata ?? (asObject(parseJson(recorded.metadata)) as unknown as EventMetadata),
    recordedAt: envelope?.recordedAt ?? recorded.created.toISOString(),
  };
}

function parseJson(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  // ArrayBuffer.isView rather than instanceof: the bytes may come from another realm (jest's vm).
  if (typeof value === 'string' || ArrayBuffer.isView(value)) {
    const text = typeof value === 'string' ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
    try {
      return JSON.parse(text);
    } catch {
      return { _unparsed: text };
    }
  }
  return value;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function asEnvelope(value: unknown): StoredEnvelope | undefined {
  const v = asObject(value);
  return typeof v.schemaVersion === 'number' && typeof v.recordedAt === 'string' && v.metadata !== null && typeof v.metadata === 'object'
    ? (v as unknown as StoredEnvelope)
    : undefined;
}
