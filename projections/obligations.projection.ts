import type { StoredEvent } from '../src/event-store/event-store.port';
import { documentSubjects } from './document-subject';
import { issuanceSubjects } from './issuance-subject';
import { ObligationVersions } from './obligation-versions';
import type { Source } from './obligation-vocabulary';
import type { Change, ProjectionDefinition, ProjectionLookup, Row } from './projection';
import { proposalSubjects } from './proposal-subject';
import { sourceOf } from './stream-source';
import type { SubjectKind } from './subject-kind';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const KINDS: Record<Source, SubjectKind<any>> = { document: documentSubjects, issuance: issuanceSubjects, proposal: proposalSubjects };

/** An obligation's row, the same in `open` (the current version) and `past` (ended ones). */
export const OBLIGATION_ROW = {
  stream_id: 'TEXT',
  obligation: 'TEXT',
  source: 'TEXT NOT NULL',
  doc_id: 'TEXT NOT NULL',
  title: 'TEXT',
  doc_kind: 'TEXT',
  handling_class: 'TEXT',
  type: 'TEXT NOT NULL',
  unit: 'TEXT NOT NULL',
  owed_by: 'TEXT NOT NULL',
  due_at: 'TEXT NOT NULL',
  due_date: 'TEXT NOT NULL',
  opened_at: 'TEXT',
  detail: 'TEXT',
  urged_at: 'TEXT',
};

/**
 * Who owes what by when (第三十二条, 第四十七条, 第二十七条, 第四十五条).
 *
 * - `subjects`: one row per tracked item with its compact folded state (the domain's own
 *   evolve) and the revision applied last, so an event seen before changes nothing;
 * - `open`: one row per open obligation, deleted when fulfilled; rows without a time limit
 *   carry NO_DEADLINE_AT so every row sorts and pages on one index. `since`: when this version
 *   of the row began (arose, due date moved, 催办 …); `opened_at`: when the obligation arose;
 * - `past`: every version that ended (changed or fulfilled), as it was, with `until`, so
 *   "overdue as of 1 November" reads what was open and due then (obligation-versions.ts);
 * - `status_counts`, `open_counts` and `due_counts`: the dashboard's counters by (unit,
 *   status), by unit and by (unit, due date), kept exactly once per event by the revision
 *   check above, so the summary reads a few hundred rows at any volume.
 */
export const obligationsProjection: ProjectionDefinition = {
  name: 'obligations',
  version: 5,
  description: '督查: 未完成事项 (谁、何事、何时到期), 及按单位的状态和到期日计数',
  tables: {
    subjects: {
      columns: {
        stream_id: 'TEXT',
        source: 'TEXT NOT NULL',
        doc_id: 'TEXT NOT NULL',
        revision: 'INTEGER NOT NULL',
        unit: 'TEXT NOT NULL',
        status: 'TEXT NOT NULL',
        title: 'TEXT',
        state: 'TEXT NOT NULL',
        updated_at: 'TEXT NOT NULL',
      },
      primaryKey: ['stream_id'],
    },
    open: {
      columns: {
        ...OBLIGATION_ROW,
        since: 'TEXT NOT NULL',
      },
      primaryKey: ['stream_id', 'obligation'],
      indexes: [
        ['due_at', 'stream_id', 'obligation'],
        ['unit', 'due_at', 'stream_id', 'obligation'],
        ['owed_by'],
      ],
    },
    past: {
      columns: {
        ...OBLIGATION_ROW,
        since: 'TEXT',
        until: 'TEXT NOT NULL',
        timed: 'INTEGER NOT NULL',
      },
      // A version is its obligation and interval. Keyed by `until`: the versions valid at a past
      // asOf ended after it (a range on the key, `since` read in the key), and rows arrive in
      // roughly `until` order, so inserts append; no other index to keep. `timed` (1: it had a
      // due date) comes first so red/yellow, which only ever read timed rows, skip the untimed
      // versions (the office's intake steps, 批示: most versions of a document) in one range.
      primaryKey: ['timed', 'until', 'since', 'stream_id', 'obligation'],
    },
    status_counts: {
      columns: { source: 'TEXT', unit: 'TEXT', status: 'TEXT', n: 'INTEGER NOT NULL' },
      primaryKey: ['source', 'unit', 'status'],
    },
    open_counts: {
      columns: { unit: 'TEXT', n: 'INTEGER NOT NULL' },
      primaryKey: ['unit'],
    },
    due_counts: {
      columns: { unit: 'TEXT', due_date: 'TEXT', n: 'INTEGER NOT NULL' },
      primaryKey: ['unit', 'due_date'],
      // Only dates from today on are summed (red = open − not yet due).
      indexes: [['due_date', 'unit']],
    },
  },
  eventTypes: [...documentSubjects.eventTypes, ...issuanceSubjects.eventTypes, ...proposalSubjects.eventTypes],
  apply(event, lookup) {
    return applyEvents([event], lookup);
  },
  applyBatch: applyEvents,
};

/** Each stream's events of the batch are folded together: one read and one write per stream. */
function applyEvents(events: readonly StoredEvent[], lookup: ProjectionLookup): Change[] {
  const byStream = new Map<string, StoredEvent[]>();
  for (const e of events) {
    const list = byStream.get(e.streamId);
    if (list) list.push(e);
    else byStream.set(e.streamId, [e]);
  }
  const changes: Change[] = [];
  const counts = new Counters();
  for (const [streamId, list] of byStream) {
    const stream = sourceOf(streamId);
    if (stream) applyToSubject(KINDS[stream.source], stream.id, streamId, list, lookup, changes, counts);
  }
  for (const c of counts.changes(lookup)) changes.push(c);
  return changes;
}

function applyToSubject<S>(
  kind: SubjectKind<S>,
  docId: string,
  streamId: string,
  events: readonly StoredEvent[],
  lookup: ProjectionLookup,
  changes: Change[],
  counts: Counters,
): void {
  const previous = lookup.get('subjects', { stream_id: streamId });
  const seen = previous ? Number(previous.revision) : -1;
  const before: S | undefined = previous ? (JSON.parse(String(previous.state)) as S) : undefined;
  const subject = { streamId, docId, source: kind.source };
  const versions = new ObligationVersions(subject, before === undefined ? undefined : kind.info(before), before === undefined ? [] : kind.obligations(before), lookup, changes);
  let state = before ?? kind.initial();
  let last: StoredEvent | undefined;
  for (const e of events) {
    if (e.revision <= seen) continue;
    state = kind.evolve(state, e);
    versions.advance(kind.info(state), kind.obligations(state), e.recordedAt);
    last = e;
  }
  if (!last) return;
  state = kind.compact(state);
  const info = kind.info(state);
  changes.push({
    op: 'upsert',
    table: 'subjects',
    row: {
      stream_id: streamId,
      source: kind.source,
      doc_id: docId,
      revision: last.revision,
      unit: info.unit,
      status: info.status,
      title: info.title,
      state: JSON.stringify(state),
      updated_at: last.recordedAt,
    },
  });
  if (previous) counts.add('status_counts', { source: kind.source, unit: String(previous.unit), status: String(previous.status) }, -1);
  counts.add('status_counts', { source: kind.source, unit: info.unit, status: info.status }, 1);

  versions.openChanges((key, was, after) => {
    if (after) changes.push({ op: 'upsert', table: 'open', row: after });
    else changes.push({ op: 'delete', table: 'open', key: { stream_id: streamId, obligation: key } });
    if (was) counts.obligation(was, -1);
    if (after) counts.obligation(after, 1);
  });
}

/** Net changes per counter key, so one event touching a key twice reads and writes it once. */
class Counters {
  private readonly deltas = new Map<string, { table: string; key: Row; delta: number }>();

  add(table: string, key: Row, delta: number): void {
    const id = `${table}\u0001${Object.values(key).join('\u0001')}`;
    const entry = this.deltas.get(id);
    if (entry) entry.delta += delta;
    else this.deltas.set(id, { table, key, delta });
  }

  /** One open obligation more or less, by its unit and due date. */
  obligation(row: Row, delta: number): void {
    this.add('open_counts', { unit: String(row.unit) }, delta);
    this.add('due_counts', { unit: String(row.unit), due_date: String(row.due_date) }, delta);
  }

  changes(lookup: ProjectionLookup): Change[] {
    const out: Change[] = [];
    for (const { table, key, delta } of this.deltas.values()) {
      if (delta === 0) continue;
      const n = Number(lookup.get(table, key)?.n ?? 0) + delta;
      out.push(n === 0 ? { op: 'delete', table, key } : { op: 'upsert', table, row: { ...key, n } });
    }
    return out;
  }
}
