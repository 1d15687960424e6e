import { BadRequestException } from '@nestjs/common';
import { endOfShanghaiDay } from '../../calendar/deadline-policy';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * `asOf` as a UTC ISO instant: an ISO time with a zone, or a date meaning the end of that day
 * in Asia/Shanghai; absent: `now`.
 */
export function parseAsOf(raw: string | undefined, now: Date, field = 'asOf'): string {
  if (raw === undefined || raw === '') return now.toISOString();
  if (DATE.test(raw)) {
    try {
      return endOfShanghaiDay(raw);
    } catch {
      /* falls through to the error below */
    }
  } else if (INSTANT.test(raw) && Number.isFinite(Date.parse(raw))) {
    return new Date(Date.parse(raw)).toISOString();
  }
  throw new BadRequestException({ code: 'INVALID_AS_OF', message: `${field} 应为带时区的 ISO 时间 (如 2026-10-15T09:00:00+08:00) 或日期 YYYY-MM-DD` });
}
