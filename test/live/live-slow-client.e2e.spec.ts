import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore, type EventToAppend } from '../../src/event-store/event-store.port';
import { bearer, startLiveApp, type LiveApp } from './live-app';
import { stalledStream, subscribe, waitFor } from './sse-clients';

/** 催办 events written straight to the store: thousands in a second, each a ~2 kB timeline entry. */
function urges(count: number, from: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    type: 'document.urged',
    schemaVersion: 1,
    data: { text: `第 ${from + i} 次催办:${'请抓紧办理并报告结果。'.repeat(30)}`, dueAt: '2026-12-09T15:59:59.999Z', overdue: false },
    metadata: { actor: { id: 'supervisor-1', name: '督查室工作人员' }, unit: 'zjg-gov-office-supervision', role: 'supervisor', commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() },
    recordedAt: new Date().toISOString(),
  }));
}

describe('live SSE streams: a client that stops reading', () => {
  let a: LiveApp;
  afterAll(() => a.close());

  it('is dropped once its socket stays full (memory stays bounded), reads a close reason, and resumes by id with nothing lost or repeated', async () => {
    a = await startLiveApp();
    a.options.drainTimeoutMs = 500;
    a.options.closeGraceMs = 30_000;
    const doc = await a.assigned();
    const store = a.t.app.get<EventStore>(EVENT_STORE);
    const url = `${a.base}/live/documents/${doc}/timeline`;
    const slow = stalledStream(url, bearer(a.tokens.supervisor));
    await waitFor(() => slow.frames().some((f) => f.event === 'snapshot'), 'snapshot');
    slow.pause();

    // Loopback kernel buffers take a few MB before the server's own buffer grows: write ~8 MB.
    let revision = 5;
    for (let i = 0; i < 40; i++) {
      await store.appendToStream(`document-${doc}`, urges(100, revision + 1), { expectedRevision: revision });
      revision += 100;
    }
    await waitFor(() => a.live.stats.dropped === 1, 'the server to drop the stalled client', 15_000);
    expect(a.live.openConnections).toBe(0);
    await store.appendToStream(`document-${doc}`, urges(10, revision + 1), { expectedRevision: revision });
    revision += 10;

    slow.resume();
    await slow.ended;
    const frames = slow.frames();
    const close = frames[frames.length - 1]!;
    expect(close).toMatchObject({ event: 'close', data: { reason: 'slow_client', stalledMs: 500 } });
    expect(close.data.message).toContain('Last-Event-ID');
    // Never more than the bound (plus the message that crossed half of it) was held for it.
    expect(close.data.bufferedBytes).toBeLessThan(a.options.maxBufferedBytes + 64 * 1024);
    const got = frames.filter((f) => f.event === 'entry');
    expect(got.map((f) => f.data.revision)).toEqual(got.map((_, i) => 6 + i));
    expect(got.length).toBeLessThan(revision - 5);

    const resumed = subscribe(url, ['snapshot', 'entry'], { ...bearer(a.tokens.supervisor), 'Last-Event-ID': got[got.length - 1]!.id });
    await resumed.waitFor(() => resumed.of('entry').at(-1)?.data.revision === revision, 'the rest', 30_000);
    expect(resumed.of('snapshot')).toEqual([]);
    const all = [...got, ...resumed.of('entry')].map((f) => f.data.revision);
    expect(all).toEqual(Array.from({ length: revision - 5 }, (_, i) => 6 + i));
    resumed.close();
  });
});
