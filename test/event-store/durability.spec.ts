import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { checkLog, readWholeLog, spawnAppender, type ChildLine } from '../support/child-harness';

/**
 * A child process appends with group commits and synchronous=FULL and prints each append as
 * soon as it is acknowledged; we SIGKILL it mid-flight and check that every acknowledged
 * event survived, exactly once, with gapless revisions. Several rounds reuse the same file,
 * so each round also recovers the previous round's WAL.
 */
describe('SQLite event store durability (SIGKILL)', () => {
  const ROUNDS = 4;

  it(`keeps every acknowledged event across ${ROUNDS} kills`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gwdb-durability-')), 'events.sqlite');
    const acks: Extract<ChildLine, { t: 'ack' }>[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const child = spawnAppender({ file, prefix: 'durable', streamCount: 300, workers: 48 });
      await child.waitFor((l) => l.t === 'ack');
      // A random moment while many appends are in flight (no timing is asserted).
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
      child.process.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      expect(child.lines.filter((l) => l.t === 'error')).toEqual([]);
      acks.push(...child.acks());

      const store = new SqliteEventStore({ file });
      try {
        expect(store.database.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(checkLog(await readWholeLog(store), acks)).toEqual([]);
      } finally {
        await store.close();
      }
    }
    // The rounds did acknowledge work (the check above is not vacuous).
    expect(acks.length).toBeGreaterThan(ROUNDS);
  });
});
