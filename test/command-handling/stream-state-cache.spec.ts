import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateDefinition } from '../../src/command-handling/aggregate-definition';
import { CommandExecutor } from '../../src/command-handling/command-executor';
import { StreamStateCache, type StreamSnapshot } from '../../src/command-handling/stream-state-cache';
import { eventHash, GENESIS_HASH } from '../../src/audit/hash-chain';
import type { Actor, DomainEvent } from '../../src/domain/decider';
import { DomainError } from '../../src/domain/domain-error';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import type { StoredEvent } from '../../src/event-store/event-store.port';

// A register that refuses to go past a limit, and claims that need a number of earlier
// events: the decisions depend on every earlier event.
type Cmd = { type: 'add'; amount: number } | { type: 'claim'; atLeast: number };
type Ev = DomainEvent<'added', { amount: number; note?: string }>;
type State = { total: number; notes: number; count: number };

const LIMIT = 10;
const counter: AggregateDefinition<State, Cmd, Ev, undefined> = {
  name: 'counter',
  schemaVersionOf: () => 1,
  deserialize: (type, _v, data) => ({ type, data }) as Ev,
  deps: () => undefined,
  decider: {
    initialState: () => ({ total: 0, notes: 0, count: 0 }),
    decide: (command, state) => {
      // No stored event carries a note, so a fold that counts one did not start from the store.
      if (state.notes > 0) throw new DomainError('invalid_state', 'FOLD_MISMATCH', '状态与存储不一致');
      if (command.type === 'claim') {
        if (state.count < command.atLeast) throw new DomainError('invalid_state', 'TOO_LITTLE', '不足');
        return [{ type: 'added', data: { amount: 0 } }];
      }
      if (state.total + command.amount > LIMIT) throw new DomainError('invalid_state', 'OVER_LIMIT', '超出上限');
      // `note: undefined` is dropped by JSON: the cached fold must count as the stored one does.
      return [{ type: 'added', data: { amount: command.amount, note: undefined } }];
    },
    evolve: (state, event) => ({ total: state.total + event.data.amount, notes: state.notes + ('note' in event.data ? 1 : 0), count: state.count + 1 }),
  },
};
const actor: Actor = { id: 'u-1', name: '张三', unit: 'zjg-gov-office', roles: ['office_clerk'] };
const clock = { now: () => new Date('2026-11-30T01:00:00Z') };

function chainIntact(events: StoredEvent[]): boolean {
  let prev = GENESIS_HASH;
  for (const e of events) {
    if (e.metadata.prevHash !== prev || eventHash(prev, e) !== e.metadata.hash) return false;
    prev = e.metadata.hash!;
  }
  return true;
}

describe('the command path with cached stream state', () => {
  /** Two stores on one file, as two processes would be, each with its own executor. */
  async function twoInstances(run: (a: CommandExecutor, b: CommandExecutor, mine: SqliteEventStore) => Promise<void>): Promise<void> {
    const path = join(mkdtempSync(join(tmpdir(), 'gw-cache-')), 'events.sqlite');
    const mine = new SqliteEventStore({ file: path });
    const theirs = new SqliteEventStore({ file: path });
    try {
      await run(new CommandExecutor(mine, clock), new CommandExecutor(theirs, clock), mine);
    } finally {
      await mine.close();
      await theirs.close();
    }
  }

  it('sees events another store instance appended behind its back', () =>
    twoInstances(async (a, b, mine) => {
      const add = (executor: CommandExecutor, amount: number, extra: object = {}) =>
        executor.execute({ aggregate: counter, id: 'c1', command: { type: 'add', amount }, actor, ...extra });
      await add(a, 4); // a now caches revision 0
      await add(b, 4); // written through the other connection
      await expect(add(a, 3)).rejects.toMatchObject({ code: 'OVER_LIMIT' }); // 4 + 4 + 3 > 10
      await expect(add(a, 2, { ifMatch: 0 })).rejects.toMatchObject({ code: 'REVISION_MISMATCH', actual: 1 });
      await expect(add(a, 2)).resolves.toMatchObject({ revision: 2 });
      await add(b, 0);
      // a's snapshot says revision 2: the If-Match the client got from b is right all the same.
      await expect(add(a, 0, { ifMatch: 3 })).resolves.toMatchObject({ revision: 4 });
      await add(b, 0);
      // a's snapshot holds 5 events, which would refuse the claim; the store holds 6.
      await expect(a.execute({ aggregate: counter, id: 'c1', command: { type: 'claim', atLeast: 6 }, actor })).resolves.toMatchObject({ revision: 6 });
      await expect(a.execute({ aggregate: counter, id: 'c1', command: { type: 'claim', atLeast: 8 }, actor })).rejects.toMatchObject({ code: 'TOO_LITTLE' });
      const stored = await mine.readStream('counter-c1');
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(chainIntact(stored)).toBe(true);
    }));

  it('answers an Idempotency-Key retry from the stream after another instance appended', () =>
    twoInstances(async (a, b, mine) => {
      const first = await b.execute({ aggregate: counter, id: 'c2', command: { type: 'add', amount: 1 }, actor, idempotencyKey: 'k' });
      await a.execute({ aggregate: counter, id: 'c2', command: { type: 'add', amount: 1 }, actor });
      const retry = await a.execute({ aggregate: counter, id: 'c2', command: { type: 'add', amount: 1 }, actor, idempotencyKey: 'k' });
      expect(retry).toMatchObject({ revision: first.revision, position: first.position, replayed: true });
      expect(await mine.readStream('counter-c2')).toHaveLength(2);
    }));

  it('folds its own appends exactly as folding the stored events would', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    try {
      const executor = new CommandExecutor(store, clock);
      const results = await Promise.all([1, 2, 3].map((amount) => executor.execute({ aggregate: counter, id: 'c3', command: { type: 'add', amount }, actor })));
      expect(results.map((r) => r.revision).sort()).toEqual([0, 1, 2]);
      // The limit still counts all three (6 + 5 > 10), and no note was folded (else FOLD_MISMATCH).
      await expect(executor.execute({ aggregate: counter, id: 'c3', command: { type: 'add', amount: 5 }, actor })).rejects.toMatchObject({ code: 'OVER_LIMIT' });
      expect(chainIntact(await store.readStream('counter-c3'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});

describe('StreamStateCache', () => {
  const snapshot = (revision: number): StreamSnapshot => ({ state: revision, revision, position: '', lastHash: undefined, commandIds: new Set() });

  it('keeps the newer snapshot of a stream', () => {
    const cache = new StreamStateCache();
    cache.put('s', snapshot(3));
    cache.put('s', snapshot(2));
    expect(cache.get('s')?.revision).toBe(3);
  });

  it('holds at most maxStreams, dropping the least recently used', () => {
    const cache = new StreamStateCache(2);
    cache.put('a', snapshot(0));
    cache.put('b', snapshot(0));
    cache.get('a');
    cache.put('c', snapshot(0));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((s) => s !== undefined)).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });
});
