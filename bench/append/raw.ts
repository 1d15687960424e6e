import Database from 'better-sqlite3';
import { openEventDatabase } from '../../src/event-store/sqlite/schema';
import { makeEvent, STREAMS, tempDatabase, timed, type Session } from './workload';

/**
 * The ceiling: better-sqlite3 with our tables and pragmas (WAL, FULL) and the two writes an
 * append must make (event row, stream head), but no checks, no promises, no batching logic.
 */
export async function rawBetterSqlite(eventsPerTransaction: number): Promise<Session> {
  const { file, cleanup } = tempDatabase('raw');
  const db = new Database(file);
  openEventDatabase(db, 'FULL');
  const insertEvent = db.prepare(
    `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertStream = db.prepare(
    `INSERT INTO streams (stream_id, revision, position) VALUES (?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, position = excluded.position`,
  );
  const heads = new Int32Array(STREAMS).fill(-1);
  let n = 0;
  const writeBatch = db.transaction((count: number) => {
    for (let i = 0; i < count; i++, n++) {
      const e = makeEvent(n);
      const s = n % STREAMS;
      const revision = ++heads[s]!;
      const info = insertEvent.run(`document-${s}`, revision, e.eventId, e.type, e.schemaVersion,
        JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt);
      upsertStream.run(`document-${s}`, revision, info.lastInsertRowid);
    }
  });
  return {
    run: (seconds) =>
      timed(seconds, async (deadline) => {
        const before = n;
        while (performance.now() < deadline) writeBatch.immediate(eventsPerTransaction);
        return n - before;
      }),
    close: async () => {
      db.close();
      cleanup();
    },
  };
}
