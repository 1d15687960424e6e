import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainEvents } from '../../src/audit/hash-chain';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { auditStore, type Ack } from '../../reliability/lib/store-audit';

/** The auditor the harnesses rely on must itself catch a loss, a duplicate, a gap and a forged hash. */
describe('store audit used by the reliability harnesses', () => {
  async function storeWithTwoCommands() {
    const file = join(mkdtempSync(join(tmpdir(), 'gw-audit-')), 'events.sqlite');
    const store = new SqliteEventStore({ file });
    const acks: Ack[] = [];
    let prev: string | undefined;
    for (const [revision, commandId] of [[0, 'c-1'], [1, 'c-2']] as const) {
      const [event] = chainEvents('document-x', revision - 1, prev, [
        { eventId: `e-${revision}`, type: 'document.urged', schemaVersion: 1, data: { text: '催办' }, recordedAt: '2026-11-30T01:00:00.000Z', metadata: { actor: { id: 'a', name: 'a' }, unit: 'u', role: 'supervisor', commandId, correlationId: commandId, causationId: commandId } },
      ]);
      prev = event!.metadata.hash;
      const r = await store.appendToStream('document-x', [event!], { expectedRevision: revision === 0 ? 'no_stream' : revision - 1 });
      acks.push({ step: 'urge', streamId: 'document-x', revision, position: r.position, events: [{ type: 'document.urged', revision }], replayed: false });
    }
    await store.close();
    return { file, acks };
  }

  it('passes an intact store', async () => {
    const { file, acks } = await storeWithTwoCommands();
    expect(auditStore(file, acks)).toMatchObject({ lost: 0, duplicated: 0, gaps: 0, hashFailures: 0, integrity: 'ok' });
  });

  it('reports a deleted acknowledged event as lost and as a gap', async () => {
    const { file, acks } = await storeWithTwoCommands();
    const db = new Database(file);
    db.prepare("DELETE FROM events WHERE event_id = 'e-0'").run();
    db.close();
    expect(auditStore(file, acks)).toMatchObject({ lost: 1, gaps: 1 });
  });

  it('reports a command stored twice as duplicated, and an altered event as a broken hash chain', async () => {
    const { file, acks } = await storeWithTwoCommands();
    const db = new Database(file);
    const row = db.prepare("SELECT * FROM events WHERE event_id = 'e-1'").get() as Record<string, unknown>;
    db.prepare('INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, 2, ?, ?, ?, ?, ?, ?)').run(
      row.stream_id, 'e-1-again', row.type, row.schema_version, row.data, row.metadata, row.recorded_at,
    );
    db.prepare('UPDATE streams SET revision = 2, position = (SELECT MAX(position) FROM events)').run();
    db.close();
    const report = auditStore(file, acks);
    expect(report.duplicated).toBe(1);
    expect(report.hashFailures).toBe(1);
  });
});
