import Database from 'better-sqlite3';

type Mutation = (db: Database.Database, row: Row, rnd: () => number) => string;
type Row = { position: number; stream_id: string; revision: number; data: string; metadata: string; type: string; schema_version: number; recorded_at: string };

/**
 * Tampering straight in the SQLite file, as someone with the file (not the app) would:
 * each returns a description of what it did.
 */
export const MUTATIONS: Record<string, Mutation> = {
  /** Change one value inside an event's data. */
  modifyData(db: Database.Database, row: Row, rnd: () => number) {
    const data = JSON.parse(row.data) as Record<string, unknown>;
    const keys = Object.keys(data);
    const key = keys[Math.floor(rnd() * keys.length)] ?? 'x';
    data[key] = typeof data[key] === 'number' ? (data[key] as number) + 1 : `${JSON.stringify(data[key])}改`;
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
    return `data.${key} of ${row.stream_id}@${row.revision}`;
  },
  /** Change who acted. */
  modifyMetadata(db: Database.Database, row: Row) {
    const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
    metadata.unit = `${String(metadata.unit)}-x`;
    db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), row.position);
    return `metadata.unit of ${row.stream_id}@${row.revision}`;
  },
  /** Back-date an event. */
  modifyRecordedAt(db: Database.Database, row: Row) {
    db.prepare('UPDATE events SET recorded_at = ? WHERE position = ?').run('2020-01-01T00:00:00.000Z', row.position);
    return `recorded_at of ${row.stream_id}@${row.revision}`;
  },
  modifyType(db: Database.Database, row: Row) {
    db.prepare('UPDATE events SET type = ?, schema_version = schema_version + 1 WHERE position = ?').run(`${row.type}.x`, row.position);
    return `type of ${row.stream_id}@${row.revision}`;
  },
  /** Delete any row: the middle or the tail of a stream, a whole one-event stream, or a seal. */
  deleteRow(db: Database.Database, row: Row) {
    db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    return `deleted ${row.stream_id}@${row.revision}`;
  },
  /** Swap the revisions of two events of one stream. */
  swapRevisions(db: Database.Database, row: Row, rnd: () => number): string {
    const others = db.prepare('SELECT position, revision FROM events WHERE stream_id = ? AND position <> ?').all(row.stream_id, row.position) as Row[];
    if (others.length === 0) {
      db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
      return `deleted the only event of ${row.stream_id}`;
    }
    const other = others[Math.floor(rnd() * others.length)]!;
    db.transaction(() => {
      db.prepare('UPDATE events SET revision = -1 WHERE position = ?').run(row.position);
      db.prepare('UPDATE events SET revision = ? WHERE position = ?').run(row.revision, other.position);
      db.prepare('UPDATE events SET revision = ? WHERE position = ?').run(other.revision, row.position);
    })();
    return `swapped ${row.stream_id}@${row.revision}↔${other.revision}`;
  },
  /** Move an event to another stream. */
  moveToStream(db: Database.Database, row: Row) {
    db.prepare('UPDATE events SET stream_id = ? WHERE position = ?').run(`${row.stream_id}-moved`, row.position);
    return `moved ${row.stream_id}@${row.revision}`;
  },
  /** Change any field of a seal (root, counts, position, a listed head, the signature …). */
  changeSeal(db: Database.Database, _row: Row, rnd: () => number) {
    const seals = db.prepare("SELECT position, data FROM events WHERE stream_id = 'audit-seals'").all() as Row[];
    const seal = seals[Math.floor(rnd() * seals.length)]!;
    const data = JSON.parse(seal.data) as Record<string, unknown>;
    const field = ['merkleRoot', 'events', 'streams', 'position', 'heads', 'signature', 'sealedAt'][Math.floor(rnd() * 7)]!;
    if (field === 'merkleRoot') data.merkleRoot = flipHex(String(data.merkleRoot));
    else if (field === 'events' || field === 'streams') data[field] = Number(data[field]) - 1;
    else if (field === 'position') data.position = String(Number(data.position) - 1).padStart(16, '0');
    else if (field === 'heads') data.heads = (data.heads as unknown[] | null)?.slice(1) ?? [];
    else if (field === 'signature') data.signature = Buffer.from(Buffer.from(String(data.signature), 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64');
    else data.sealedAt = '2030-01-01T00:00:00.000Z';
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), seal.position);
    return `seal field ${field}`;
  },
};

const flipHex = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

export type MutationName = string;

/** Applies one mutation to a random row of the file. */
export function mutate(file: string, name: MutationName, rnd: () => number): string {
  const db = new Database(file);
  try {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number };
    const row = db.prepare('SELECT * FROM events ORDER BY position LIMIT 1 OFFSET ?').get(Math.floor(rnd() * n)) as Row;
    return MUTATIONS[name]!(db, row, rnd);
  } finally {
    db.close();
  }
}
