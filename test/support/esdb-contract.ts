import type { EventStore } from '../../src/event-store/event-store.port';
import { eventStoreContract } from '../event-store/contract';
import { events } from './events';

/**
 * Where EventStoreDB deliberately differs from the shared contract. EventStoreDB does not keep
 * event ids unique across the log: it only recognises a re-sent batch as idempotent when it is
 * re-sent to the same stream at the same expected revision. These contract tests are replaced by
 * tests asserting what EventStoreDB does instead — not skipped — so a change on either side shows.
 */
const DIVERGENCES: Record<string, { why: string; run: (store: EventStore) => Promise<void> }> = {
  'the same event ids elsewhere are refused': {
    why: 'EventStoreDB stores the same event ids in another stream or at another revision',
    run: async (store) => {
      const s = `document-${Math.random().toString(36).slice(2)}`;
      const batch = events(2);
      const first = await store.appendToStream(s, batch, { expectedRevision: 'no_stream' });
      expect(await store.appendToStream(`${s}-other`, batch, { expectedRevision: 'no_stream' })).toMatchObject({ nextExpectedRevision: 1 });
      // Still idempotent where it matters: the same batch at the same expected revision.
      expect(await store.appendToStream(s, batch, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await store.readStream(s)).toHaveLength(2);
    },
  },
  'a group commit where one member repeats an id stored elsewhere: it fails alone': {
    why: 'EventStoreDB has no group commit across streams and no global event-id uniqueness',
    run: async (store) => {
      const taken = events(1);
      await store.appendToStream(`document-${Math.random().toString(36).slice(2)}`, taken, { expectedRevision: 'no_stream' });
      const results = await Promise.allSettled([
        store.appendToStream(`document-${Math.random().toString(36).slice(2)}`, events(1), { expectedRevision: 'no_stream' }),
        store.appendToStream(`document-${Math.random().toString(36).slice(2)}`, taken, { expectedRevision: 'no_stream' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    },
  },
};

/** The shared contract for an EventStoreDB-backed store, with the documented divergences asserted. */
export function esdbEventStoreContract(name: string, makeStore: () => Promise<EventStore>): void {
  const realIt = global.it;
  const replacing = ((title: string, fn?: jest.ProvidesCallback, timeout?: number) => {
    const divergence = DIVERGENCES[title];
    if (!divergence) return realIt(title, fn, timeout);
    return realIt(
      `KNOWN DIVERGENCE — ${title} — instead: ${divergence.why}`,
      async () => {
        const store = await makeStore();
        try {
          await divergence.run(store);
        } finally {
          await store.close();
        }
      },
      timeout,
    );
  }) as jest.It;
  global.it = Object.assign(replacing, realIt);
  try {
    eventStoreContract(name, makeStore);
  } finally {
    global.it = realIt;
  }
}

export const esdbDivergences = Object.keys(DIVERGENCES);
