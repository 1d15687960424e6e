import { runFaults } from '../../reliability/faults';

describe('faults: disk full, read-only, SIGTERM', () => {
  it('writes answer 503 STORE_UNAVAILABLE in Chinese, reads keep working, nothing is corrupted, writes resume; SIGTERM drains', async () => {
    const results = await runFaults('ts');
    for (const r of results) process.stdout.write(`${r.name}: ${r.status} — ${r.detail}\n`);
    expect(results.filter((r) => r.status === 'failed')).toEqual([]);
    // The SQLite error paths and the shutdown checks run everywhere; the tmpfs ones need root.
    expect(results.filter((r) => r.status === 'passed').map((r) => r.name)).toEqual(
      expect.arrayContaining(['sqlite-disk-full', 'sqlite-read-only', 'sigterm-in-flight', 'close-ends-subscriptions']),
    );
  }, 90_000);
});
