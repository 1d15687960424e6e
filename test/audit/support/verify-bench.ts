/**
 * `node -r ./test/support/ts-require-hook.js test/audit/support/verify-bench.ts [events] [streams]`:
 * generates a hash-chained SQLite store, seals it with `audit seal`, then times `audit verify`
 * exactly as an operator runs it (plain node, progress bar on stderr).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditSeal } from '../../../src/cli/commands/audit-seal';
import { auditVerify } from '../../../src/cli/commands/audit-verify';
import { writeChainedStore } from './chained-store';

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 1_000_000);
  const streams = Number(process.argv[3] ?? 20_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-verify-bench-'));
  process.env.DATA_DIR = dataDir;
  let t = Date.now();
  writeChainedStore(join(dataDir, 'events.sqlite'), streams, events);
  process.stderr.write(`generated ${events} events over ${streams} streams in ${((Date.now() - t) / 1000).toFixed(1)} s (${dataDir})\n`);
  t = Date.now();
  await auditSeal.run([]);
  process.stderr.write(`audit seal (first seal: a full scan) ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  t = Date.now();
  const code = await auditVerify.run([]);
  const seconds = (Date.now() - t) / 1000;
  process.stderr.write(`audit verify exit ${code} in ${seconds.toFixed(1)} s = ${Math.round((events + 1) / seconds).toLocaleString('en-US')} events/s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`);
  process.exitCode = code;
  // A failed verification keeps the store for inspection; a passing one is 1 GB of nothing.
  if (code === 0) rmSync(dataDir, { recursive: true, force: true });
  else process.stderr.write(`kept ${dataDir}\n`);
}

void main();
