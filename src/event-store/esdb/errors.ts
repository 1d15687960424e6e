import type { ExpectedRevision } from '../event-store.port';
import { ConcurrencyError, StoreUnavailableError } from '../errors';
import { fromCurrentRevision } from './revisions';

// The client's error classes are matched by their `type` tag, not instanceof, so a second
// copy of the package (or a test double) cannot slip past the mapping.
const UNAVAILABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);
// gRPC status codes: CANCELLED, DEADLINE_EXCEEDED, ABORTED, UNAVAILABLE.
const UNAVAILABLE_CODES = new Set([1, 4, 10, 14]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);

interface ClientErrorShape {
  type?: unknown;
  code?: unknown;
  message?: unknown;
  actualVersion?: bigint | 'no_stream';
}

export function isWrongExpectedVersion(error: unknown): boolean {
  return (error as ClientErrorShape | null)?.type === 'wrong-expected-version';
}

export function isStreamNotFound(error: unknown): boolean {
  return (error as ClientErrorShape | null)?.type === 'stream-not-found';
}

/** The server cannot be reached or did not answer in time: the caller may retry later. */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const e = error as ClientErrorShape | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.type === 'string') return UNAVAILABLE_TYPES.has(e.type);
  if (typeof e.code === 'number') return UNAVAILABLE_CODES.has(e.code);
  if (typeof e.code === 'string') return NETWORK_CODES.has(e.code);
  // Gossip discovery gives up with a plain Error (cluster connection strings).
  return typeof e.message === 'string' && e.message.startsWith('Failed to discover after');
}

export function toUnavailable(error: unknown): StoreUnavailableError {
  if (error instanceof StoreUnavailableError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreUnavailableError(`事件存储暂不可用(EventStoreDB: ${detail}),本次操作未确认,请稍后重试`, error);
}

/** The port's typed error for a client error, or the error unchanged when the port has none. */
export function toStoreError(error: unknown, context: { streamId?: string; expected?: ExpectedRevision } = {}): unknown {
  if (isWrongExpectedVersion(error) && context.streamId !== undefined && context.expected !== undefined) {
    return new ConcurrencyError(context.streamId, context.expected, fromCurrentRevision((error as ClientErrorShape).actualVersion));
  }
  if (isUnavailable(error)) return toUnavailable(error);
  return error;
}
