import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStore } from '../../src/audit/audit-verifier';
import { Sealer } from '../../src/audit/sealer';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { sealKeys, writeChainedStore } from './support/chained-store';

/**
 * 1M events, 20k streams, sealed, then a full verify. Slow (generation dominates), so it
 * runs only with AUDIT_BENCH=1: `AUDIT_BENCH=1 npx jest test/audit/verify-speed.spec.ts`.
 */
const bench = process.env.AUDIT_BENCH === '1' ? it : it.skip;
const EVENTS = Number(process.env.AUDIT_BENCH_EVENTS ?? 1_000_000);

describe('audit verify speed', () => {
  bench(`verifies ${EVENTS.toLocaleString('en-US')} events well under a minute`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gw-verify-bench-')), 'events.sqlite');
    let t = Date.now();
    writeChainedStore(file, 20_000, EVENTS);
    const generated = (Date.now() - t) / 1000;
    const keys = sealKeys();
    const store = new SqliteEventStore({ file });
    t = Date.now();
    await new Sealer(store, keys, () => new Date()).seal();
    const sealed = (Date.now() - t) / 1000;
    const db = new Database(file, { readonly: true });
    const streamIndex = new Map((db.prepare('SELECT stream_id AS id, revision FROM streams').all() as { id: string; revision: number }[]).map((r) => [r.id, r.revision]));
    db.close();
    t = Date.now();
    const report = await verifyStore(store, { publicKey: keys.publicKey, keyId: keys.keyId, streamIndex });
    const verified = (Date.now() - t) / 1000;
    await store.close();
    process.stderr.write(
      `generate ${generated.toFixed(1)} s · first seal (full scan) ${sealed.toFixed(1)} s · verify ${verified.toFixed(1)} s = ${Math.round(report.events / verified).toLocaleString('en-US')} events/s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB\n`,
    );
    expect(report.ok).toBe(true);
    expect(report.events).toBe(EVENTS + 1);
    expect(verified).toBeLessThan(60);
  }, 900_000);
});
