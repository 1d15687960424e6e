import { readFileSync } from 'node:fs';
import { ChineseDaysCalendar, toDayNumber, type CalendarOverride } from './chinese-days-calendar';
import type { WorkingCalendar } from './working-calendar';

/** Bad override data: the message names the file and the offending entry, in Chinese and English. */
export class CalendarOverrideError extends Error {
  constructor(
    readonly file: string,
    readonly entry: string,
    zh: string,
    en: string,
  ) {
    super(`日历覆盖文件 ${file} 无效: ${entry} ${zh} / Calendar override file ${file} is invalid: ${entry} ${en}`);
    this.name = 'CalendarOverrideError';
  }
}

/** The official calendar, with the local override file (DESIGN §5) when one is configured. */
export function loadWorkingCalendar(overrideFile?: string): WorkingCalendar {
  if (!overrideFile) return new ChineseDaysCalendar();
  let text: string;
  try {
    text = readFileSync(overrideFile, 'utf8');
  } catch (e) {
    throw new CalendarOverrideError(overrideFile, '(file)', `无法读取 (${String(e)})`, `cannot be read (${String(e)})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CalendarOverrideError(overrideFile, '(file)', `不是合法的 JSON (${String(e)})`, `is not valid JSON (${String(e)})`);
  }
  return new ChineseDaysCalendar(parseCalendarOverride(raw, overrideFile));
}

const KEYS = new Set(['holidays', 'workdays', 'coveredThrough', 'source', '$comment']);

/** Validates parsed JSON; `file` only labels the error messages. */
export function parseCalendarOverride(raw: unknown, file: string): CalendarOverride {
  const fail = (entry: string, zh: string, en: string) => new CalendarOverrideError(file, entry, zh, en);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw fail('(root)', '必须是 JSON 对象', 'must be a JSON object');
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    // Reject typos such as "holiday": silently ignoring them would lose a holiday.
    if (!KEYS.has(key)) throw fail(`"${key}"`, '是未知字段', 'is an unknown key');
  }
  const isDate = (v: unknown): v is string => {
    try {
      return typeof v === 'string' && toDayNumber(v) !== undefined;
    } catch {
      return false;
    }
  };
  let coveredThrough: string | undefined;
  if (obj.coveredThrough !== undefined) {
    if (!isDate(obj.coveredThrough)) {
      throw fail(`coveredThrough ${JSON.stringify(obj.coveredThrough)}`, '不是有效日期 (YYYY-MM-DD)', 'is not a valid date (YYYY-MM-DD)');
    }
    coveredThrough = obj.coveredThrough;
  }
  const list = (key: 'holidays' | 'workdays'): string[] => {
    const v = obj[key] ?? [];
    if (!Array.isArray(v)) throw fail(key, '必须是日期数组', 'must be an array of dates');
    v.forEach((d, i) => {
      const entry = `${key}[${i}] ${JSON.stringify(d)}`;
      if (!isDate(d)) throw fail(entry, '不是有效日期 (YYYY-MM-DD)', 'is not a valid date (YYYY-MM-DD)');
      if (coveredThrough && d > coveredThrough) {
        throw fail(entry, `晚于 coveredThrough ${coveredThrough}`, `lies after coveredThrough ${coveredThrough}`);
      }
    });
    return v as string[];
  };
  const holidays = list('holidays');
  const workdays = list('workdays');
  const both = new Set(holidays);
  workdays.forEach((d, i) => {
    if (both.has(d)) {
      throw fail(`workdays[${i}] "${d}"`, '同时出现在 holidays 中', 'is also listed in holidays');
    }
  });
  return coveredThrough ? { holidays, workdays, coveredThrough } : { holidays, workdays };
}
