import type { AggregateDefinition } from '../../src/command-handling/aggregate-definition';
import { CommandExecutor } from '../../src/command-handling/command-executor';
import { IdempotencyKeyReusedError, PreconditionFailedError } from '../../src/command-handling/command-errors';
import type { Actor, DomainEvent } from '../../src/domain/decider';
import { DomainError } from '../../src/domain/domain-error';
import type { EventStore } from '../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { chainEvents, eventHash, GENESIS_HASH } from '../../src/audit/hash-chain';
import { commandFingerprint } from '../../src/command-handling/command-fingerprint';
import { eventIdFor, uuidFrom } from '../../src/command-handling/deterministic-id';

// A toy tally: enough to exercise the one command path without the document domain.
type Cmd = { type: 'add'; amount: number } | { type: 'close' };
type Ev = DomainEvent<'added', { amount: number }> | DomainEvent<'closed', Record<string, never>>;
type State = { total: number; closed: boolean };

const tally: AggregateDefinition<State, Cmd, Ev, undefined> = {
  name: 'tally',
  schemaVersionOf: (type) => ({ added: 1, closed: 1 })[type] ?? (() => { throw new Error(type); })(),
  deserialize: (type, _v, data) => ({ type, data }) as Ev,
  deps: () => undefined,
  decider: {
    initialState: () => ({ total: 0, closed: false }),
    decide: (command, state) => {
      if (state.closed) throw new DomainError('invalid_state', 'CLOSED', '已关闭');
      return command.type === 'add' ? [{ type: 'added', data: { amount: command.amount } }] : [{ type: 'closed', data: {} }];
    },
    evolve: (state, event) => (event.type === 'added' ? { ...state, total: state.total + event.data.amount } : { ...state, closed: true }),
  },
};

const actor: Actor = { id: 'u-1', name: '张三', unit: 'zjg-gov-office', roles: ['office_clerk'] };

describe('the one command path', () => {
  let store: EventStore;
  let executor: CommandExecutor;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    executor = new CommandExecutor(store, { now: () => new Date('2026-11-30T01:00:00Z') });
  });
  afterEach(() => store.close());

  const add = (amount: number, extra: object = {}) =>
    executor.execute({ aggregate: tally, id: 't1', command: { type: 'add', amount }, actor, ...extra });

  it('appends decided events with envelope metadata, hash chain and the new revision and position', async () => {
    const first = await add(2, { correlationId: 'corr-1' });
    expect(first).toMatchObject({ streamId: 'tally-t1', revision: 0, events: [{ type: 'added', revision: 0 }], replayed: false });
    const second = await add(3);
    expect(second.revision).toBe(1);
    expect(second.position > first.position).toBe(true);
    const stored = await store.readStream('tally-t1');
    expect(stored[0]!.metadata).toMatchObject({
      actor: { id: 'u-1', name: '张三' },
      unit: 'zjg-gov-office',
      role: 'office_clerk',
      commandType: 'add',
      correlationId: 'corr-1',
      prevHash: GENESIS_HASH,
    });
    expect(stored[0]!.recordedAt).toBe('2026-11-30T01:00:00.000Z');
    expect(stored[1]!.metadata.prevHash).toBe(stored[0]!.metadata.hash);
  });

  it('If-Match with a stale revision answers 412 and writes nothing', async () => {
    await add(1);
    await add(1);
    await expect(add(1, { ifMatch: 0 })).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.readStream('tally-t1')).toHaveLength(2);
    await expect(add(1, { ifMatch: 1 })).resolves.toMatchObject({ revision: 2 });
  });

  it('without If-Match, concurrent commands are all applied by retrying on conflict', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => add(1)));
    expect(results.map((r) => r.revision).sort()).toEqual([0, 1, 2, 3]);
  });

  it('an Idempotency-Key retry returns the first result and writes nothing new', async () => {
    const first = await add(5, { idempotencyKey: 'k-1' });
    await add(1);
    const retry = await add(5, { idempotencyKey: 'k-1' });
    expect(retry).toMatchObject({ revision: first.revision, position: first.position, replayed: true });
    expect(await store.readStream('tally-t1')).toHaveLength(2);
    await expect(
      executor.execute({ aggregate: tally, id: 't1', command: { type: 'close' }, actor, idempotencyKey: 'k-1' }),
    ).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('an Idempotency-Key reused for the same command type with another body is refused (422) and writes nothing', async () => {
    const first = await add(5, { idempotencyKey: 'k-1' });
    await expect(add(6, { idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('tally-t1')).toHaveLength(1);
    // The same on a fresh read (no cached snapshot), e.g. after a restart or on another node.
    const fresh = new CommandExecutor(store, { now: () => new Date('2026-11-30T02:00:00Z') });
    const again = (amount: number) => fresh.execute({ aggregate: tally, id: 't1', command: { type: 'add', amount }, actor, idempotencyKey: 'k-1' });
    await expect(again(6)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(again(5)).resolves.toMatchObject({ revision: first.revision, position: first.position, replayed: true });
    expect(await store.readStream('tally-t1')).toHaveLength(1);
  });

  it('records the fingerprint in the metadata, covered by the hash chain', async () => {
    await add(5, { idempotencyKey: 'k-1' });
    await add(1);
    const [keyed, plain] = await store.readStream('tally-t1');
    expect(keyed!.metadata.commandFingerprint).toBe(commandFingerprint({ type: 'add', amount: 5 }));
    expect(plain!.metadata.commandFingerprint).toBeUndefined();
    expect(keyed!.metadata.hash).toBe(eventHash(GENESIS_HASH, keyed!));
    expect(eventHash(GENESIS_HASH, { ...keyed!, metadata: { ...keyed!.metadata, commandFingerprint: 'f'.repeat(64) } })).not.toBe(keyed!.metadata.hash);
  });

  it('two different commands racing under one Idempotency-Key: one is written, the other refused', async () => {
    const results = await Promise.allSettled([add(5, { idempotencyKey: 'race' }), add(6, { idempotencyKey: 'race' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.any(IdempotencyKeyReusedError) });
    const stored = await store.readStream('tally-t1');
    expect(stored).toHaveLength(1);
    expect(results.find((r) => r.status === 'fulfilled')).toMatchObject({ value: { events: [{ data: stored[0]!.data }] } });
  });

  it('events stored before fingerprints existed: a retry is compared by command type only', async () => {
    // What the command path wrote then: the key's command id, its type, no fingerprint.
    const commandId = uuidFrom(`tally-t1\n${actor.id}\nold-key`);
    const old = { eventId: eventIdFor(commandId, 0), type: 'added', schemaVersion: 1, data: { amount: 5 }, recordedAt: '2026-11-29T01:00:00.000Z',
      metadata: { actor: { id: actor.id, name: actor.name }, unit: actor.unit, role: 'office_clerk', commandId, commandType: 'add', correlationId: commandId, causationId: commandId } };
    await store.appendToStream('tally-t1', chainEvents('tally-t1', -1, undefined, [old]), { expectedRevision: 'no_stream' });
    await expect(add(9, { idempotencyKey: 'old-key' })).resolves.toMatchObject({ revision: 0, replayed: true, events: [{ data: { amount: 5 } }] });
    await expect(executor.execute({ aggregate: tally, id: 't1', command: { type: 'close' }, actor, idempotencyKey: 'old-key' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.readStream('tally-t1')).toHaveLength(1);
  });

  it('concurrent duplicates of one Idempotency-Key write once', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => add(7, { idempotencyKey: 'same' })));
    expect(new Set(results.map((r) => r.revision))).toEqual(new Set([0]));
    expect(await store.readStream('tally-t1')).toHaveLength(1);
  });

  it('a refusal by the decider writes nothing', async () => {
    await executor.execute({ aggregate: tally, id: 't1', command: { type: 'close' }, actor });
    await expect(add(1)).rejects.toMatchObject({ code: 'CLOSED' });
    expect(await store.readStream('tally-t1')).toHaveLength(1);
  });
});
