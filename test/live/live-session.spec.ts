import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { LiveBatch } from '../../src/live/live-batch';
import { LiveHub } from '../../src/live/live-hub';
import { DEFAULT_LIVE_OPTIONS, type LiveOptions } from '../../src/live/live-options';
import { resumePosition } from '../../src/live/live-position';
import { LiveSession } from '../../src/live/live-session';
import type { DerivedMessage, LiveCursor } from '../../src/live/live-view';
import { SseConnection } from '../../src/live/sse-connection';
import { stalledStream, subscribe, waitFor } from './sse-clients';

/** Every event becomes one `ev` message: the plainest view, to check the transport. */
class EchoCursor implements LiveCursor {
  constructor(private readonly store: EventStore) {}
  async snapshot() {
    return { head: await this.store.headPosition() };
  }
  async derive(batch: LiveBatch): Promise<DerivedMessage[]> {
    return batch.events.map((e) => ({ event: 'ev', id: e.globalPosition, data: { stream: e.streamId, revision: e.revision, ...e.data } }));
  }
}

const silent = { warn: () => undefined, error: () => undefined };

/** The live transport without Nest: a store, the hub, and a bare HTTP server streaming EchoCursor. */
async function transport(overrides: Partial<LiveOptions> = {}) {
  const options: LiveOptions = { ...DEFAULT_LIVE_OPTIONS, ...overrides };
  const store = new SqliteEventStore({ file: ':memory:' });
  const hub = new LiveHub(store, async () => undefined, options, silent);
  await hub.start();
  const connections = new Set<SseConnection>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    void resumePosition(store, req.headers['last-event-id'], url.searchParams.get('from') ?? undefined).then((from) => {
      const connection = new SseConnection(res, options);
      connection.open();
      connections.add(connection);
      connection.onClose(() => connections.delete(connection));
      return new LiveSession(connection, hub, store, new EchoCursor(store), options).start(from);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const append = async (count: number, data: Record<string, unknown> = {}) => {
    const positions: string[] = [];
    for (let i = 0; i < count; i++) {
      const result = await store.appendToStream(
        `test-${randomUUID()}`,
        [{ eventId: randomUUID(), type: 'test.happened', schemaVersion: 1, data: { i, ...data }, metadata: meta, recordedAt: new Date().toISOString() }],
        { expectedRevision: 'no_stream' },
      );
      positions.push(result.position);
    }
    return positions;
  };
  return {
    store,
    hub,
    url,
    connections,
    append,
    async close() {
      const stopping = hub.stop();
      for (const c of connections) c.close('server_shutdown');
      await stopping;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

const meta = { actor: { id: 't', name: 't' }, unit: 'u', role: 'r', commandId: 'c', correlationId: 'c', causationId: 'c' };

describe('live transport: SSE sessions over the shared hub', () => {
  let t: Awaited<ReturnType<typeof transport>>;
  afterEach(() => t?.close());

  it('starts with a snapshot whose id is the position it reflects, then sends each later event once', async () => {
    t = await transport();
    const before = await t.append(3);
    await waitFor(() => t.hub.position === before[2], 'the hub to hand out the first three'); // else they come live
    const client = subscribe(t.url, ['snapshot', 'ev']);
    await client.waitFor(() => client.of('snapshot').length === 1, 'snapshot');
    expect(client.of('snapshot')[0]).toMatchObject({ id: before[2], data: { head: before[2] } });
    const after = await t.append(5);
    await client.waitFor(() => client.of('ev').length === 5, 'five live events');
    expect(client.of('ev').map((m) => m.id)).toEqual(after);
    client.close();
  });

  it('resumes with Last-Event-ID after the server cut the connection: no gap, no duplicate', async () => {
    t = await transport({ retryMs: 50 });
    const client = subscribe(t.url, ['snapshot', 'ev']);
    await client.waitFor(() => client.of('snapshot').length === 1, 'snapshot');
    const writing = t.append(100);
    await client.waitFor(() => client.of('ev').length >= 50, 'fifty events');
    for (const c of t.connections) c.close('server_shutdown'); // mid-stream, possibly while events are still written
    // Events after the cut can only arrive over the reconnection (a fast store may have sent all 100 already).
    const written = [...(await writing), ...(await t.append(200))];
    await client.waitFor(() => client.of('ev').length >= 300, 'all 300 events', 15_000);
    expect(client.opens).toBe(2);
    // The reconnect carried the id of the last message received before the cut.
    expect(written).toContain(client.lastEventIds[1]);
    expect(client.of('ev').map((m) => m.id)).toEqual(written);
    expect(client.of('close')[0]!.data.reason).toBe('server_shutdown');
    client.close();
  });

  it('?from= resumes a new client exactly after the given position; an unreadable from is refused', async () => {
    t = await transport();
    const written = await t.append(10);
    const client = subscribe(`${t.url}?from=${written[3]}`, ['snapshot', 'ev']);
    await client.waitFor(() => client.of('ev').length === 6, 'the six missed events');
    expect(client.of('snapshot')).toEqual([]);
    expect(client.of('ev').map((m) => m.id)).toEqual(written.slice(4));
    const more = await t.append(2);
    await client.waitFor(() => client.of('ev').length === 8, 'two live events');
    expect(client.of('ev').map((m) => m.id)).toEqual([...written.slice(4), ...more]);
    client.close();
    await expect(resumePosition(t.store, undefined, 'not a position')).rejects.toMatchObject({ response: { code: 'INVALID_POSITION' } });
    await expect(resumePosition(t.store, 'garbage!', undefined)).resolves.toBeUndefined();
  });

  it('?from= and Last-Event-ID given without the leading zeros resume from the same position, not with a snapshot', async () => {
    t = await transport();
    const written = await t.append(10);
    const unpadded = String(Number(written[3]));
    expect(unpadded).not.toBe(written[3]);
    await expect(resumePosition(t.store, undefined, unpadded)).resolves.toBe(written[3]);
    await expect(resumePosition(t.store, ` ${unpadded}`, undefined)).resolves.toBe(written[3]);
    const client = subscribe(`${t.url}?from=${unpadded}`, ['snapshot', 'ev']);
    await client.waitFor(() => client.of('ev').length === 6, 'the six missed events');
    expect(client.of('snapshot')).toEqual([]);
    expect(client.of('ev').map((m) => m.id)).toEqual(written.slice(4));
    client.close();
    await expect(resumePosition(t.store, undefined, '14x')).rejects.toMatchObject({ response: { code: 'INVALID_POSITION' } });
  });

  it('catch-up and live events racing: a client resuming from far behind while events are appended gets each exactly once', async () => {
    t = await transport({ catchUpPageSize: 7 });
    const old = await t.append(100);
    const writing = t.append(100);
    const client = subscribe(`${t.url}?from=${old[9]}`, ['snapshot', 'ev']);
    const fresh = await writing;
    await client.waitFor(() => client.of('ev').length >= 190, 'all events after the 10th', 15_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.of('ev').map((m) => m.id)).toEqual([...old.slice(10), ...fresh]);
    client.close();
  });

  it('drops a client that stops reading once its buffer passes the bound, with a close reason; it resumes by id', async () => {
    t = await transport({ maxBufferedBytes: 64 * 1024, drainTimeoutMs: 300, closeGraceMs: 30_000 });
    const slow = stalledStream(t.url);
    await waitFor(() => slow.frames().some((f) => f.event === 'snapshot'), 'snapshot');
    slow.pause();
    const big = 'x'.repeat(16 * 1024);
    // Loopback kernel buffers take a few MB before Node's own buffer grows: send ~6 MB.
    const written = await t.append(400, { big });
    await waitFor(() => t.connections.size === 0, 'the server to drop the stalled client', 5_000);
    written.push(...(await t.append(20)));
    slow.resume();
    await slow.ended;
    const frames = slow.frames();
    const close = frames[frames.length - 1]!;
    expect(close.event).toBe('close');
    expect(close.data).toMatchObject({ reason: 'slow_client', stalledMs: 300 });
    expect(close.data.message).toContain('Last-Event-ID');
    const got = frames.filter((f) => f.event === 'ev').map((f) => f.id);
    expect(got).toEqual(written.slice(0, got.length));
    // Resume from the last id it did get: the rest, exactly.
    const resumed = subscribe(t.url, ['snapshot', 'ev'], { 'Last-Event-ID': got[got.length - 1]! });
    await resumed.waitFor(() => resumed.of('ev').length === written.length - got.length, 'the rest', 15_000);
    expect([...got, ...resumed.of('ev').map((m) => m.id)]).toEqual(written);
    resumed.close();
  });

  it('sends heartbeats as comment lines while idle', async () => {
    t = await transport({ heartbeatMs: 50 });
    const raw = stalledStream(t.url);
    await waitFor(() => (raw.text.match(/^: 心跳 /gm) ?? []).length >= 2, 'two heartbeats');
    raw.destroy();
  });

  it('a shutdown ends every stream with server_shutdown and leaves no socket open', async () => {
    t = await transport();
    const clients = [subscribe(t.url, ['snapshot']), subscribe(t.url, ['snapshot'])];
    for (const c of clients) await c.waitFor(() => c.of('snapshot').length === 1, 'snapshot');
    const started = Date.now();
    await t.close();
    t = undefined as never;
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const c of clients) {
      await c.waitFor(() => c.of('close').length === 1, 'close event');
      expect(c.of('close')[0]!.data.reason).toBe('server_shutdown');
      c.close();
    }
  });
});
