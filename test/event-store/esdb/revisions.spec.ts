import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { fromBigRevision, fromCurrentRevision, toBigRevision, toExpectedRevision } from '../../../src/event-store/esdb/revisions';

describe('EventStoreDB revisions', () => {
  it('map numbers to bigint and back', () => {
    expect(toBigRevision(0)).toBe(0n);
    expect(toBigRevision(41)).toBe(41n);
    expect(fromBigRevision(41n)).toBe(41);
    expect(fromBigRevision(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuse what a port revision cannot be', () => {
    expect(() => toBigRevision(-1)).toThrow(RangeError);
    expect(() => toBigRevision(1.5)).toThrow(RangeError);
    expect(() => toBigRevision(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => fromBigRevision(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => fromBigRevision(-1n)).toThrow(RangeError);
  });

  it('send an exact revision as a bigint and no_stream as NO_STREAM (the durable, idempotent forms)', () => {
    expect(toExpectedRevision(0)).toBe(0n);
    expect(toExpectedRevision(7)).toBe(7n);
    expect(toExpectedRevision('no_stream')).toBe(NO_STREAM);
  });

  it("map 'any' and 'stream_exists' to the client's ANY and STREAM_EXISTS", () => {
    expect(toExpectedRevision('any')).toBe(ANY);
    expect(toExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
  });

  it("read the server's current revision in a conflict", () => {
    expect(fromCurrentRevision(3n)).toBe(3);
    expect(fromCurrentRevision('no_stream')).toBe('no_stream');
    expect(fromCurrentRevision(-1n)).toBe('no_stream'); // the unary append reports -1 for a missing stream
    expect(fromCurrentRevision(undefined)).toBe('no_stream');
  });
});
