import { Metadata, status } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  DeadlineExceededError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError } from '../../../src/event-store/errors';
import { isStreamNotFound, isUnavailable, toStoreError } from '../../../src/event-store/esdb/errors';

const serviceError = (code: number, details: string, meta: Record<string, string> = {}) => {
  const metadata = new Metadata();
  for (const [k, v] of Object.entries(meta)) metadata.set(k, v);
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
};

describe('EventStoreDB error mapping', () => {
  it('WrongExpectedVersionError becomes the port ConcurrencyError with the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'document-1', expected: 0n, current: 4n });
    const mapped = toStoreError(error, { streamId: 'document-1', expected: 0 });
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 'document-1', expected: 0, actual: 4 });
  });

  it('a conflict on a missing stream reports no_stream', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 2n, current: 'no_stream' });
    expect(toStoreError(error, { streamId: 's', expected: 2 })).toMatchObject({ expected: 2, actual: 'no_stream' });
  });

  it('the unary append path (error from gRPC trailers) maps too', () => {
    const raw = serviceError(status.UNKNOWN, 'wrong', {
      exception: 'wrong-expected-version',
      'stream-name': 's',
      'expected-version': '1',
      'actual-version': '5',
    });
    const clientError = convertToCommandError(raw as never);
    expect(toStoreError(clientError, { streamId: 's', expected: 1 })).toMatchObject({ actual: 5 });
  });

  it.each([
    ['UnavailableError', new UnavailableError()],
    ['DeadlineExceededError', new DeadlineExceededError()],
    ['NotLeaderError (failover under way)', convertToCommandError(serviceError(status.NOT_FOUND, 'not leader', { exception: 'not-leader', 'leader-endpoint-host': 'n2', 'leader-endpoint-port': '2113' }) as never)],
    ['raw gRPC UNAVAILABLE', serviceError(status.UNAVAILABLE, 'No connection established')],
    ['raw gRPC DEADLINE_EXCEEDED', serviceError(status.DEADLINE_EXCEEDED, 'Deadline exceeded')],
    ['gossip discovery giving up', new Error('Failed to discover after 10 attempts.')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
  ])('%s becomes StoreUnavailableError', (_name, error) => {
    expect(isUnavailable(error)).toBe(true);
    const mapped = toStoreError(error);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as StoreUnavailableError).cause).toBe(error);
  });

  it('other errors pass through unchanged', () => {
    const denied = new AccessDeniedError();
    expect(toStoreError(denied)).toBe(denied);
    const plain = new TypeError('boom');
    expect(toStoreError(plain)).toBe(plain);
    expect(isUnavailable(undefined)).toBe(false);
  });

  it('recognises StreamNotFoundError (a missing stream reads empty)', () => {
    expect(isStreamNotFound(new ClientStreamNotFoundError(undefined, 'document-1'))).toBe(true);
    expect(isStreamNotFound(new UnavailableError())).toBe(false);
  });
});
