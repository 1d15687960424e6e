import { runCrash, summaryLine } from '../../reliability/crash';

describe('crash recovery (short CI version of npm run reliability:crash)', () => {
  it('3 SIGKILL cycles of the real server under load: no acknowledged command lost or duplicated, streams gapless, hash chains intact', async () => {
    const s = await runCrash({ cycles: 3, workers: 6, seed: 9, mode: 'ts', minRunMs: 300, maxRunMs: 1200, startupKillRate: 0.3, log: () => {} });
    process.stdout.write(`${summaryLine(s)}\n`);
    expect(s.problems).toEqual([]);
    expect(s).toMatchObject({ lost: 0, duplicated: 0, gaps: 0, hashFailures: 0, foldFailures: 0, getMismatches: 0, unexpected: 0, integrity: 'ok' });
    expect(s.acknowledged).toBeGreaterThan(0);
    expect(s.checks.filter((c) => c.status === 'failed')).toEqual([]);
  }, 90_000);
});
