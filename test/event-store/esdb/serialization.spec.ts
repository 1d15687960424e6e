import { anEvent } from '../../support/events';
import { EventSerializationError, fromRecorded, toEventData, toJsonText } from '../../../src/event-store/esdb/serialization';

const decodeBytes = (bytes: unknown) => JSON.parse(Buffer.from(bytes as Uint8Array).toString('utf8'));

describe('EventStoreDB serialisation', () => {
  it("passes the caller's event id through unchanged and sends JSON", () => {
    const event = anEvent(3);
    const data = toEventData(event);
    expect(data.id).toBe(event.eventId);
    expect(data.type).toBe('test.happened');
    expect(data.contentType).toBe('application/json');
    expect(data.data).toEqual(event.data);
  });

  it('sends metadata as plain bytes we serialised: the envelope plus $correlationId/$causationId', () => {
    const event = anEvent(1);
    const { metadata } = toEventData(event);
    // The client sends bytes as-is only for an exact Uint8Array; anything else it stringifies itself.
    expect((metadata as Uint8Array).constructor).toBe(Uint8Array);
    expect(decodeBytes(metadata)).toEqual({
      $correlationId: 'c-1',
      $causationId: 'c-1',
      schemaVersion: 1,
      recordedAt: event.recordedAt,
      metadata: event.metadata,
    });
  });

  it('rejects a bigint in data with a clear error naming where it is', () => {
    const event = anEvent(0, { data: { amount: { total: 10n } } as never });
    expect(() => toEventData(event)).toThrow(EventSerializationError);
    expect(() => toEventData(event)).toThrow('data.amount.total is a bigint (10n)');
  });

  it('rejects a bigint inside an array and inside metadata', () => {
    expect(() => toJsonText({ list: [1, 2n] }, 'data')).toThrow('data.list[1] is a bigint');
    const event = anEvent(0);
    (event.metadata as Record<string, unknown>).sequence = 5n;
    expect(() => toEventData(event)).toThrow('metadata.metadata.sequence is a bigint');
  });

  it('rejects what cannot round-trip: cycles, non-objects, non-UUID ids, system types', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJsonText(cyclic, 'data')).toThrow(EventSerializationError);
    expect(() => toEventData(anEvent(0, { data: [] as never }))).toThrow('data must be a JSON object');
    expect(() => toEventData(anEvent(0, { eventId: 'not-a-uuid' }))).toThrow('eventId must be a lower-case UUID');
    expect(() => toEventData(anEvent(0, { eventId: 'A0000000-0000-4000-8000-000000000000' }))).toThrow('lower-case UUID');
    expect(() => toEventData(anEvent(0, { type: '$metadata' }))).toThrow('reserved for system events');
  });

  it('reads back exactly what was written', () => {
    const event = anEvent(9);
    const sent = toEventData(event);
    const stored = fromRecorded(
      { id: sent.id, type: sent.type, revision: 4n, data: sent.data, metadata: decodeBytes(sent.metadata), created: new Date() },
      'document-1',
      4,
      'p',
    );
    expect(stored).toEqual({ ...event, streamId: 'document-1', revision: 4, globalPosition: 'p' });
  });

  it('reads events written by other tools: raw bytes, no envelope', () => {
    const created = new Date('2026-01-02T03:04:05.000Z');
    const stored = fromRecorded(
      { id: 'x', type: 'imported', revision: 0n, data: new Uint8Array(Buffer.from('{"a":1}')), metadata: undefined, created },
      's',
      0,
      'p',
    );
    expect(stored).toMatchObject({ data: { a: 1 }, schemaVersion: 1, recordedAt: created.toISOString(), metadata: {} });
    const garbled = fromRecorded({ id: 'x', type: 't', revision: 0n, data: new Uint8Array([0xff]), created }, 's', 0, 'p');
    expect(garbled.data).toHaveProperty('_unparsed');
  });
});
