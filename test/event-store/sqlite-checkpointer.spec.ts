import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../../src/event-store/event-store.port';
import { BACKSTOP_BYTES, backstopPages, BackgroundCheckpointer } from '../../src/event-store/sqlite/background-checkpointer';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';

const padding = 'x'.repeat(1000); // ~1 KB per event
const event = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'test.appended',
  schemaVersion: 1,
  data: { n, padding },
  metadata: { actor: { id: 'u', name: 'u' }, unit: 'u', role: 'r', commandId: randomUUID(), correlationId: 'c', causationId: 'c' },
  recordedAt: new Date().toISOString(),
});

const dirs: string[] = [];
const newFile = () => join(dirs[dirs.push(mkdtempSync(join(tmpdir(), 'gwdb-ckpt-'))) - 1]!, 'events.sqlite');
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

/** Appends `rounds` group commits of `width` one-event appends, each to its own stream. */
async function appendRounds(store: SqliteEventStore, rounds: number, width = 50, from = 0): Promise<number> {
  let n = from;
  for (let r = 0; r < rounds; r++) {
    await Promise.all(Array.from({ length: width }, () => {
      const i = n++;
      return store.appendToStream(`s-${i}`, [event(i)], { expectedRevision: 'no_stream' });
    }));
  }
  return n;
}

/** Bounded wait (no timing asserted): the caller's expectation fails if it never holds. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('SQLite background checkpointer', () => {
  it('copies the WAL into the database on its own thread, below the writer’s own threshold', async () => {
    const file = newFile();
    const store = new SqliteEventStore({ file });
    try {
      expect(store.database.pragma('wal_autocheckpoint', { simple: true })).toBe(backstopPages(store.database.pragma('page_size', { simple: true }) as number));
      await appendRounds(store, 30, 64); // ~2.5 MB, far below the backstop (16 MB)
      await eventually(() => size(file) >= 2_000_000);
      expect(size(file)).toBeGreaterThanOrEqual(2_000_000);
    } finally {
      await store.close();
    }
  });

  it('keeps the WAL bounded under continuous appends', async () => {
    const file = newFile();
    const store = new SqliteEventStore({ file });
    try {
      const bound = 1.5 * BACKSTOP_BYTES;
      let largest = 0;
      for (let n = 0; n < 30_000; ) {
        n = await appendRounds(store, 10, 64, n);
        largest = Math.max(largest, size(`${file}-wal`));
      }
      // ~30 MB of event data went through the WAL.
      expect(largest).toBeLessThan(bound);
      expect(size(file)).toBeGreaterThan(bound);
    } finally {
      await store.close();
    }
  });

  it('keeps every event intact while it runs, and close() stops it (the last connection removes the WAL)', async () => {
    const file = newFile();
    const store = new SqliteEventStore({ file });
    const appended = await appendRounds(store, 60, 64);
    await store.close();
    expect(existsSync(`${file}-wal`)).toBe(false);

    const reopened = new SqliteEventStore({ file, backgroundCheckpoint: false });
    try {
      expect(reopened.database.pragma('integrity_check', { simple: true })).toBe('ok');
      const all = await reopened.readAll({ maxCount: appended + 1 });
      expect(all.map((e) => (e.data as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: appended }, (_, i) => i));
      expect(new Set(all.map((e) => e.globalPosition)).size).toBe(appended);
    } finally {
      await reopened.close();
    }
  });

  it('without it (or in memory) the writer keeps SQLite’s own checkpointing', async () => {
    const off = new SqliteEventStore({ file: newFile(), backgroundCheckpoint: false });
    const memory = new SqliteEventStore({ file: ':memory:' });
    try {
      expect(off.database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      await appendRounds(memory, 2);
      expect(await memory.headPosition()).toBe('0000000000000100');
    } finally {
      await off.close();
      await memory.close();
    }
  });

  it('if its thread cannot open the database, the writer returns to SQLite’s default checkpointing', async () => {
    const pragmas: string[] = [];
    const db = { name: join(newFile(), 'missing.sqlite'), open: true, pragma: (p: string) => (p === 'page_size' ? 8192 : void pragmas.push(p)) };
    const checkpointer = new BackgroundCheckpointer(db as unknown as Database.Database);
    await checkpointer.stop();
    expect(pragmas).toEqual([`wal_autocheckpoint = ${backstopPages(8192)}`, 'wal_autocheckpoint = 1000']);
  });
});

describe('SQLite page size', () => {
  it('a new file gets 8 KiB pages; an existing 4 KiB file keeps its pages and works as before', async () => {
    const fresh = new SqliteEventStore({ file: newFile() });
    const oldFile = newFile();
    const legacy = new Database(oldFile);
    legacy.pragma('page_size = 4096');
    legacy.pragma('journal_mode = WAL');
    legacy.exec('CREATE TABLE before_us (x)');
    legacy.close();
    const old = new SqliteEventStore({ file: oldFile });
    try {
      expect(fresh.database.pragma('page_size', { simple: true })).toBe(8192);
      expect(old.database.pragma('page_size', { simple: true })).toBe(4096);
      expect(old.database.pragma('wal_autocheckpoint', { simple: true })).toBe(backstopPages(4096));
      await appendRounds(old, 3, 10);
      expect((await old.readAll()).length).toBe(30);
    } finally {
      await fresh.close();
      await old.close();
    }
  });
});
