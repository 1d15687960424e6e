import { isIsoDate } from '../../calendar/deadline-policy';

/**
 * The dates a query may name (asOf, performance months and ranges), in Asia/Shanghai. The
 * official holiday data starts in 2004 and the system went live decades later, so nothing
 * older is ever asked; the upper end keeps every count a query makes (黄 runs at most 60
 * working days past asOf) far inside the years the calendar computes, and every asOf before
 * the no-deadline sentinel (9999-12-31). Years 0000–0099, which Date.UTC reads as 19xx, are out.
 */
export const QUERY_DATES = { from: '2000-01-01', through: '2100-12-31' } as const;

/** What the error messages say about the range. */
export const QUERY_DATES_TEXT = `${QUERY_DATES.from} 至 ${QUERY_DATES.through}`;

const FIRST_MS = Date.parse(`${QUERY_DATES.from}T00:00:00.000+08:00`);
const LAST_MS = Date.parse(`${QUERY_DATES.through}T23:59:59.999+08:00`);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Why a YYYY-MM-DD date cannot be queried: 'format' (not a real date, e.g. 2026-02-30) or
 * 'range' (outside QUERY_DATES, checked as text first, so 0050-01-01 is out of range, not a
 * 1950 date); undefined when it can.
 */
export function queryDateProblem(date: string): 'format' | 'range' | undefined {
  if (!DATE.test(date)) return 'format';
  if (date < QUERY_DATES.from || date > QUERY_DATES.through) return 'range';
  return isIsoDate(date) ? undefined : 'format';
}

/** An instant (epoch ms) that falls on a date within QUERY_DATES in Asia/Shanghai. */
export const isQueryInstant = (ms: number): boolean => ms >= FIRST_MS && ms <= LAST_MS;
