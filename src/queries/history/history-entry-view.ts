import type { Directory } from '../../directory';
import type { HistoryEntryFields } from '../../../projections/history-entry';
import { describeEntry } from './describe-entry';
import { roleLabel } from './describe-parts';

/** One entry of `GET /<documents|issuances|proposals>/:id/history`: the same fields for every kind of item. */
export interface HistoryEntry {
  revision: number;
  position: string;
  /** When it was recorded (UTC ISO). */
  at: string;
  type: string;
  /** What, in Chinese (the event catalogue's label). */
  label: string;
  summary: string;
  actor: { id: string | null; name: string | null };
  role: string | null;
  roleLabel: string | null;
  unit: string | null;
  unitName: string | null;
  /** The key data of the event (full data: the raw events export). */
  data: Record<string, unknown>;
}

/** The readable entry: the summary, role and unit named with the directory at query time. */
export function historyEntryView(e: HistoryEntryFields, directory: Directory): HistoryEntry {
  return {
    revision: e.revision,
    position: e.position,
    at: e.recordedAt,
    type: e.type,
    label: e.label,
    summary: describeEntry(e.type, e.label, e.data, directory),
    actor: { id: e.actorId, name: e.actorName },
    role: e.role,
    roleLabel: roleLabel(e.role) || null,
    unit: e.unit,
    unitName: e.unit ? directory.nameOf(e.unit) : null,
    data: e.data,
  };
}
