import { BadRequestException } from '@nestjs/common';
import { endOfShanghaiDay } from '../../calendar/deadline-policy';
import { isQueryInstant, queryDateProblem, QUERY_DATES_TEXT } from './query-dates';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `asOf` as a UTC ISO instant: an ISO time with a zone, or a date meaning the end of that day
 * in Asia/Shanghai; absent: `now`. Every endpoint taking an asOf parses it here, so all of
 * them accept the same range (QUERY_DATES) and refuse the rest as INVALID_AS_OF.
 */
export function parseAsOf(raw: string | undefined, now: Date, field = 'asOf'): string {
  if (raw === undefined || raw === '') return now.toISOString();
  const invalid = (message: string) => new BadRequestException({ code: 'INVALID_AS_OF', message });
  const outOfRange = () => invalid(`${field} ${raw} 超出可查询的范围:应在 ${QUERY_DATES_TEXT} 之间(北京时间)`);
  if (DATE.test(raw)) {
    const problem = queryDateProblem(raw);
    if (problem === 'range') throw outOfRange();
    if (problem === undefined) return endOfShanghaiDay(raw);
  } else if (INSTANT.test(raw) && Number.isFinite(Date.parse(raw))) {
    const ms = Date.parse(raw);
    if (!isQueryInstant(ms)) throw outOfRange();
    return new Date(ms).toISOString();
  }
  throw invalid(`${field} 应为带时区的 ISO 时间 (如 2026-10-15T09:00:00+08:00) 或日期 YYYY-MM-DD,在 ${QUERY_DATES_TEXT} 之间`);
}
