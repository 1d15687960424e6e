import type { EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import { START } from '../../src/event-store/event-store.port';
import { ConcurrencyError, DuplicateEventIdError } from '../../src/event-store/errors';
import { anEvent, events } from '../support/events';

/**
 * The shared event-store contract (DESIGN §2). Every adapter runs it through a factory that
 * gives a fresh, empty store.
 */
export function eventStoreContract(name: string, makeStore: () => Promise<EventStore>): void {
  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    const stream = (suffix = '') => `document-${Math.random().toString(36).slice(2)}${suffix}`;

    describe('expected revision', () => {
      it("'no_stream' creates a stream and refuses when it exists", async () => {
        const s = stream();
        const result = await store.appendToStream(s, events(2), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(1);
        await expect(store.appendToStream(s, events(1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(ConcurrencyError);
      });

      it('an exact revision succeeds only when it is the current one', async () => {
        const s = stream();
        await store.appendToStream(s, events(2), { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(s, events(1), { expectedRevision: 0 })).rejects.toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          expected: 0,
          actual: 1,
        });
        const ok = await store.appendToStream(s, events(1), { expectedRevision: 1 });
        expect(ok.nextExpectedRevision).toBe(2);
      });

      it('an exact revision on a missing stream is a conflict', async () => {
        await expect(store.appendToStream(stream(), events(1), { expectedRevision: 0 })).rejects.toMatchObject({
          actual: 'no_stream',
        });
      });

      it("'stream_exists' refuses a missing stream and accepts an existing one", async () => {
        const s = stream();
        await expect(store.appendToStream(s, events(1), { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(ConcurrencyError);
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const ok = await store.appendToStream(s, events(1), { expectedRevision: 'stream_exists' });
        expect(ok.nextExpectedRevision).toBe(1);
      });

      it("'any' appends whatever the state", async () => {
        const s = stream();
        expect((await store.appendToStream(s, events(1), { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
        expect((await store.appendToStream(s, events(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2);
      });
    });

    describe('idempotent re-append', () => {
      it('the same event ids at the same expected revision succeed without duplicates', async () => {
        const s = stream();
        const batch = events(3);
        const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        const again = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        expect(again).toEqual(first);
        const next = events(1);
        const second = await store.appendToStream(s, next, { expectedRevision: 2 });
        expect(await store.appendToStream(s, next, { expectedRevision: 2 })).toEqual(second);
        expect(await store.readStream(s)).toHaveLength(4);
      });

      it('the same event ids elsewhere are refused', async () => {
        const s = stream();
        const batch = events(2);
        await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
        await expect(store.appendToStream(stream(), batch, { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        await store.appendToStream(s, events(1), { expectedRevision: 1 });
        await expect(store.appendToStream(s, batch, { expectedRevision: 2 })).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect(await store.readStream(s)).toHaveLength(3);
      });
    });

    describe('reading', () => {
      it('a missing stream reads as empty', async () => {
        expect(await store.readStream(stream())).toEqual([]);
      });

      it('reads a stream forwards, backwards, from a revision, with a limit, keeping the envelope', async () => {
        const s = stream();
        const written = events(5);
        await store.appendToStream(s, written, { expectedRevision: 'no_stream' });
        const all = await store.readStream(s);
        expect(all.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
        expect(all[2]).toMatchObject({ ...written[2], streamId: s, revision: 2 });
        expect((await store.readStream(s, { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4]);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 2 })).map((e) => e.revision)).toEqual([4, 3]);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 0]);
      });

      it('keeps every metadata field the command path records (command type and fingerprint, hash chain)', async () => {
        const s = stream();
        const written = anEvent(0);
        written.metadata = { ...written.metadata, commandType: 'urge', commandFingerprint: 'ab'.repeat(32), prevHash: '0'.repeat(64), hash: 'cd'.repeat(32) };
        await store.appendToStream(s, [written], { expectedRevision: 'no_stream' });
        expect((await store.readStream(s))[0]!.metadata).toEqual(written.metadata);
        expect((await store.readAll()).find((e) => e.eventId === written.eventId)?.metadata).toEqual(written.metadata);
      });

      it('global positions increase in commit order across streams, and the head is the last one', async () => {
        const a = stream('a');
        const b = stream('b');
        const r1 = await store.appendToStream(a, events(1), { expectedRevision: 'no_stream' });
        const r2 = await store.appendToStream(b, events(2), { expectedRevision: 'no_stream' });
        const r3 = await store.appendToStream(a, events(1), { expectedRevision: 0 });
        expect(r1.position < r2.position && r2.position < r3.position).toBe(true);
        expect(await store.headPosition()).toBe(r3.position);
        const log = await readEverything(store);
        expect(log.map((e) => e.streamId)).toEqual([a, b, b, a]);
        const positions = log.map((e) => e.globalPosition);
        expect([...positions].sort()).toEqual(positions);
      });

      it('readAll pages with an exclusive start and never repeats or skips an event', async () => {
        for (let i = 0; i < 7; i++) await store.appendToStream(stream(), events(3, i * 3), { expectedRevision: 'no_stream' });
        const seen: number[] = [];
        let from = START;
        for (;;) {
          const page = await store.readAll({ fromPosition: from, maxCount: 4 });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(4);
          seen.push(...page.map((e) => e.data.n as number));
          from = page[page.length - 1]!.globalPosition;
        }
        expect(seen).toEqual(Array.from({ length: 21 }, (_, i) => i));
      });

      it('an empty store has no head and reads nothing', async () => {
        expect(await store.headPosition()).toBe(START);
        expect(await store.readAll()).toEqual([]);
      });
    });

    describe('subscriptions', () => {
      it('catch up then go live, with nothing missed or duplicated across the switch', async () => {
        const before = 25;
        for (let i = 0; i < before; i++) await store.appendToStream(stream(), [anEvent(i)], { expectedRevision: 'no_stream' });
        const subscription = store.subscribeToAll();
        const received: number[] = [];
        const total = 60;
        const consumed = (async () => {
          for await (const event of subscription) {
            received.push(event.data.n as number);
            if (received.length === total) break;
          }
        })();
        // Writes interleave with the catch-up read: this is where a gap or a repeat would show.
        for (let i = before; i < total; i++) {
          await store.appendToStream(stream(), [anEvent(i)], { expectedRevision: 'no_stream' });
          if (i % 5 === 0) await new Promise((r) => setTimeout(r, 1));
        }
        await consumed;
        await subscription.close();
        expect(received).toEqual(Array.from({ length: total }, (_, i) => i));
      });

      it('resumes exclusively after a given position', async () => {
        const s = stream();
        await store.appendToStream(s, events(5), { expectedRevision: 'no_stream' });
        const log = await store.readAll();
        const subscription = store.subscribeToAll({ fromPosition: log[1]!.globalPosition });
        const received: number[] = [];
        for await (const event of subscription) {
          received.push(event.data.n as number);
          if (received.length === 3) break;
        }
        await subscription.close();
        expect(received).toEqual([2, 3, 4]);
      });

      it('a live subscriber is woken by a commit promptly', async () => {
        const subscription = store.subscribeToAll();
        const iterator = subscription[Symbol.asyncIterator]();
        const next = iterator.next();
        const started = Date.now();
        await store.appendToStream(stream(), [anEvent(42)], { expectedRevision: 'no_stream' });
        const { value } = await next;
        expect(value?.data.n).toBe(42);
        // Well under any polling interval: the commit itself wakes the subscriber.
        expect(Date.now() - started).toBeLessThan(400);
        await subscription.close();
      });

      it('close() ends a waiting subscription', async () => {
        const subscription = store.subscribeToAll();
        const done = (async () => {
          let n = 0;
          for await (const _ of subscription) n++;
          return n;
        })();
        await new Promise((r) => setTimeout(r, 20));
        await subscription.close();
        await expect(done).resolves.toBe(0);
      });
    });

    describe('concurrency', () => {
      it('concurrent appends to one stream at the same revision: exactly one wins per revision', async () => {
        const s = stream();
        await store.appendToStream(s, events(1), { expectedRevision: 'no_stream' });
        const attempts = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) => store.appendToStream(s, [anEvent(100 + i)], { expectedRevision: 0 })),
        );
        const winners = attempts.filter((a) => a.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const loser of attempts.filter((a) => a.status === 'rejected')) {
          expect((loser as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        }
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('a group commit where one member conflicts: it fails alone, the others are stored', async () => {
        const streams = Array.from({ length: 10 }, () => stream());
        const conflicted = stream('-conflict');
        await store.appendToStream(conflicted, events(1), { expectedRevision: 'no_stream' });
        // Issued in the same tick, so they share one transaction in a group-committing store.
        const results = await Promise.allSettled([
          ...streams.map((s, i) => store.appendToStream(s, [anEvent(i)], { expectedRevision: 'no_stream' })),
          store.appendToStream(conflicted, events(1), { expectedRevision: 'no_stream' }),
        ]);
        expect(results.slice(0, 10).every((r) => r.status === 'fulfilled')).toBe(true);
        expect(results[10]).toMatchObject({ status: 'rejected', reason: expect.any(ConcurrencyError) });
        for (const s of streams) expect(await store.readStream(s)).toHaveLength(1);
        expect(await store.readStream(conflicted)).toHaveLength(1);
      });

      it('a group commit where one member repeats an id stored elsewhere: it fails alone', async () => {
        const taken = events(1);
        await store.appendToStream(stream(), taken, { expectedRevision: 'no_stream' });
        const good = [stream(), stream()];
        const results = await Promise.allSettled([
          store.appendToStream(good[0]!, events(1), { expectedRevision: 'no_stream' }),
          store.appendToStream(stream(), taken, { expectedRevision: 'no_stream' }),
          store.appendToStream(good[1]!, events(1), { expectedRevision: 'no_stream' }),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError);
        for (const s of good) expect(await store.readStream(s)).toHaveLength(1);
      });

      it('appends in one batch to the same stream chain their revisions', async () => {
        const s = stream();
        const results = await Promise.all([
          store.appendToStream(s, events(1), { expectedRevision: 'no_stream' }),
          store.appendToStream(s, events(1), { expectedRevision: 0 }),
          store.appendToStream(s, events(1), { expectedRevision: 1 }),
        ]);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([0, 1, 2]);
      });
    });
  });
}

export async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let from = START;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 100 });
    if (page.length === 0) return all;
    all.push(...page);
    from = page[page.length - 1]!.globalPosition;
  }
}
