import type { StoredEvent } from '../src/event-store/event-store.port';
import { shanghaiDate } from '../src/calendar/deadline-policy';
import type { Source } from './obligation-vocabulary';
import type { Change, ProjectionDefinition, ProjectionLookup, Row } from './projection';
import { sourceOf, text } from './stream-source';
import { currentData } from './upcast';

type Data = Record<string, unknown>;

/** The Shanghai date of an instant; null for anything unreadable. */
function dateOf(instant: unknown): string | null {
  if (typeof instant !== 'string') return null;
  try {
    return shanghaiDate(instant);
  } catch {
    return null;
  }
}

function due(deadline: unknown): Row {
  const d = (deadline ?? {}) as Data;
  return { due_at: text(d.dueAt), due_date: text(d.dueDate) };
}

const unfinished: Row = { finished_at: null, finished_date: null, on_time: null };

/**
 * 第三十二条 绩效考核: per-item facts (交办, 时限, 办结 and whether on time) and one row per
 * 催办 or approved 延期. Only keyed upserts and patches, no counters: rates, averages and
 * counts per unit, 分管领导 and month are aggregated at query time.
 */
export const performanceProjection: ProjectionDefinition = {
  name: 'performance',
  version: 3,
  description: '绩效: 每件交办事项的交办、时限、办结和是否按时, 以及催办、延期记录',
  tables: {
    facts: {
      columns: {
        stream_id: 'TEXT',
        source: 'TEXT NOT NULL',
        doc_id: 'TEXT NOT NULL',
        kind: 'TEXT',
        unit: 'TEXT',
        handling_class: 'TEXT',
        assigned_at: 'TEXT',
        assigned_date: 'TEXT',
        due_at: 'TEXT',
        due_date: 'TEXT',
        finished_at: 'TEXT',
        finished_date: 'TEXT',
        on_time: 'INTEGER',
      },
      primaryKey: ['stream_id'],
      // Covering: reports read only these columns over a range of 交办 dates.
      indexes: [['assigned_date', 'unit', 'finished_date', 'due_at', 'on_time']],
    },
    incidents: {
      columns: {
        stream_id: 'TEXT',
        revision: 'INTEGER',
        source: 'TEXT NOT NULL',
        doc_id: 'TEXT NOT NULL',
        type: 'TEXT NOT NULL',
        unit: 'TEXT NOT NULL',
        at: 'TEXT NOT NULL',
        date: 'TEXT',
      },
      primaryKey: ['stream_id', 'revision'],
      indexes: [['date', 'unit']],
    },
  },
  eventTypes: [
    'document.submitted',
    'document.resubmitted',
    'document.assigned',
    'document.extension_approved',
    'document.deadline_recalculated',
    'document.urged',
    'document.opinion_submitted',
    'document.completed',
    'proposal.registered',
    'proposal.assigned',
    'proposal.extension_approved',
    'proposal.answered',
    'proposal.reopened',
    'proposal.deadlines_recalculated',
  ],
  apply(e, lookup) {
    const stream = sourceOf(e.streamId);
    if (!stream || stream.source === 'issuance') return [];
    const d = currentData(stream.source, e);
    const fact = (set: Row): Change => ({ op: 'upsert', table: 'facts', row: { stream_id: e.streamId, source: stream.source, doc_id: stream.id, ...set } });
    const patch = (set: Row): Change => ({ op: 'patch', table: 'facts', key: { stream_id: e.streamId }, set });
    const finished = (onTime: boolean): Change =>
      patch({ finished_at: e.recordedAt, finished_date: dateOf(e.recordedAt), on_time: onTime ? 1 : 0 });
    const assigned = (unit: unknown, deadline: unknown, handlingClass: unknown): Change =>
      fact({ unit: text(unit), handling_class: text(handlingClass), assigned_at: text(d.assignedAt), assigned_date: dateOf(d.assignedAt), ...due(deadline), ...unfinished });
    switch (e.type) {
      case 'document.submitted':
      case 'document.resubmitted':
        return [fact({ kind: text(d.kind) })];
      case 'proposal.registered':
        return [fact({ kind: text(d.kind) })];
      case 'document.assigned':
        return [assigned(d.leadUnit, d.deadline, d.handlingClass)];
      case 'proposal.assigned':
        return [assigned(d.leadUnit, d.answerDeadline, null)];
      case 'document.extension_approved':
        return [patch(due(d.deadline)), incident(e, stream, 'extension', lookup)];
      case 'proposal.extension_approved':
        return [patch(due(d.answerDeadline)), incident(e, stream, 'extension', lookup)];
      case 'document.deadline_recalculated':
        return [patch(due(d.deadline))];
      case 'document.urged':
        return [incident(e, stream, 'urge', lookup)];
      case 'document.completed':
      case 'document.opinion_submitted':
        return [finished(d.onTime === true)];
      case 'proposal.answered':
        return [finished(d.late !== true)];
      case 'proposal.reopened':
        return [patch({ ...due(d.answerDeadline), ...unfinished })];
      case 'proposal.deadlines_recalculated':
        // The fact's deadline is the 答复's; a recount of the 协办意见 alone leaves it.
        return d.answerDeadline ? [patch(due(d.answerDeadline))] : [];
      default:
        return [];
    }
  },
};

function incident(e: StoredEvent, stream: { source: Source; id: string }, type: 'urge' | 'extension', lookup: ProjectionLookup): Change {
  const unit = lookup.get('facts', { stream_id: e.streamId })?.unit;
  return {
    op: 'upsert',
    table: 'incidents',
    row: { stream_id: e.streamId, revision: e.revision, source: stream.source, doc_id: stream.id, type, unit: typeof unit === 'string' ? unit : '', at: e.recordedAt, date: dateOf(e.recordedAt) },
  };
}
