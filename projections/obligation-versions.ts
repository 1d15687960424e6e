import { NO_DEADLINE_AT, NO_DEADLINE_DATE, type Obligation, type Source } from './obligation-vocabulary';
import type { Change, ProjectionLookup, Row } from './projection';
import type { SubjectInfo } from './subject-kind';

/**
 * One version of an obligation's row: what `open` holds while it lasts. `since` undefined: the
 * row stored before this batch, read only if it ends (its since and opened_at are in the table).
 */
interface Version {
  row: Row;
  since?: string;
  openedAt?: string | null;
}

/** Shared by the streams that owe nothing; never written to (advance replaces, never mutates). */
const NONE: Map<string, Version> = new Map();

/** The subject an obligation row repeats (one stream). */
export interface RowSubject {
  streamId: string;
  docId: string;
  source: Source;
}

/**
 * The versions of one stream's obligation rows through a batch, so a past asOf can be answered
 * with what was true then (第三十二条 督查). Each row in `open` is the current version, valid
 * from `since`; when an event changes or closes it, the version goes to `past` with `until` =
 * that event's recordedAt. Events are taken one at a time, so a batch writes exactly the
 * versions that one-by-one application writes. Rows are built only when something changed:
 * most events change no obligation, and a rebuild folds millions of them.
 */
export class ObligationVersions {
  private readonly initial: ReadonlyMap<string, Version>;
  private current: Map<string, Version>;

  /** `info` and `owed`: the stored state's, before the batch (undefined: a new stream). */
  constructor(
    private readonly subject: RowSubject,
    info: SubjectInfo | undefined,
    owed: readonly Obligation[],
    private readonly lookup: ProjectionLookup,
    private readonly changes: Change[],
  ) {
    this.current = NONE;
    if (info && owed.length > 0) {
      this.current = new Map();
      for (const o of owed) this.current.set(o.key, { row: obligationRow(subject, info, o) });
    }
    this.initial = this.current;
  }

  /** The obligations after an event recorded `at`: changed and closed versions go to `past`. */
  advance(info: SubjectInfo, owed: readonly Obligation[], at: string): void {
    if (this.unchanged(info, owed)) return;
    const next = new Map<string, Version>();
    for (const o of owed) {
      const was = this.current.get(o.key);
      if (was && sameRow(was.row, info, o)) next.set(o.key, was);
      // A changed obligation keeps the moment it arose; a new or reopened one arises now.
      else next.set(o.key, { row: obligationRow(this.subject, info, o), since: at, openedAt: was ? this.end(o.key, was, at) : at });
    }
    for (const [key, was] of this.current) if (!next.has(key)) this.end(key, was, at);
    this.current = next;
  }

  /**
   * The writes to `open` for the end of the batch: each row to upsert (whole, with since and
   * opened_at) or key to delete, with the row it replaces (for the counters).
   */
  openChanges(write: (key: string, before: Row | undefined, after: Row | undefined) => void): void {
    if (this.current === this.initial) return;
    for (const [key, v] of this.initial) if (!this.current.has(key)) write(key, v.row, undefined);
    for (const [key, v] of this.current) {
      const before = this.initial.get(key);
      if (before !== v) write(key, before?.row, { ...v.row, opened_at: v.openedAt ?? null, since: v.since! });
    }
  }

  private unchanged(info: SubjectInfo, owed: readonly Obligation[]): boolean {
    if (owed.length !== this.current.size) return false;
    for (const o of owed) {
      const was = this.current.get(o.key);
      if (!was || !sameRow(was.row, info, o)) return false;
    }
    return true;
  }

  /** Sends the version to `past`; returns when the obligation arose. */
  private end(key: string, v: Version, until: string): string | null {
    let row: Row | undefined;
    if (v.since === undefined) row = this.lookup.get('open', { stream_id: this.subject.streamId, obligation: key });
    else row = { ...v.row, opened_at: v.openedAt ?? null, since: v.since };
    // A version that ended the instant it began (two events of one command) was never true.
    if (row && String(row.since) < until) this.changes.push({ op: 'upsert', table: 'past', row: { ...row, until, timed: row.due_at === NO_DEADLINE_AT ? 0 : 1 } });
    return (row?.opened_at as string | null | undefined) ?? null;
  }
}

/** The row of `open` for an obligation (without since and opened_at, which the versions add). */
export function obligationRow(s: RowSubject, info: SubjectInfo, o: Obligation): Row {
  return {
    stream_id: s.streamId,
    obligation: o.key,
    source: s.source,
    doc_id: s.docId,
    title: info.title,
    doc_kind: info.kind,
    handling_class: info.handlingClass,
    type: o.type,
    unit: o.unit,
    owed_by: o.owedBy,
    due_at: o.dueAt ?? NO_DEADLINE_AT,
    due_date: o.dueDate ?? NO_DEADLINE_DATE,
    detail: o.detail ?? null,
    urged_at: o.urgedAt ?? null,
  };
}

/**
 * Whether `row` is what obligationRow would build, without building it (every event is
 * compared). Covers every column obligationRow fills from the state; a spec checks each one.
 */
export function sameRow(row: Row, info: SubjectInfo, o: Obligation): boolean {
  return (
    row.title === info.title &&
    row.doc_kind === info.kind &&
    row.handling_class === info.handlingClass &&
    row.type === o.type &&
    row.unit === o.unit &&
    row.owed_by === o.owedBy &&
    row.due_at === (o.dueAt ?? NO_DEADLINE_AT) &&
    row.due_date === (o.dueDate ?? NO_DEADLINE_DATE) &&
    row.detail === (o.detail ?? null) &&
    row.urged_at === (o.urgedAt ?? null)
  );
}
