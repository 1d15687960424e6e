import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import type { Row } from '../../projections/projection';
import { appendBulk, newRunner, openStore, rowsOf, sortBy, streamCounts, tally, tempDir } from './support/test-projections';

type Line = { t: 'ready' | 'caught-up' | 'in-batch' | 'error'; position?: string; applied?: number; m?: string };

/** Runs test/projections/support/child-runner.js; resolves when it exits (SIGKILLed at 'in-batch' when blocking). */
function runChild(dataDir: string, blockAt?: number, whileLive?: () => Promise<void>): Promise<{ lines: Line[]; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, [join(__dirname, 'support', 'child-runner.js'), JSON.stringify({ dataDir, blockAt })], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Line[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Line;
    lines.push(line);
    if (line.t === 'ready' && whileLive) void whileLive();
    if (line.t === 'in-batch') child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('close', (_code, signal) => resolve({ lines, signal, stderr })));
}

const committedCheckpoint = (file: string, name: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT checkpoint FROM projection_generations WHERE name = ? ORDER BY generation DESC LIMIT 1').get(name) as { checkpoint: string };
    return Number(row.checkpoint || 0);
  } finally {
    db.close();
  }
};

/**
 * A child process runs the runner and is SIGKILLed while a batch's transaction is open
 * (its handler blocks mid-batch), during the initial build and again while live. Resumed,
 * the rows — of a projection that is NOT idempotent, so a double or a skip would show — equal
 * a fresh rebuild.
 */
describe('projection runner crash (SIGKILL mid-batch)', () => {
  it('resumes from the last committed batch with rows equal to a fresh rebuild', async () => {
    const dataDir = tempDir('gw-proj-crash-');
    const file = join(dataDir, 'read-models.sqlite');
    const store = openStore(dataDir);
    await appendBulk(store, 20_000, 300);
    await store.close();

    // 1. Killed in the 4th rebuild batch (events 6001–8000), at event 7300.
    const first = await runChild(dataDir, 7300);
    expect(first.signal).toBe('SIGKILL');
    expect(first.lines.find((l) => l.t === 'in-batch')?.position).toBe('0000000000007300');
    expect(committedCheckpoint(file, 'tally')).toBe(6000);

    // 2. Resumed from 6000 and killed again, mid-batch (event 9000 of the batch 8001–10000).
    const second = await runChild(dataDir, 3000);
    expect(second.signal).toBe('SIGKILL');
    expect(second.lines.find((l) => l.t === 'in-batch')?.position).toBe('0000000000009000');
    expect(committedCheckpoint(file, 'tally')).toBe(8000);

    // 3. Resumed to the end: the build switches over and the projections go live.
    const third = await runChild(dataDir);
    expect(third.lines.filter((l) => l.t === 'error')).toEqual([]);
    expect(third.lines.at(-1)).toMatchObject({ t: 'caught-up', applied: 12_000 });

    // 4. Killed while live, in a batch of events appended while it runs.
    const live = await runChild(dataDir, 1700, async () => {
      const s = openStore(dataDir);
      await appendBulk(s, 5000, 300);
      await s.close();
    });
    expect(live.signal).toBe('SIGKILL');
    expect(committedCheckpoint(file, 'tally')).toBeLessThan(Number(live.lines.find((l) => l.t === 'in-batch')!.position));
    const fourth = await runChild(dataDir);
    expect(fourth.lines.at(-1)).toMatchObject({ t: 'caught-up' });

    // Check: integrity, exactly-once counts, and equality with a fresh rebuild.
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const resumed = snapshot(file, 1);
    expect(resumed.total).toEqual([{ id: 'all', applied: 25_000 }]);
    for (const r of resumed.perStream as Array<{ applied: number; positions: string }>) {
      const positions = r.positions.split(',').filter(Boolean);
      expect(new Set(positions).size).toBe(r.applied);
    }
    const check = openStore(dataDir);
    const runner = newRunner(check, dataDir, [tally(), streamCounts()]);
    const { generations } = await runner.rebuild('all');
    expect(generations).toEqual({ tally: 2, stream_counts: 2 });
    expect(snapshot(file, 2)).toEqual(resumed);
    await runner.stop();
    await check.close();
  });
});

function snapshot(file: string, generation: number): { total: Row[]; perStream: Row[]; streams: Row[] } {
  return {
    total: rowsOf(file, `rm_tally_g${generation}_total`),
    perStream: sortBy('stream_id')(rowsOf(file, `rm_tally_g${generation}_per_stream`)),
    streams: sortBy('stream_id')(rowsOf(file, `rm_stream_counts_g${generation}_streams`)),
  };
}
