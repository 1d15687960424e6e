import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { makeEvent, STREAMS, streamName, tempDatabase, timed, type Session } from './workload';

/**
 * Our store through its public port: `writers` concurrent loops, each awaiting one 1-event
 * append (exact expected revision) before the next, so the group commit batches across them.
 */
export async function ourStore(writers: number): Promise<Session> {
  const { file, cleanup } = tempDatabase(`ours-${writers}`);
  const store = new SqliteEventStore({ file, synchronous: 'FULL' });
  const heads = new Int32Array(STREAMS).fill(-1);
  let next = 0;
  return {
    run: (seconds) =>
      timed(seconds, async (deadline) => {
        let events = 0;
        const writer = async () => {
          while (performance.now() < deadline) {
            const n = next++;
            const s = n % STREAMS;
            const expected = heads[s]! < 0 ? 'no_stream' : heads[s]!;
            heads[s] = heads[s]! + 1; // claim the revision before awaiting, so writers never conflict
            await store.appendToStream(streamName(s), [makeEvent(n)], { expectedRevision: expected });
            events++;
          }
        };
        await Promise.all(Array.from({ length: writers }, writer));
        return events;
      }),
    close: async () => {
      await store.close();
      cleanup();
    },
  };
}
