import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { Directory } from '../../directory';
import { NO_DEADLINE_AT } from '../../../projections/obligation-vocabulary';
import { COLOUR_LABELS, handlingClassLabel, kindLabel, sourceLabel, typeLabel, type Colour } from '../shared/labels';
import { resolveParty, type PartyView } from '../shared/parties';

/** A row of the obligations read model (projections/obligations.projection.ts): table `open`, or a version from `past`. */
export interface OpenRow {
  stream_id: string;
  obligation: string;
  source: string;
  doc_id: string;
  title: string | null;
  doc_kind: string | null;
  handling_class: string | null;
  type: string;
  unit: string;
  owed_by: string;
  due_at: string;
  due_date: string;
  opened_at: string | null;
  detail: string | null;
  urged_at: string | null;
}

export interface ObligationItem {
  documentId: string;
  source: string;
  sourceLabel: string;
  title: string | null;
  kind: string | null;
  kindLabel: string | null;
  handlingClass: string | null;
  handlingClassLabel: string | null;
  /** Key within the document, e.g. 'main', 'consult:finance'. */
  obligation: string;
  type: string;
  typeLabel: string;
  /** The unit that owes it (or whose matter it is, when a leader or the office is awaited). */
  unit: string;
  unitName: string;
  /** 分管领导 of that unit (directory position). */
  leader: string | null;
  leaderName: string | null;
  owedBy: PartyView;
  /** Null: awaited without a time limit. */
  dueAt: string | null;
  dueDate: string | null;
  colour: Colour;
  colourLabel: string;
  /** Working days after the due date up to the asOf date (calendar, holidays and 调休 included). */
  workingDaysOverdue: number | null;
  /** Working days from the asOf date to the due date; 0 when due that day. */
  workingDaysRemaining: number | null;
  openedAt: string | null;
  urgedAt: string | null;
  detail: string | null;
}

/** What a page needs to present rows: the window and the calendar and directory. */
export interface Presenter {
  asOf: string;
  /** The Asia/Shanghai date of asOf. */
  today: string;
  boundary: string;
  calendar: WorkingCalendar;
  directory: Directory;
}

export function toItem(row: OpenRow, p: Presenter): ObligationItem {
  const timed = row.due_at !== NO_DEADLINE_AT;
  const colour: Colour = !timed ? 'green' : row.due_at < p.asOf ? 'red' : row.due_at <= p.boundary ? 'yellow' : 'green';
  const today = p.today;
  const leader = row.unit ? (p.directory.portfolioLeaderOf(row.unit) ?? null) : null;
  return {
    documentId: row.doc_id,
    source: row.source,
    sourceLabel: sourceLabel(row.source),
    title: row.title,
    kind: row.doc_kind,
    kindLabel: kindLabel(row.source, row.doc_kind),
    handlingClass: row.handling_class,
    handlingClassLabel: handlingClassLabel(row.handling_class),
    obligation: row.obligation,
    type: row.type,
    typeLabel: typeLabel(row.type),
    unit: row.unit,
    unitName: row.unit ? p.directory.nameOf(row.unit) : '',
    leader,
    leaderName: leader ? p.directory.nameOf(leader) : null,
    owedBy: resolveParty(p.directory, row.owed_by, row.unit),
    dueAt: timed ? row.due_at : null,
    dueDate: timed ? row.due_date : null,
    colour,
    colourLabel: COLOUR_LABELS[colour],
    workingDaysOverdue: timed && colour === 'red' ? p.calendar.workingDaysBetween(row.due_date, today) : null,
    workingDaysRemaining: timed && colour !== 'red' ? p.calendar.workingDaysBetween(today, row.due_date) : null,
    openedAt: row.opened_at,
    urgedAt: row.urged_at,
    detail: row.detail,
  };
}
