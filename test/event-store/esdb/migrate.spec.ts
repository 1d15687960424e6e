import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, StoredEvent } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';
import { EsdbEventStore } from '../../../src/event-store/esdb/esdb-event-store';
import { fileCheckpoint } from '../../../src/cli/commands/migrate-to-esdb';
import { MigrationConflictError, migrateEvents, runsOf, type MigrationCheckpointStore } from '../../../src/cli/commands/migrate-events';
import { readEverything } from '../contract';
import { EsdbDoubleNode } from '../../support/esdb-grpc-double';
import { anEvent, events } from '../../support/events';

const memoryCheckpoint = (): MigrationCheckpointStore & { state?: { position: string; copied: number } } => {
  const store: MigrationCheckpointStore & { state?: { position: string; copied: number } } = {
    load: async () => store.state,
    save: async (state) => void (store.state = state),
  };
  return store;
};

/** A source with interleaved streams, multi-event appends and several schema versions. */
async function seededSource(): Promise<SqliteEventStore> {
  const source = new SqliteEventStore({ file: ':memory:' });
  const streams = ['document-a', 'document-b', 'document-c'];
  let n = 0;
  for (let round = 0; round < 6; round++) {
    for (const s of streams) {
      const batch = round % 2 === 0 ? events(2, n) : [anEvent(n, { schemaVersion: 2, recordedAt: `2026-0${round + 1}-01T00:00:00.000Z` })];
      n += batch.length;
      await source.appendToStream(s, batch, { expectedRevision: round === 0 ? 'no_stream' : 'any' });
    }
  }
  return source;
}

/** What a copy must keep: everything but the global position. */
const essence = (e: StoredEvent) => ({ ...e, globalPosition: undefined });

/** A target that dies after `limit` events, before or after the server took the append. */
function dyingAfter(target: EventStore, limit: number, when: 'before' | 'after'): EventStore {
  let count = 0;
  return new Proxy(target, {
    get(t, key) {
      if (key !== 'appendToStream') return Reflect.get(t, key);
      return async (...args: Parameters<EventStore['appendToStream']>) => {
        if (count + args[1].length > limit && when === 'before') throw new Error('crash: process killed');
        const result = await t.appendToStream(...args);
        count += args[1].length;
        if (count > limit && when === 'after') throw new Error('crash: response lost');
        return result;
      };
    },
  });
}

describe('migrate to EventStoreDB (copy logic)', () => {
  it('copies every event in global order, keeping ids, types, data, metadata, recordedAt and revisions', async () => {
    const source = await seededSource();
    const target = new SqliteEventStore({ file: ':memory:' });
    const result = await migrateEvents(source, target, memoryCheckpoint(), { pageSize: 4 });
    const original = await readEverything(source);
    expect(result).toMatchObject({ copied: original.length, complete: true });
    expect((await readEverything(target)).map(essence)).toEqual(original.map(essence));
  });

  it.each(['before', 'after'] as const)('resumes after a crash midway (%s the append reached the target) without duplicates', async (when) => {
    const source = await seededSource();
    const target = new SqliteEventStore({ file: ':memory:' });
    const checkpoint = memoryCheckpoint();
    await expect(migrateEvents(source, dyingAfter(target, 11, when), checkpoint, { pageSize: 5 })).rejects.toThrow(/crash/);
    expect(checkpoint.state!.copied).toBeLessThan(27);
    const result = await migrateEvents(source, target, checkpoint, { pageSize: 5 });
    expect(result.complete).toBe(true);
    const original = await readEverything(source);
    expect((await readEverything(target)).map(essence)).toEqual(original.map(essence));
  });

  it('a re-run with the checkpoint lost, or a different page size, re-sends idempotently', async () => {
    const source = await seededSource();
    const target = new SqliteEventStore({ file: ':memory:' });
    await expect(migrateEvents(source, dyingAfter(target, 13, 'after'), memoryCheckpoint(), { pageSize: 7 })).rejects.toThrow(/crash/);
    await migrateEvents(source, target, memoryCheckpoint(), { pageSize: 3 });
    await migrateEvents(source, target, memoryCheckpoint(), { pageSize: 100 });
    const original = await readEverything(source);
    expect((await readEverything(target)).map(essence)).toEqual(original.map(essence));
  });

  it('a later run copies what was appended to the source since', async () => {
    const source = await seededSource();
    const target = new SqliteEventStore({ file: ':memory:' });
    const checkpoint = memoryCheckpoint();
    await migrateEvents(source, target, checkpoint);
    await source.appendToStream('document-d', events(3, 100), { expectedRevision: 'no_stream' });
    const second = await migrateEvents(source, target, checkpoint);
    expect(second.copied).toBe((await readEverything(source)).length);
    expect(await target.readStream('document-d')).toHaveLength(3);
  });

  it('refuses to continue when the target holds a different event at a revision', async () => {
    const source = await seededSource();
    const target = new SqliteEventStore({ file: ':memory:' });
    await target.appendToStream('document-b', events(1, 999), { expectedRevision: 'no_stream' });
    const attempt = migrateEvents(source, target, memoryCheckpoint());
    await expect(attempt).rejects.toBeInstanceOf(MigrationConflictError);
    await expect(attempt).rejects.toThrow(/document-b revision 0/);
  });

  it('groups consecutive revisions of one stream into one append, nothing else', () => {
    const e = (streamId: string, revision: number) => ({ streamId, revision }) as StoredEvent;
    const runs = runsOf([e('a', 0), e('a', 1), e('b', 0), e('a', 2), e('a', 4)]);
    expect(runs.map((r) => r.map((x) => `${x.streamId}${x.revision}`))).toEqual([['a0', 'a1'], ['b0'], ['a2'], ['a4']]);
  });

  it('the file checkpoint survives a restart of the command and refuses another source', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-migrate-'));
    const file = join(dir, 'cp.json');
    await fileCheckpoint(file, '/a/events.sqlite').save({ position: '0000000000000042', copied: 42 });
    expect(await fileCheckpoint(file, '/a/events.sqlite').load()).toEqual({ position: '0000000000000042', copied: 42 });
    await expect(fileCheckpoint(file, '/b/events.sqlite').load()).rejects.toThrow(/--restart/);
  });
});

describe('migrate into the EventStoreDB adapter (real client, gRPC double)', () => {
  it('copies in order with ids preserved, survives a crash, and a re-run adds nothing', async () => {
    const node = await new EsdbDoubleNode().start();
    const source = await seededSource();
    const target = EsdbEventStore.connect(node.connectionString);
    const checkpoint = memoryCheckpoint();
    await expect(migrateEvents(source, dyingAfter(target, 9, 'after'), checkpoint, { pageSize: 4 })).rejects.toThrow(/crash/);
    await migrateEvents(source, target, checkpoint, { pageSize: 4 });
    await migrateEvents(source, target, memoryCheckpoint(), { pageSize: 6 }); // from scratch: all idempotent
    const original = await readEverything(source);
    const copied = await readEverything(target);
    expect(copied.map(essence)).toEqual(original.map(essence));
    expect(copied.map((e) => e.eventId)).toEqual(original.map((e) => e.eventId));
    await target.close();
    await node.stop();
  });
});

describe('the migrate to-eventstoredb command', () => {
  it('copies a SQLite file into EventStoreDB (gRPC double) and a second run only re-checks', async () => {
    const { migrateToEventStoreDb } = await import('../../../src/cli/commands/migrate-to-esdb');
    const dir = mkdtempSync(join(tmpdir(), 'gw-migrate-cli-'));
    const file = join(dir, 'events.sqlite');
    const source = new SqliteEventStore({ file });
    await source.appendToStream('document-a', events(3), { expectedRevision: 'no_stream' });
    await source.appendToStream('document-b', events(2, 3), { expectedRevision: 'no_stream' });
    const original = await readEverything(source);
    await source.close();
    const node = await new EsdbDoubleNode().start();
    const out: string[] = [];
    const spies = [jest.spyOn(process.stdout, 'write'), jest.spyOn(process.stderr, 'write')].map((s) =>
      s.mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0),
    );
    try {
      expect(await migrateToEventStoreDb.run(['--to', node.connectionString, '--from', file, '--page-size', '2'])).toBe(0);
      expect(await migrateToEventStoreDb.run(['--to', node.connectionString, '--from', file])).toBe(0);
      expect(await migrateToEventStoreDb.run(['--from', join(dir, 'missing.sqlite'), '--to', node.connectionString])).toBe(2);
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    expect(out.join('')).toContain('完成 done: 5');
    const target = EsdbEventStore.connect(node.connectionString);
    expect((await readEverything(target)).map(essence)).toEqual(original.map(essence));
    await target.close();
    await node.stop();
  });
});
