import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEvents } from '../../src/audit/hash-chain';
import { merkleRoot, type StreamHead } from '../../src/audit/merkle';
import { sealSignatureValid, signSeal, type SealBody } from '../../src/audit/seal-format';
import { resolveSealKeys, SealKeyError } from '../../src/audit/seal-keys';
import { AuditChainBrokenError, Sealer } from '../../src/audit/sealer';
import { loadConfig } from '../../src/config/app-config';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { sealKeys, writeChainedStore } from './support/chained-store';

const dir = () => mkdtempSync(join(tmpdir(), 'gw-seal-'));
const config = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: dir(), ...env });

describe('seal keys', () => {
  it('with nothing configured, generates an Ed25519 key into DATA_DIR (0600) once, and reuses it', () => {
    const c = config();
    const first = resolveSealKeys(c, { generate: true });
    expect(first.generated).toBe(join(c.dataDir, 'audit-seal-key.pem'));
    expect(statSync(first.generated!).mode & 0o777).toBe(0o600);
    const again = resolveSealKeys(c, { generate: true });
    expect(again.generated).toBeUndefined();
    expect(again.keyId).toBe(first.keyId);
  });

  it('takes SEAL_PRIVATE_KEY (PEM, \\n-escaped in one line) or SEAL_KEY_FILE; refuses a non-Ed25519 key and a mismatched public key', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const keys = resolveSealKeys(config({ SEAL_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }), { generate: false });
    expect(keys.source).toBe('SEAL_PRIVATE_KEY');
    const file = join(dir(), 'seal.pem');
    writeFileSync(file, pem, { mode: 0o600 });
    expect(resolveSealKeys(config({ SEAL_KEY_FILE: file }), { generate: false }).keyId).toBe(keys.keyId);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => resolveSealKeys(config({ SEAL_PRIVATE_KEY: rsa }), { generate: false })).toThrow(/Ed25519/);
    const otherPublic = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => resolveSealKeys(config({ SEAL_PRIVATE_KEY: pem, SEAL_PUBLIC_KEY: otherPublic }), { generate: false })).toThrow(SealKeyError);
  });

  it('a verify-only machine needs a public key; without any key it says which variables to set', () => {
    const publicPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(resolveSealKeys(config({ SEAL_PUBLIC_KEY: publicPem }), { generate: false }).privateKey).toBeUndefined();
    expect(() => resolveSealKeys(config(), { generate: false })).toThrow(/SEAL_PUBLIC_KEY/);
  });
});

describe('Merkle root and signature', () => {
  const heads: StreamHead[] = [['document-a', 3, 'a'.repeat(64)], ['document-b', 0, 'b'.repeat(64)], ['issuance-c', 7, 'c'.repeat(64)]];

  it('is independent of input order and changes with any head', () => {
    expect(merkleRoot([...heads].reverse())).toBe(merkleRoot(heads));
    expect(merkleRoot([heads[0]!, heads[1]!, ['issuance-c', 8, 'c'.repeat(64)]])).not.toBe(merkleRoot(heads));
    expect(merkleRoot(heads.slice(0, 2))).not.toBe(merkleRoot(heads));
  });

  it('any change to a signed seal invalidates the signature', () => {
    const keys = sealKeys();
    const body: SealBody = { version: 1, sealNo: 1, position: '0000000000000003', previousPosition: '', streams: 3, events: 11, merkleRoot: merkleRoot(heads), heads, sealedAt: '2026-01-01T00:00:00.000Z', algorithm: 'Ed25519', keyId: keys.keyId };
    const seal = signSeal(body, keys.privateKey!);
    expect(sealSignatureValid(seal, keys.publicKey)).toBe(true);
    expect(sealSignatureValid({ ...seal, events: 10 }, keys.publicKey)).toBe(false);
    expect(sealSignatureValid({ ...seal, heads: heads.slice(1) }, keys.publicKey)).toBe(false);
    expect(sealSignatureValid(seal, sealKeys().publicKey)).toBe(false);
  });
});

describe('the sealer', () => {
  it('seals incrementally, listing only the streams changed since the previous seal, also across a restart', async () => {
    const file = join(dir(), 'events.sqlite');
    writeChainedStore(file, 5, 50);
    const keys = sealKeys();
    const store = new SqliteEventStore({ file });
    const first = await new Sealer(store, keys, () => new Date()).seal();
    expect(first.seal).toMatchObject({ sealNo: 1, streams: 5, events: 50 });
    expect(first.seal.heads).toHaveLength(5);
    const [[streamId, revision, hash]] = [first.seal.heads![0]!];
    const next = chainEvents(streamId, revision, hash, [{ eventId: 'e-new', type: 'document.urged', schemaVersion: 1, data: {}, metadata: { actor: { id: 'x', name: 'x' }, unit: 'u', role: 'r', commandId: 'c', correlationId: 'c', causationId: 'c' }, recordedAt: '2026-02-01T00:00:00.000Z' }]);
    await store.appendToStream(streamId, next, { expectedRevision: revision });
    const restarted = new Sealer(store, keys, () => new Date());
    const second = await restarted.seal();
    expect(second.seal).toMatchObject({ sealNo: 2, events: 52, streams: 6 });
    expect(second.seal.heads!.map((h) => h[0]).sort()).toEqual(['audit-seals', streamId]);
    expect((await restarted.seal()).created).toBe(false);
    await store.close();
  });

  it('two sealers on one store: the second to append takes the other\'s seal instead of failing', async () => {
    const file = join(dir(), 'events.sqlite');
    writeChainedStore(file, 3, 30);
    const keys = sealKeys();
    const store = new SqliteEventStore({ file });
    const [a, b] = await Promise.all([new Sealer(store, keys, () => new Date()).seal(), new Sealer(store, keys, () => new Date()).seal()]);
    expect([a.seal.sealNo, b.seal.sealNo]).toEqual([1, 1]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await store.readStream('audit-seals')).toHaveLength(1);
    await store.close();
  });

  it('refuses to seal over a broken chain (a seal must never bless altered data), and stays refused', async () => {
    const file = join(dir(), 'events.sqlite');
    writeChainedStore(file, 3, 30);
    const db = new Database(file);
    db.prepare(`UPDATE events SET data = json_set(data, '$.n', 99) WHERE position = 7`).run();
    db.close();
    const store = new SqliteEventStore({ file });
    const sealer = new Sealer(store, sealKeys(), () => new Date());
    await expect(sealer.seal()).rejects.toBeInstanceOf(AuditChainBrokenError);
    await expect(sealer.seal()).rejects.toThrow(/HASH_MISMATCH/);
    expect(await store.readStream('audit-seals')).toHaveLength(0);
    await store.close();
  });
});
