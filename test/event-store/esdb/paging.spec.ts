import fc from 'fast-check';
import { START } from '../../../src/event-store/event-store.port';
import { dropThrough, lastPosition, readPageAfter, type LogItem } from '../../../src/event-store/esdb/paging';

const pos = (n: number) => n.toString().padStart(6, '0');

/** A fake $all whose reads are inclusive of the start position, like the server's. */
function fakeLog(records: Array<{ system: boolean }>) {
  const log: LogItem<number>[] = records.map((r, i) => ({ position: pos(i + 1), value: r.system ? undefined : i + 1 }));
  const calls: Array<{ from: string; count: number }> = [];
  return {
    log,
    calls,
    forward: async (from: string, count: number) => {
      calls.push({ from, count });
      return log.filter((r) => from === START || r.position >= from).slice(0, count);
    },
    backward: async (from: string, count: number) =>
      [...log].reverse().filter((r) => from === 'end' || r.position <= from).slice(0, count),
  };
}

describe('paging over an inclusive $all', () => {
  it('drops the boundary record the server returns again', () => {
    const items = [{ position: pos(3), value: 3 }, { position: pos(4), value: 4 }];
    expect(dropThrough(items, pos(3))).toEqual([{ position: pos(4), value: 4 }]);
    expect(dropThrough(items, START)).toEqual(items);
  });

  it('pages from the last position without repeating or skipping, skipping system records', async () => {
    const { forward, log } = fakeLog(Array.from({ length: 23 }, (_, i) => ({ system: i % 4 === 1 })));
    const seen: number[] = [];
    let from = START;
    for (;;) {
      const page = await readPageAfter(forward, from, 4, 3);
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(4);
      seen.push(...page);
      from = pos(page[page.length - 1]!);
    }
    expect(seen).toEqual(log.filter((r) => r.value !== undefined).map((r) => r.value));
  });

  it('never returns an empty page while events remain behind a run of system records', async () => {
    const records = [{ system: false }, ...Array.from({ length: 50 }, () => ({ system: true })), { system: false }];
    const { forward } = fakeLog(records);
    expect(await readPageAfter(forward, pos(1), 10, 8)).toEqual([52]);
  });

  it('asks for one extra record when resuming, because the boundary comes back first', async () => {
    const { forward, calls } = fakeLog(Array.from({ length: 10 }, () => ({ system: false })));
    expect(await readPageAfter(forward, pos(2), 3, 1)).toEqual([3, 4, 5]);
    expect(calls[0]).toEqual({ from: pos(2), count: 4 });
    expect(calls).toHaveLength(1);
  });

  it('any page size over any mix of records reads every event once, in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 5 }), async (flags, size, batch) => {
        const { forward, log } = fakeLog(flags.map((system) => ({ system })));
        const seen: number[] = [];
        let from = START;
        for (;;) {
          const page = await readPageAfter(forward, from, size, batch);
          if (page.length === 0) break;
          seen.push(...page);
          from = pos(page[page.length - 1]!);
        }
        expect(seen).toEqual(log.filter((r) => r.value !== undefined).map((r) => r.value));
      }),
    );
  });

  it('the head is the newest record that is ours, looking past trailing system records', async () => {
    const { backward } = fakeLog([{ system: false }, { system: false }, ...Array.from({ length: 7 }, () => ({ system: true }))]);
    expect(await lastPosition(backward, 3)).toBe(pos(2));
    expect(await lastPosition(fakeLog([{ system: true }, { system: true }]).backward, 1)).toBe(START);
    expect(await lastPosition(fakeLog([]).backward)).toBe(START);
  });
});
