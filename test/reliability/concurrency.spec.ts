import { concurrencyLine, runConcurrency } from '../../reliability/concurrency';

describe('concurrency (100 clients on the same documents, with and without If-Match)', () => {
  it('no lost update: every winner stored once where it was told, every loser 409/412 with a reason, states equal the fold', async () => {
    const s = await runConcurrency({ clients: 100, documents: 4, maxAttempts: 30, log: () => {} });
    process.stdout.write(`${concurrencyLine(s)}\n`);
    expect(s.failures).toEqual([]);
    expect(s.winners).toBeGreaterThan(100);
    expect(Object.keys(s.losers).some((k) => k.startsWith('412'))).toBe(true);
    expect(Object.keys(s.losers).some((k) => k.startsWith('409'))).toBe(true);
  }, 60_000);
});
