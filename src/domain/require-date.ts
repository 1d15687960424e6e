import { DomainError } from './domain-error';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A real 'YYYY-MM-DD' date (rejects 2026-02-30), or 400 DATE_INVALID with the command's
 * field in `details.field`: one code for every date of every command.
 */
export function requireDate(value: unknown, field: string, label: string): string {
  const ok =
    typeof value === 'string' &&
    ISO_DATE.test(value) &&
    new Date(Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10))).toISOString().slice(0, 10) === value;
  if (!ok) throw new DomainError('invalid', 'DATE_INVALID', `${label} ${String(value)} 不是有效的 YYYY-MM-DD 日期`, undefined, { field });
  return value as string;
}
