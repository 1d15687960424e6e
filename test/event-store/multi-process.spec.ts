import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { checkLog, readWholeLog, spawnAppender, type ChildLine } from '../support/child-harness';

/**
 * Two OS processes append to one SQLite file at once: their own streams plus one shared,
 * contended stream. The file must stay intact, conflicts must surface as ConcurrencyError
 * (never as a lost or doubled event), and a subscription in a third process — this one —
 * must see their events through its poll. The children start together and each runs until it
 * has seen the other's writes, so they overlap whatever the scheduler does.
 */
describe('SQLite event store shared by two processes', () => {
  it('stays consistent and visible across processes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gwdb-multi-')), 'events.sqlite');
    const observer = new SqliteEventStore({ file, pollIntervalMs: 50 });
    const seen: StoredEvent[] = [];
    const subscription = observer.subscribeToAll();
    const consuming = (async () => {
      for await (const event of subscription) seen.push(event);
    })();

    try {
      const base = { file, streamCount: 64, workers: 16, appends: 400, shared: 'shared-register', waitForGo: true, untilOtherSeen: true };
      const children = [spawnAppender({ ...base, prefix: 'proc-a' }), spawnAppender({ ...base, prefix: 'proc-b' })];
      // Both loaded before either writes, so their appends really overlap.
      await Promise.all(children.map((c) => c.waitFor((l) => l.t === 'ready')));
      children.forEach((c) => c.go());
      const exits = await Promise.all(children.map((c) => c.exited));
      exits.forEach((exit, i) => {
        const errors = children[i]!.lines.filter((l) => l.t === 'error');
        expect({ child: i, code: exit.code, errors, stderr: exit.stderr }).toEqual({ child: i, code: 0, errors: [], stderr: '' });
      });

      // Each child was still appending when the other's append reached the shared stream.
      const done = children.map((c) => c.lines.find((l) => l.t === 'done') as Extract<ChildLine, { t: 'done' }>);
      expect(done.map((d) => d.sawOther)).toEqual([true, true]);

      const acks = children.flatMap((c) => c.acks());
      const conflicts = children.flatMap((c) => c.lines.filter((l) => l.t === 'conflict'));
      // Every attempt ended as an acknowledgement or a ConcurrencyError, nothing else.
      expect(acks.length + conflicts.length).toBe(done[0]!.attempts + done[1]!.attempts);
      expect(conflicts.length).toBeGreaterThan(0);
      for (const c of children) expect(c.acks().some((a) => a.s === base.shared)).toBe(true);

      expect(observer.database.pragma('integrity_check', { simple: true })).toBe('ok');
      const log = await readWholeLog(observer);
      expect(checkLog(log, acks)).toEqual([]);
      expect(log.length).toBe(acks.reduce((n, a) => n + a.ids.length, 0));

      // The observer never writes, so only its poll can have found these. Bounded so a
      // missed wake-up fails the expectation below instead of hanging the run.
      for (let i = 0; i < 1500 && seen.length < log.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    } finally {
      await subscription.close();
      await consuming;
      await observer.close();
    }
  });
});
