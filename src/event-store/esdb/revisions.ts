import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision } from '@eventstore/db-client';
import type { ExpectedRevision } from '../event-store.port';

/** The port's revision (a safe integer) as the client's bigint. */
export function toBigRevision(revision: number): bigint {
  if (!Number.isSafeInteger(revision) || revision < 0) {
    throw new RangeError(`a stream revision must be a non-negative safe integer, got ${String(revision)}`);
  }
  return BigInt(revision);
}

/** The client's bigint revision as the port's number; refuses values a number cannot hold exactly. */
export function fromBigRevision(revision: bigint): number {
  if (revision < 0n || revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`stream revision ${revision} does not fit the port's number`);
  }
  return Number(revision);
}

/**
 * Only an exact revision and NO_STREAM give durable server-side idempotency: the server
 * compares the re-sent event ids with what is stored at those revisions. For ANY and
 * STREAM_EXISTS it only consults a bounded in-memory cache of recent ids, so a retried
 * append may be written twice after a restart or once the cache has moved on. Command
 * handlers therefore always send an exact revision or 'no_stream'.
 */
export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return toBigRevision(expected);
  }
}

/** The revision the server reported in a conflict, in the port's terms. */
export function fromCurrentRevision(current: bigint | 'no_stream' | undefined): number | 'no_stream' {
  if (current === undefined || current === 'no_stream' || current < 0n) return 'no_stream';
  return fromBigRevision(current);
}
