import { isIsoDate } from '../calendar/deadline-policy';
import { DomainError } from './domain-error';

/**
 * A real 'YYYY-MM-DD' date (rejects 2026-02-30), or 400 DATE_INVALID with the command's
 * field in `details.field`: one code for every date of every command.
 */
export function requireDate(value: unknown, field: string, label: string): string {
  if (!isIsoDate(value)) throw new DomainError('invalid', 'DATE_INVALID', `${label} ${String(value)} 不是有效的 YYYY-MM-DD 日期`, undefined, { field });
  return value;
}
