import { createServer } from 'node:net';
import {
  EventStoreDBClient,
  NO_STREAM,
  StreamNotFoundError as ClientStreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreUnavailableError } from '../../../src/event-store/errors';
import { EsdbEventStore } from '../../../src/event-store/esdb/esdb-event-store';
import { encodePosition } from '../../../src/event-store/esdb/positions';
import { EventSerializationError } from '../../../src/event-store/esdb/serialization';
import { anEvent, events } from '../../support/events';

const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });

function recorded(streamId: string, n: number, revision: number, type = 'test.happened') {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`,
      revision: BigInt(revision),
      type,
      data: { n },
      metadata: { schemaVersion: 1, recordedAt: '2026-01-01T00:00:00.000Z', metadata: { commandId: 'c' } },
      isJson: true,
      created: new Date(0),
      position: at(n),
    },
  };
}

function streamOf<T>(items: T[], error?: Error) {
  return Object.assign(
    (async function* () {
      yield* items;
      if (error) throw error;
    })(),
    { cancel: async () => undefined },
  );
}

/** Just enough of the client for the adapter's logic; the gRPC path is covered by the double. */
function fakeClient(overrides: Record<string, unknown> = {}) {
  const calls: Record<string, unknown[][]> = {};
  const record = (name: string) => (...args: unknown[]) => (calls[name] ??= []).push(args);
  const client = {
    appendToStream: jest.fn(async (...args: unknown[]) => {
      record('append')(...args);
      return { success: true, nextExpectedRevision: 0n, position: at(1) };
    }),
    readStream: jest.fn((stream: string) => streamOf([recorded(stream, 1, 0)])),
    readAll: jest.fn(() => streamOf([])),
    dispose: jest.fn(async () => undefined),
    ...overrides,
  };
  return { client, store: new EsdbEventStore(client as unknown as EventStoreDBClient), calls };
}

describe('EsdbEventStore (fake client)', () => {
  it("appends with the caller's event ids unchanged and the exact revision as a bigint", async () => {
    const { client, store } = fakeClient();
    const batch = events(2);
    await store.appendToStream('document-1', batch, { expectedRevision: 4 });
    const [stream, data, options] = client.appendToStream.mock.calls[0]!;
    expect(stream).toBe('document-1');
    expect((data as Array<{ id: string }>).map((e) => e.id)).toEqual(batch.map((e) => e.eventId));
    expect(options).toEqual({ expectedRevision: 4n });
    await store.appendToStream('document-2', events(1), { expectedRevision: 'no_stream' });
    expect(client.appendToStream.mock.calls[1]![2]).toEqual({ expectedRevision: NO_STREAM });
  });

  it('returns the $all position of the last appended event, read back from the stream', async () => {
    const { store, client } = fakeClient({
      appendToStream: async () => ({ success: true, nextExpectedRevision: 2n, position: at(90) }),
      readStream: jest.fn((stream: string) => streamOf([recorded(stream, 77, 2)])),
    });
    expect(await store.appendToStream('s', events(3), { expectedRevision: 'no_stream' })).toEqual({
      nextExpectedRevision: 2,
      position: encodePosition(at(77)),
    });
    expect(client.readStream).toHaveBeenCalledWith('s', { fromRevision: 2n, maxCount: 1 });
  });

  it('a bigint in data is refused before the client is called (the client would hang)', async () => {
    const hanging = jest.fn(() => new Promise(() => undefined));
    const { store } = fakeClient({ appendToStream: hanging });
    const bad = anEvent(0, { data: { total: 1n } as never });
    await expect(store.appendToStream('s', [anEvent(1), bad], { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventSerializationError);
    expect(hanging).not.toHaveBeenCalled();
  });

  it('maps WrongExpectedVersionError to ConcurrencyError with the actual revision', async () => {
    const { store } = fakeClient({
      appendToStream: async () => {
        throw new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 3n });
      },
    });
    const attempt = store.appendToStream('s', events(1), { expectedRevision: 0 });
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(attempt).rejects.toMatchObject({ streamId: 's', expected: 0, actual: 3 });
  });

  it('reads a missing stream as empty', async () => {
    const { store } = fakeClient({ readStream: () => streamOf([], new ClientStreamNotFoundError(undefined, 's')) });
    expect(await store.readStream('s')).toEqual([]);
  });

  it('readAll drops the inclusive boundary and system records, and maps the envelope', async () => {
    const log = [recorded('a', 1, 0), recorded('$stats-1', 2, 0), recorded('b', 3, 0, '$>'), recorded('c', 4, 0)];
    const readAll = jest.fn((options: { fromPosition: unknown; maxCount: number }) => {
      const from = options.fromPosition === 'start' ? 0n : (options.fromPosition as { commit: bigint }).commit;
      return streamOf(log.filter((r) => r.event.position.commit >= from).slice(0, options.maxCount));
    });
    const { store } = fakeClient({ readAll });
    const all = await store.readAll();
    expect(all.map((e) => e.streamId)).toEqual(['a', 'c']);
    expect(all[0]).toMatchObject({ revision: 0, schemaVersion: 1, metadata: { commandId: 'c' }, globalPosition: encodePosition(at(1)) });
    expect((await store.readAll({ fromPosition: all[0]!.globalPosition })).map((e) => e.streamId)).toEqual(['c']);
    expect(await store.readAll({ fromPosition: all[1]!.globalPosition })).toEqual([]);
  });

  it('a stream prefix keeps a namespace apart and is invisible to callers', async () => {
    const log = [recorded('run1-doc', 1, 0), recorded('run2-doc', 2, 0)];
    const client = { readAll: () => streamOf(log), appendToStream: jest.fn(async () => ({ nextExpectedRevision: 0n })), readStream: () => streamOf([]), dispose: async () => undefined };
    const store = new EsdbEventStore(client as unknown as EventStoreDBClient, { streamPrefix: 'run1-' });
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['doc']);
    await store.appendToStream('doc', events(1), { expectedRevision: 'no_stream' });
    expect(client.appendToStream.mock.calls[0]).toEqual(expect.arrayContaining(['run1-doc']));
    await expect(store.appendToStream('$settings', events(1), { expectedRevision: 'any' })).rejects.toThrow(/reserved for system streams/);
  });

  it('an empty append checks the expected revision without writing', async () => {
    const { store, client } = fakeClient();
    expect(await store.appendToStream('s', [], { expectedRevision: 0 })).toEqual({ nextExpectedRevision: 0, position: encodePosition(at(1)) });
    await expect(store.appendToStream('s', [], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(client.appendToStream).not.toHaveBeenCalled();
  });

  it('close() disposes the client and later calls fail as unavailable', async () => {
    const { store, client } = fakeClient();
    await store.close();
    await store.close();
    expect(client.dispose).toHaveBeenCalledTimes(1);
    await expect(store.readStream('s')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(store.status().connected).toBe(false);
  });
});

describe('EsdbEventStore with the real client and no server', () => {
  let port: number;
  beforeAll(async () => {
    // A port that was free a moment ago: nothing listens there, so connections are refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
  });

  it('ping() throws StoreUnavailableError and status() shows the connection down', async () => {
    const store = EsdbEventStore.connect(`esdb://127.0.0.1:${port}?tls=false`, { pingTimeoutMs: 5000 });
    const started = Date.now();
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(store.status()).toMatchObject({ connected: false, lastError: expect.stringContaining('EventStoreDB') });
    await expect(store.appendToStream('s', events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });

  it('headPosition() of an unreachable server is unavailable, not START', async () => {
    const store = EsdbEventStore.connect(`esdb://127.0.0.1:${port}?tls=false`);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailableError);
    await store.close();
  });
});
