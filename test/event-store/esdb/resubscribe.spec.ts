import { START, type StoredEvent } from '../../../src/event-store/event-store.port';
import {
  backoffDelay,
  resubscribing,
  type SourceItem,
  type SourceSubscription,
} from '../../../src/event-store/esdb/resubscribe';

const pos = (n: number) => n.toString().padStart(4, '0');
const item = (n: number, system = false): SourceItem => ({
  position: pos(n),
  event: system ? undefined : ({ data: { n }, globalPosition: pos(n) } as unknown as StoredEvent),
});

type Step = SourceItem | 'confirm' | Error | 'end' | 'hang';

/** A fake server: each open() plays the next script, remembering where it was asked to start. */
function fakeServer(scripts: Step[][]) {
  const opened: string[] = [];
  let unsubscribed = 0;
  const open = (after: string, onConfirmed: () => void): SourceSubscription => {
    opened.push(after);
    const script = scripts.shift() ?? ['hang'];
    return {
      async *[Symbol.asyncIterator]() {
        for (const step of script) {
          if (step === 'confirm') onConfirmed();
          else if (step === 'end') return;
          else if (step === 'hang') await new Promise(() => undefined);
          else if (step instanceof Error) throw step;
          else yield step;
        }
        await new Promise(() => undefined); // a live subscription waits for more
      },
      unsubscribe: async () => {
        unsubscribed++;
      },
    };
  };
  return { open, opened, unsubscribed: () => unsubscribed };
}

function fakeSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

async function take(sub: AsyncIterable<StoredEvent>, count: number): Promise<number[]> {
  const got: number[] = [];
  if (count === 0) return got;
  for await (const event of sub) {
    got.push(event.data.n as number);
    if (got.length === count) break;
  }
  return got;
}

const backoff = { initialMs: 100, maxMs: 1000, factor: 2 };

describe('resubscribing subscription', () => {
  it('backoff grows exponentially and is capped', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelay(a, backoff))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('on an error, resubscribes after the last delivered position and delivers nothing twice', async () => {
    const server = fakeServer([
      ['confirm', item(1), item(2), new Error('14 UNAVAILABLE: connection reset')],
      // At-least-once across the reconnect: the server re-sends the boundary record.
      ['confirm', item(2), item(3)],
    ]);
    const { sleep, delays } = fakeSleep();
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep });
    expect(await take(sub, 3)).toEqual([1, 2, 3]);
    expect(server.opened).toEqual([START, pos(2)]);
    expect(delays).toEqual([100]);
    expect(sub.status()).toMatchObject({ connected: true, lastPosition: pos(3), resubscriptions: 1, lastError: '14 UNAVAILABLE: connection reset' });
    await sub.close();
  });

  it('on an unexpected end, resubscribes too', async () => {
    const server = fakeServer([[item(1), 'end'], [item(2)]]);
    const { sleep } = fakeSleep();
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep });
    expect(await take(sub, 2)).toEqual([1, 2]);
    expect(server.opened).toEqual([START, pos(1)]);
    expect(sub.status().lastError).toMatch(/ended unexpectedly/);
    await sub.close();
  });

  it('backs off longer on each consecutive failure and resets once the server confirms again', async () => {
    const fail = () => new Error('down');
    const server = fakeServer([[fail()], [fail()], [fail()], ['confirm', item(1), fail()], [fail()], [item(2)]]);
    const { sleep, delays } = fakeSleep();
    const errors: number[] = [];
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep, onError: (_e, ms) => errors.push(ms) });
    expect(await take(sub, 2)).toEqual([1, 2]);
    expect(delays).toEqual([100, 200, 400, 100, 200]);
    expect(errors).toEqual(delays);
    await sub.close();
  });

  it('advances past skipped (system) records, so a resubscription does not re-read them', async () => {
    const server = fakeServer([[item(1), item(2, true), item(3, true), new Error('x')], [item(4)]]);
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep: fakeSleep().sleep });
    expect(await take(sub, 2)).toEqual([1, 4]);
    expect(server.opened[1]).toBe(pos(3));
    await sub.close();
  });

  it('starts exclusively after the given position and ignores anything at or before it', async () => {
    const server = fakeServer([[item(5), item(6), item(7)]]);
    const sub = resubscribing({ open: server.open, from: pos(6), backoff, sleep: fakeSleep().sleep });
    expect(await take(sub, 1)).toEqual([7]);
    expect(server.opened).toEqual([pos(6)]);
    await sub.close();
  });

  it('close() ends an iteration waiting on a silent server and unsubscribes', async () => {
    const server = fakeServer([['confirm', 'hang']]);
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep: fakeSleep().sleep });
    const done = take(sub, 5);
    await new Promise((r) => setTimeout(r, 10));
    expect(sub.status().connected).toBe(true);
    await sub.close();
    await expect(done).resolves.toEqual([]);
    expect(server.unsubscribed()).toBe(1);
    expect(sub.status().connected).toBe(false);
  });

  it('close() during the backoff wait stops resubscribing', async () => {
    const server = fakeServer([[new Error('down')]]);
    let wake!: () => void;
    const sleep = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        wake = resolve;
        signal.addEventListener('abort', () => resolve());
      });
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep });
    const done = take(sub, 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(sub.status()).toMatchObject({ connected: false, lastError: 'down' });
    await sub.close();
    wake();
    await expect(done).resolves.toEqual([]);
    expect(server.opened).toHaveLength(1);
  });

  it('breaking out of for-await unsubscribes from the server', async () => {
    const server = fakeServer([[item(1), item(2)]]);
    const sub = resubscribing({ open: server.open, from: START, backoff, sleep: fakeSleep().sleep });
    expect(await take(sub, 1)).toEqual([1]);
    expect(server.unsubscribed()).toBe(1);
  });
});
