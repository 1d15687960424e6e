import Database from 'better-sqlite3';
import { canonicalJson } from '../../src/audit/canonical-json';
import { eventHash, GENESIS_HASH } from '../../src/audit/hash-chain';
import { loadWorkingCalendar } from '../../src/calendar/calendar-loader';
import { foldStream } from '../../src/command-handling/fold';
import { DocumentAggregate } from '../../src/documents/document.aggregate';
import type { StoredEvent } from '../../src/event-store/event-store.port';
import { toStoredEvent, type EventRow } from '../../src/event-store/sqlite/sqlite-event-store';
import { directory } from './actors';

/** One command a client saw acknowledged (2xx), as the response described it. */
export interface Ack {
  step: string;
  streamId: string;
  revision: number;
  position: string;
  events: { type: string; revision: number }[];
  replayed: boolean;
}

export interface AuditReport {
  streams: number;
  events: number;
  acknowledged: number;
  /** Acknowledged events missing, or stored with another type/revision/position. */
  lost: number;
  /** Acknowledged commands whose events are stored more than once. */
  duplicated: number;
  /** Streams whose revisions are not 0..n-1, or whose head row disagrees. */
  gaps: number;
  hashFailures: number;
  /** Document streams the fold rejects. */
  foldFailures: number;
  integrity: string;
  problems: string[];
  /** Folded state of every document stream, for comparison with GET. */
  folded: Map<string, { revision: number; state: unknown }>;
}

/**
 * Reads the embedded store's file directly (the server must be stopped, or at least quiet)
 * and checks every invariant the harnesses care about.
 */
export function auditStore(file: string, acks: Ack[]): AuditReport {
  const db = new Database(file);
  const problems: string[] = [];
  const note = (p: string) => problems.length < 50 && problems.push(p);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const rows = db.prepare('SELECT * FROM events ORDER BY stream_id, revision').all() as EventRow[];
    const heads = new Map((db.prepare('SELECT stream_id, revision, position FROM streams').all() as { stream_id: string; revision: number; position: number }[]).map((h) => [h.stream_id, h]));
    const byStream = new Map<string, StoredEvent[]>();
    const byCommand = new Map<string, number>();
    for (const r of rows) {
      const e = toStoredEvent(r);
      (byStream.get(e.streamId) ?? byStream.set(e.streamId, []).get(e.streamId)!).push(e);
      const cid = String(e.metadata.commandId ?? '');
      byCommand.set(cid, (byCommand.get(cid) ?? 0) + 1);
    }

    let gaps = 0;
    let hashFailures = 0;
    let foldFailures = 0;
    const folded = new Map<string, { revision: number; state: unknown }>();
    const aggregate = new DocumentAggregate(loadWorkingCalendar(), directory);
    for (const [streamId, events] of byStream) {
      const gapless = events.every((e, i) => e.revision === i && (i === 0 || e.globalPosition > events[i - 1]!.globalPosition));
      const head = heads.get(streamId);
      const last = events[events.length - 1]!;
      if (!gapless || !head || head.revision !== last.revision || head.position !== Number(last.globalPosition)) {
        gaps++;
        note(`${streamId}: revisions ${events.map((e) => e.revision).join(',')} head ${JSON.stringify(head)}`);
      }
      let prev = GENESIS_HASH;
      for (const e of events) {
        const m = e.metadata;
        if (m.prevHash !== prev || m.hash !== eventHash(prev, e)) {
          hashFailures++;
          note(`${streamId}@${e.revision}: hash chain broken`);
          break;
        }
        prev = m.hash as string;
      }
      if (streamId.startsWith('document-')) {
        try {
          const f = foldStream(aggregate, events);
          folded.set(streamId, { revision: f.revision, state: JSON.parse(canonicalJson(f.state)) });
        } catch (error) {
          foldFailures++;
          note(`${streamId}: fold failed: ${(error as Error).message}`);
        }
      }
    }
    for (const streamId of heads.keys()) if (!byStream.has(streamId)) (gaps++, note(`${streamId}: head row without events`));

    let lost = 0;
    let duplicated = 0;
    const byRevision = new Map([...byStream].map(([id, events]) => [id, new Map(events.map((e) => [e.revision, e]))]));
    for (const ack of acks) {
      const events = byRevision.get(ack.streamId) ?? new Map<number, StoredEvent>();
      if (ack.events.length === 0) {
        if (!events.get(ack.revision)) (lost++, note(`${ack.step} ${ack.streamId}: acknowledged revision ${ack.revision} missing`));
        continue;
      }
      const stored = ack.events.map((a) => events.get(a.revision));
      const intact = stored.every((s, i) => s && s.type === ack.events[i]!.type);
      const lastPos = stored[stored.length - 1]?.globalPosition;
      if (!intact || lastPos !== ack.position) {
        lost++;
        note(`${ack.step} ${ack.streamId}@${ack.revision}: acknowledged ${JSON.stringify(ack.events)} at ${ack.position}, stored ${JSON.stringify(stored.map((s) => s && [s.revision, s.type, s.globalPosition]))}`);
        continue;
      }
      const commandIds = new Set(stored.map((s) => String(s!.metadata.commandId)));
      const cid = [...commandIds][0]!;
      if (commandIds.size !== 1 || byCommand.get(cid) !== ack.events.length) {
        duplicated++;
        note(`${ack.step} ${ack.streamId}: command ${cid} stored ${byCommand.get(cid)} times for ${ack.events.length} acknowledged events`);
      }
    }
    return { streams: byStream.size, events: rows.length, acknowledged: acks.length, lost, duplicated, gaps, hashFailures, foldFailures, integrity, problems, folded };
  } finally {
    db.close();
  }
}

/** GET /documents/:id bodies that differ from the fold of the stored stream. */
export function compareWithGet(folded: AuditReport['folded'], got: Map<string, { revision: number; body: Record<string, unknown> }>): string[] {
  const diffs: string[] = [];
  for (const [streamId, g] of got) {
    const f = folded.get(streamId);
    const { id: _i, revision: _r, position: _p, statusLabel: _s, ...state } = g.body;
    if (!f || f.revision !== g.revision || canonicalJson(f.state) !== canonicalJson(state)) diffs.push(streamId);
  }
  return diffs;
}
