import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStore, type VerifyReport } from '../../src/audit/audit-verifier';
import type { SealKeys } from '../../src/audit/seal-keys';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { prng, sealedStore, sealKeys } from './support/chained-store';
import { mutate, MUTATIONS, type MutationName } from './support/mutations';

/** Tampering directly in the SQLite file, then `audit verify` (issue 5: tamper tests). */
describe('audit verify against a tampered SQLite file', () => {
  let keys: SealKeys;
  let original: string;
  const scratch = mkdtempSync(join(tmpdir(), 'gw-tamper-'));
  let copies = 0;

  beforeAll(async () => {
    keys = sealKeys();
    original = await sealedStore(12, 240, keys);
  });

  const copy = (): string => {
    const file = join(scratch, `copy-${copies++}.sqlite`);
    copyFileSync(original, file);
    for (const suffix of ['-wal', '-shm']) if (existsSync(original + suffix)) copyFileSync(original + suffix, file + suffix);
    return file;
  };
  const verify = async (file: string, withKeys: Pick<SealKeys, 'publicKey' | 'keyId'> = keys): Promise<VerifyReport> => {
    const index = new Database(file, { readonly: true });
    const streamIndex = new Map((index.prepare('SELECT stream_id AS id, revision FROM streams').all() as { id: string; revision: number }[]).map((r) => [r.id, r.revision]));
    index.close();
    const store = new SqliteEventStore({ file });
    try {
      return await verifyStore(store, { publicKey: withKeys.publicKey, keyId: withKeys.keyId, streamIndex, pageSize: 97 });
    } finally {
      await store.close();
    }
  };
  const run = (file: string, sql: string, ...params: unknown[]) => {
    const db = new Database(file);
    db.prepare(sql).run(...params);
    db.close();
  };

  it('reports a clean store as clean, every event sealed by two valid seals', async () => {
    const report = await verify(copy());
    expect(report).toMatchObject({ ok: true, events: 243, streams: 14, issues: [], unsealedEvents: 0, seals: { count: 2, valid: 2 } });
  });

  it('modified data: HASH_MISMATCH naming the stream and revision', async () => {
    const file = copy();
    run(file, `UPDATE events SET data = json_set(data, '$.title', '已篡改') WHERE stream_id = 'document-00000003' AND revision = 5`);
    const { ok, issues } = await verify(file);
    expect(ok).toBe(false);
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', streamId: 'document-00000003', revision: 5 }));
  });

  it('a deleted event in the middle: REVISION_GAP at the stream; at the tail: the seal names the stream', async () => {
    const middle = copy();
    run(middle, `DELETE FROM events WHERE stream_id = 'document-00000004' AND revision = 7`);
    expect((await verify(middle)).issues).toContainEqual(expect.objectContaining({ kind: 'REVISION_GAP', streamId: 'document-00000004', revision: 8 }));

    const tail = copy();
    run(tail, `DELETE FROM events WHERE stream_id = 'document-00000004' AND revision = 19`);
    run(tail, `UPDATE streams SET revision = 18 WHERE stream_id = 'document-00000004'`); // even hiding it in the index
    const { issues } = await verify(tail);
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'SEAL_ROOT_MISMATCH', sealNo: 1 }));
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'SEALED_HEAD_MISMATCH', sealNo: 1, streamId: 'document-00000004', revision: 19 }));
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'SEAL_COUNT_MISMATCH', sealNo: 1 }));
  });

  it('two revisions swapped: both revisions no longer match their hashes', async () => {
    const file = copy();
    const db = new Database(file);
    db.transaction(() => {
      db.prepare(`UPDATE events SET revision = -1 WHERE stream_id = 'document-00000002' AND revision = 3`).run();
      db.prepare(`UPDATE events SET revision = 3 WHERE stream_id = 'document-00000002' AND revision = 4`).run();
      db.prepare(`UPDATE events SET revision = 4 WHERE stream_id = 'document-00000002' AND revision = -1`).run();
    })();
    db.close();
    const { issues } = await verify(file);
    for (const revision of [3, 4]) {
      expect(issues).toContainEqual(expect.objectContaining({ kind: 'HASH_MISMATCH', streamId: 'document-00000002', revision }));
    }
  });

  it('a changed seal: SEAL_SIGNATURE_INVALID naming the seal; a seal signed with another key: SEAL_KEY_UNKNOWN', async () => {
    const file = copy();
    run(file, `UPDATE events SET data = json_set(data, '$.merkleRoot', '${'0'.repeat(64)}') WHERE stream_id = 'audit-seals' AND revision = 0`);
    expect((await verify(file)).issues).toContainEqual(expect.objectContaining({ kind: 'SEAL_SIGNATURE_INVALID', sealNo: 1 }));
    const other = sealKeys();
    const { issues } = await verify(copy(), other);
    expect(issues.filter((i) => i.kind === 'SEAL_KEY_UNKNOWN').map((i) => i.sealNo)).toEqual([1, 2]);
  });

  it('catches 100% of 1,000 random mutations of the file', async () => {
    const names = Object.keys(MUTATIONS) as MutationName[];
    const missed: string[] = [];
    const byKind = new Map<string, number>();
    for (let seed = 1; seed <= 1000; seed++) {
      const rnd = prng(seed * 7919);
      const file = copy();
      const name = names[Math.floor(rnd() * names.length)]!;
      const what = mutate(file, name, rnd);
      const report = await verify(file);
      if (report.ok) missed.push(`seed ${seed}: ${name} ${what}`);
      else byKind.set(name, (byKind.get(name) ?? 0) + 1);
    }
    expect(missed).toEqual([]);
    expect([...byKind.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    expect(byKind.size).toBe(names.length);
  }, 240_000);
});
