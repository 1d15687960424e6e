import Database from 'better-sqlite3';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainEvents } from '../../../src/audit/hash-chain';
import { keyIdOf } from '../../../src/audit/seal-format';
import type { SealKeys } from '../../../src/audit/seal-keys';
import { Sealer } from '../../../src/audit/sealer';
import type { EventToAppend } from '../../../src/event-store/event-store.port';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store';

export function sealKeys(): SealKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey), source: 'test' };
}

/** A small deterministic PRNG, so a failing mutation can be replayed from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const event = (i: number, stream: number): EventToAppend => ({
  eventId: randomUUID(),
  type: i === 0 ? 'document.submitted' : 'document.urged',
  schemaVersion: 1,
  data: { n: i, title: `关于第${stream}号事项的请示`, units: ['finance', 'education'], nested: { ok: true, score: i * 1.5 } },
  metadata: { actor: { id: `u-${stream}`, name: '经办人' }, unit: 'natural-resources', role: 'unit_clerk', commandId: randomUUID(), correlationId: 'c', causationId: 'c' },
  recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
});

/**
 * Writes `events` hash-chained events over `streams` streams straight into a SQLite event
 * store file (rows exactly as the adapter writes them, interleaved across streams), fast
 * enough for a million.
 */
export function writeChainedStore(file: string, streams: number, events: number): void {
  new SqliteEventStore({ file }).close();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    'INSERT INTO events (position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const head = db.prepare('INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position');
  const heads = new Map<number, { revision: number; hash?: string }>();
  const write = db.transaction((from: number, to: number) => {
    for (let p = from; p < to; p++) {
      const s = p % streams;
      const h = heads.get(s) ?? { revision: -1 };
      const streamId = `document-${String(s).padStart(8, '0')}`;
      const [e] = chainEvents(streamId, h.revision, h.hash, [event(h.revision + 1, s)]);
      insert.run(p + 1, streamId, h.revision + 1, e!.eventId, e!.type, e!.schemaVersion, JSON.stringify(e!.data), JSON.stringify(e!.metadata), e!.recordedAt);
      head.run(streamId, h.revision + 1, p + 1);
      heads.set(s, { revision: h.revision + 1, hash: e!.metadata.hash });
    }
  });
  for (let from = 0; from < events; from += 50_000) write(from, Math.min(events, from + 50_000));
  db.close();
}

/** A sealed store: events, a seal, more events, a second seal (two seals to check against). */
export async function sealedStore(streams: number, events: number, keys: SealKeys): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-audit-'));
  const file = join(dir, 'events.sqlite');
  writeChainedStore(file, streams, events);
  const store = new SqliteEventStore({ file });
  const sealer = new Sealer(store, keys, () => new Date('2026-06-01T00:00:00Z'));
  await sealer.seal();
  const extra: EventToAppend[] = [event(0, 9999)];
  await store.appendToStream('document-late', chainEvents('document-late', -1, undefined, extra), { expectedRevision: 'no_stream' });
  await sealer.seal();
  await store.close();
  return file;
}
