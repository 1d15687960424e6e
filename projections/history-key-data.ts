import { clip } from './subject-kind';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const MAX_TEXT = 300;
const MAX_ITEMS = 20;

/**
 * The key data of an event for its history entry: scalars as they are (long texts clipped),
 * a stored deadline as its due date, short lists, two levels of nesting. The full data stays
 * in the event store (raw export).
 */
export function keyData(data: Record<string, unknown>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(data ?? {})) {
    const compact = value(v, 1);
    if (compact !== undefined) out[k] = compact;
  }
  return out;
}

function value(v: unknown, depth: number): Json | undefined {
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return clip(v, MAX_TEXT);
  if (Array.isArray(v)) {
    if (depth < 0) return undefined;
    return v.slice(0, MAX_ITEMS).map((x) => value(x, depth - 1) ?? null);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // A stored Deadline: its date (and whether it was provisional) is what a reader needs.
    if (typeof o.dueDate === 'string' && typeof o.dueAt === 'string') {
      return o.provisional === true ? { dueDate: o.dueDate, provisional: true } : o.dueDate;
    }
    if (depth < 0) return undefined;
    const out: Record<string, Json> = {};
    for (const [k, x] of Object.entries(o)) {
      const c = value(x, depth - 1);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return undefined;
}
