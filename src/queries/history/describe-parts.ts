import { ROLE_LABELS, isRole } from '../../auth/roles';
import type { Directory } from '../../directory';

/** An event's key data (projections/history-key-data.ts). */
export type Data = Record<string, unknown>;

/** Names from the directory, so a sentence never shows a unit or leader code it knows. */
export interface Names {
  /** A unit, leader position or superior organ (the code itself if the directory lacks it). */
  name(code: unknown): string;
  names(codes: unknown): string;
  /** A leader position's title; '' for anything else (a token's leaderId need not be a position). */
  leader(position: unknown): string;
}

/** The sentence for one event type, from its key data. */
export type Describe = (d: Data, n: Names) => string;
export type Describers<Type extends string> = Readonly<Record<Type, Describe>>;

export const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const onTime = (v: unknown) => (v === false ? '(逾期)' : v === true ? '(按时)' : '');
/** A stored deadline as the key data has it: its due date, marked when provisional. */
export const due = (v: unknown) => (typeof v === 'string' ? v : typeof (v as Data)?.dueDate === 'string' ? `${(v as Data).dueDate}(暂定)` : '');
/** An enum value by its Chinese label (the value itself only if the table lacks it). */
export const labelOf = (table: Readonly<Record<string, string>>, v: unknown): string => {
  const code = str(v);
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code]! : code;
};
/** Roles as stored in the envelope (comma-separated) by their Chinese labels; '' for none. */
export const roleLabel = (role: unknown): string =>
  str(role)
    .split(',')
    .filter(Boolean)
    .map((r) => (isRole(r) ? ROLE_LABELS[r] : r))
    .join('、');
/** `:text` when there is text. */
export const colon = (v: unknown) => (str(v) ? `:${str(v)}` : '');

export function namesFrom(directory: Directory): Names {
  const name = (code: unknown) => (typeof code === 'string' && code ? directory.nameOf(code) : '');
  return {
    name,
    names: (codes) => list(codes).map(name).filter(Boolean).join('、'),
    leader: (position) => (typeof position === 'string' ? (directory.leader(position)?.title ?? '') : ''),
  };
}
