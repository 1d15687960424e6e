import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port';
import { expectStatus } from '../support/document-fixtures';
import { bearer, startLiveApp, type LiveApp } from './live-app';
import { stalledStream, subscribe, waitFor } from './sse-clients';

const OVERDUE = '2026-12-15T02:00:00.000Z'; // 交办 on 2026-11-30 (7 working days): due 2026-12-09

/** SSE over the real app on 127.0.0.1 with the real `eventsource` client (docs/live.md). */
describe('live SSE streams: snapshot, then live', () => {
  let a: LiveApp;
  let id: string;
  beforeAll(async () => {
    a = await startLiveApp();
    id = await a.assigned('natural-resources');
    a.t.clock.set(OVERDUE);
  });
  afterAll(() => a.close());

  it('overdue items: a snapshot (id = its position) with working days overdue, then one change per command, then removal on 办结', async () => {
    const s = subscribe(`${a.base}/live/outstanding`, ['snapshot', 'change'], bearer(a.tokens.supervisor));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    const snapshot = s.of('snapshot')[0]!;
    expect(snapshot.id).toBe(await a.t.app.get<EventStore>(EVENT_STORE).headPosition());
    expect(snapshot.data.items).toEqual([
      expect.objectContaining({ documentId: id, source: 'document', unit: 'natural-resources', colour: 'red', colourLabel: '红', dueDate: '2026-12-09', workingDaysOverdue: 4, typeLabel: '办结' }),
    ]);

    const urged = expectStatus(await a.client.urge(id, a.tokens.supervisor, { text: '请于本周内办结' }), 200);
    await s.waitFor(() => s.of('change').length === 1, 'change after 催办');
    expect(s.of('change')[0]).toMatchObject({
      id: urged.body.position,
      data: { documents: [{ source: 'document', documentId: id, items: [expect.objectContaining({ colour: 'red', urgedAt: OVERDUE })] }] },
    });

    const done = expectStatus(await a.client.complete(id, a.tokens.unit('natural-resources'), { result: '已完成收储' }), 200);
    await s.waitFor(() => s.of('change').length === 2, 'change after 办结');
    expect(s.of('change')[1]).toEqual({ event: 'change', id: done.body.position, data: { documents: [{ source: 'document', documentId: id, items: [] }] } });
    s.close();
  });

  it('dashboard summary: counters per unit by colour and on-time rates, re-sent when they change', async () => {
    const other = await a.assigned('education');
    const s = subscribe(`${a.base}/live/summary`, ['snapshot', 'summary'], bearer(a.tokens.supervisor));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    const unit = (m: { data: { units: Array<{ unit: string }> } }, code: string) => m.data.units.find((u) => u.unit === code);
    expect(unit(s.of('snapshot')[0]!, 'education')).toMatchObject({ unitName: '市教育局', red: 0, yellow: 0, green: 1, open: 1 });
    expect(s.of('snapshot')[0]!.data.performance).toEqual(
      expect.arrayContaining([expect.objectContaining({ unit: 'natural-resources', completed: 1, completedOnTime: 0, onTimeRate: 0 })]),
    );
    const done = expectStatus(await a.client.complete(other, a.tokens.unit('education'), { result: '已办结' }), 200);
    await s.waitFor(() => s.of('summary').length === 1, 'summary after 办结');
    const after = s.of('summary')[0]!;
    expect(after.id).toBe(done.body.position);
    // Only the rows that changed: 市教育局's counters and rate.
    expect(after.data).toMatchObject({ partial: true, totals: expect.any(Object), removed: { units: [], performance: [] } });
    expect(after.data.units.map((u: { unit: string }) => u.unit)).toEqual(['education']);
    expect(unit(after, 'education')).toMatchObject({ red: 0, green: 0, open: 0, statuses: { document: { completed: 1 } } });
    expect(after.data.performance).toEqual(expect.arrayContaining([expect.objectContaining({ unit: 'education', completed: 1, completedOnTime: 1, onTimeRate: 1 })]));
    s.close();
  });

  it('a timeline: every entry so far, then one entry per event with that event’s position', async () => {
    const doc = await a.assigned('transport');
    const s = subscribe(`${a.base}/live/documents/${doc}/timeline`, ['snapshot', 'entry'], bearer(a.tokens.supervisor));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    expect(s.of('snapshot')[0]!.data.entries.map((e: { label: string }) => e.label)).toEqual(['提交', '签收登记', '初审拟办', '分工呈批', '批示', '交办']);
    const urged = expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: '请加快办理' }), 200);
    await s.waitFor(() => s.of('entry').length === 1, 'entry');
    expect(s.of('entry')[0]).toMatchObject({ id: urged.body.position, data: { revision: 6, label: '催办', summary: '催办:请加快办理' } });
    s.close();
  });

  it('without Accept: text/event-stream a stream answers once: its snapshot as JSON, with the position', async () => {
    const res = await fetch(`${a.base}/live/outstanding?unit=natural-resources`, { headers: bearer(a.tokens.supervisor) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = await res.json();
    expect(body).toEqual({ event: 'snapshot', id: await a.t.app.get<EventStore>(EVENT_STORE).headPosition(), data: { filter: { unit: 'natural-resources' }, items: [], truncated: false } });
  });

  it('time alone turns an item red: the periodic re-read sends refresh/summary without an id', async () => {
    const doc = await a.assigned('water-affairs'); // due 7 working days after 2026-12-15
    const s = subscribe(`${a.base}/live/outstanding?unit=water-affairs`, ['snapshot', 'refresh'], bearer(a.tokens.supervisor));
    const sum = subscribe(`${a.base}/live/summary`, ['snapshot', 'summary'], bearer(a.tokens.supervisor));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    await sum.waitFor(() => sum.of('snapshot').length === 1, 'summary snapshot');
    expect(s.of('snapshot')[0]!.data.items).toEqual([]);
    a.t.clock.set('2027-01-05T02:00:00.000Z');
    a.live.hub.tick();
    await s.waitFor(() => s.of('refresh').length === 1, 'refresh');
    await sum.waitFor(() => sum.of('summary').length === 1, 'summary');
    expect(s.of('refresh')[0]!.data.items).toEqual([expect.objectContaining({ documentId: doc, colour: 'red' })]);
    expect(s.of('refresh')[0]!.id).toBe(''); // no id field: the client's Last-Event-ID stays as it was
    const units = sum.of('summary')[0]!.data.units as Array<{ unit: string; red: number }>;
    expect(units.find((u) => u.unit === 'water-affairs')).toMatchObject({ red: 1 });
    a.live.hub.tick(); // nothing changed since: nothing sent
    await new Promise((r) => setTimeout(r, 200));
    expect(s.of('refresh')).toHaveLength(1);
    s.close();
    sum.close();
    a.t.clock.set(OVERDUE);
  });

  it('heartbeats are comment lines', async () => {
    a.options.heartbeatMs = 50;
    const raw = stalledStream(`${a.base}/live/summary`, bearer(a.tokens.supervisor));
    await waitFor(() => (raw.text.match(/^: 心跳 /gm) ?? []).length >= 2, 'two heartbeats');
    raw.destroy();
    a.options.heartbeatMs = 15_000;
  });
});

describe('live SSE streams: resuming', () => {
  it('after a server restart EventSource reconnects with Last-Event-ID and gets exactly what it missed, then live', async () => {
    let a = await startLiveApp();
    const doc = await a.assigned();
    const dataDir = a.t.config.dataDir;
    const token = a.tokens.supervisor;
    const s = subscribe(`${a.base}/live/documents/${doc}/timeline`, ['snapshot', 'entry'], bearer(token));
    await s.waitFor(() => s.of('snapshot').length === 1, 'snapshot');
    for (let i = 0; i < 3; i++) expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: `催办 ${i}` }), 200);
    await s.waitFor(() => s.of('entry').length === 3, 'three live entries');

    const started = Date.now();
    await a.close(); // with the stream open
    expect(Date.now() - started).toBeLessThan(3_000);
    await s.waitFor(() => s.of('close').length === 1, 'close event');
    expect(s.of('close')[0]!.data).toMatchObject({ reason: 'server_shutdown' });

    a = await startLiveApp({ env: { DATA_DIR: dataDir }, port: a.port });
    const missed: string[] = [];
    for (let i = 3; i < 6; i++) missed.push(expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: `催办 ${i}` }), 200).body.position);
    await s.waitFor(() => s.opens === 2 && s.of('entry').length === 6, 'the three missed entries', 15_000);
    for (let i = 6; i < 8; i++) expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: `催办 ${i}` }), 200);
    await s.waitFor(() => s.of('entry').length === 8, 'two live entries after the restart');

    expect(s.lastEventIds[1]).toBe(s.of('entry')[2]!.id); // resumed from the last entry before the restart
    expect(s.of('snapshot')).toHaveLength(1); // no second snapshot
    expect(s.of('entry').map((m) => m.data.revision)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
    expect(s.of('entry').slice(3, 6).map((m) => m.id)).toEqual(missed);
    expect(s.of('entry').map((m) => m.data.summary)).toEqual([...Array(8).keys()].map((i) => expect.stringContaining(`催办 ${i}`)));
    s.close();
    await a.close();
  });

  it('a new EventSource with ?from= catches up while commands keep coming: each entry exactly once', async () => {
    const a = await startLiveApp();
    try {
      const doc = await a.assigned();
      const early: string[] = [];
      for (let i = 0; i < 20; i++) early.push(expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: `早 ${i}` }), 200).body.position);
      const writing = (async () => {
        const late: string[] = [];
        for (let i = 0; i < 20; i++) late.push(expectStatus(await a.client.urge(doc, a.tokens.supervisor, { text: `晚 ${i}` }), 200).body.position);
        return late;
      })();
      a.options.catchUpPageSize = 3; // many pages, racing the live batches
      const s = subscribe(`${a.base}/live/documents/${doc}/timeline?from=${early[4]}`, ['snapshot', 'entry'], bearer(a.tokens.supervisor));
      const late = await writing;
      await s.waitFor(() => s.of('entry').length >= 35, 'entries after the 5th urge', 15_000);
      await new Promise((r) => setTimeout(r, 200));
      expect(s.of('snapshot')).toEqual([]);
      expect(s.of('entry').map((m) => m.id)).toEqual([...early.slice(5), ...late]);
      expect(s.of('entry').map((m) => m.data.revision)).toEqual([...Array(35).keys()].map((i) => 11 + i));
      s.close();
    } finally {
      await a.close();
    }
  });
});
