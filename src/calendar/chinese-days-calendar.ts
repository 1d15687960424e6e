import { createHash } from 'node:crypto';
import chineseDaysPackage from 'chinese-days/package.json';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import type { IsoDate, WorkingCalendar } from './working-calendar';

/**
 * Local calendar data (e.g. next year's 国务院办公厅 notice before the package ships it).
 * Takes precedence over the package; `coveredThrough` may extend official coverage.
 */
export interface CalendarOverride {
  holidays: IsoDate[];
  workdays: IsoDate[];
  coveredThrough?: IsoDate;
}

interface YearTable {
  start: number; // day number of 1 January
  work: Uint8Array; // 1 = working day, indexed by day of year
  cum: Int32Array; // cum[i] = working days among the first i days of the year
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01; throws on anything but a real 'YYYY-MM-DD' date. */
export function toDayNumber(date: IsoDate): number {
  if (typeof date !== 'string' || !ISO_DATE.test(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const n = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
  // Round trip rejects 2026-02-30 and the 0000–0099 years Date.UTC maps to 19xx.
  if (fromDayNumber(n) !== date) throw new RangeError(`Not a valid calendar date: ${date}`);
  return n;
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

const yearOf = (n: number): number => new Date(n * DAY_MS).getUTCFullYear();
const isMonToFri = (n: number): boolean => {
  const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday >= 1 && weekday <= 5;
};

/**
 * The package's own isWorkday() parses dates as UTC but reads them back in local time, so it
 * gives wrong answers when the process runs west of UTC (checked with TZ=America/New_York).
 * We therefore read the package's data and do the weekday arithmetic ourselves, in UTC.
 */
const data = chineseDaysData as { holidays: Record<string, string>; workdays: Record<string, string> };

/**
 * Years the package really covers: contiguous years from the first one whose data holds both
 * 元旦 (1 Jan) and 国庆 (1 Oct), i.e. a published annual notice. A stray early entry for a
 * later year (e.g. a December make-up day) must not extend coverage.
 */
function packageCoverage(): { first: number; last: number } {
  const years = Object.keys(data.holidays).map((d) => +d.slice(0, 4));
  const first = Math.min(...years);
  let last = first - 1;
  while (data.holidays[`${last + 1}-01-01`] && data.holidays[`${last + 1}-10-01`]) last++;
  return { first, last };
}

export class ChineseDaysCalendar implements WorkingCalendar {
  readonly version: string;
  readonly coveredThrough: IsoDate;
  readonly coveredFrom: IsoDate;
  private readonly coveredFromDay: number;
  private readonly coveredThroughDay: number;
  private readonly offDays = new Set<number>();
  private readonly onDays = new Set<number>();
  private readonly years = new Map<number, YearTable>();
  private readonly parsed = new Map<IsoDate, number>(); // hot paths ask about the same dates

  constructor(override?: CalendarOverride) {
    const { first, last } = packageCoverage();
    for (const d of Object.keys(data.holidays)) this.offDays.add(toDayNumber(d));
    for (const d of Object.keys(data.workdays)) this.onDays.add(toDayNumber(d));
    let through = `${last}-12-31`;
    let version = `chinese-days@${chineseDaysPackage.version}`;
    if (override) {
      for (const d of override.holidays) this.setDay(toDayNumber(d), false);
      for (const d of override.workdays) this.setDay(toDayNumber(d), true);
      if (override.coveredThrough && override.coveredThrough > through) through = override.coveredThrough;
      version += `+override.${overrideHash(override)}`;
    }
    this.version = version;
    this.coveredFrom = `${first}-01-01`;
    this.coveredThrough = through;
    this.coveredFromDay = toDayNumber(this.coveredFrom);
    this.coveredThroughDay = toDayNumber(through);
  }

  isWorkday(date: IsoDate): boolean {
    return this.isWorkdayN(this.day(date));
  }

  /** Past coverage (or before the package's first year): the answer is a Mon–Fri guess. */
  isProvisional(date: IsoDate): boolean {
    const n = this.day(date);
    return n < this.coveredFromDay || n > this.coveredThroughDay;
  }

  /** n = 0 returns `date` itself, so workingDaysBetween(d, addWorkingDays(d, n)) === n. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`addWorkingDays needs a non-negative integer, got ${n}`);
    const from = this.day(date);
    if (n === 0) return date;
    let t = this.table(yearOf(from));
    let i = from - t.start; // days 0..i of table t are already passed
    for (;;) {
      const left = t.cum[t.work.length] - t.cum[i + 1];
      if (left >= n) break;
      n -= left;
      t = this.table(yearOf(t.start + t.work.length)); // next year, nothing passed yet
      i = -1;
    }
    // Smallest j > i with cum[j + 1] - cum[i + 1] >= n: the n-th working day after i.
    const want = t.cum[i + 1] + n;
    let lo = i + 1;
    let hi = t.work.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t.cum[mid + 1] >= want) hi = mid;
      else lo = mid + 1;
    }
    return fromDayNumber(t.start + lo);
  }

  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = this.day(from);
    const b = this.day(to);
    return a <= b ? this.countAfter(a, b) : 0 - this.countAfter(b, a); // 0 - x: never -0
  }

  nextWorkdayOnOrAfter(date: IsoDate): IsoDate {
    return this.isWorkdayN(this.day(date)) ? date : this.addWorkingDays(date, 1);
  }

  private day(date: IsoDate): number {
    let n = this.parsed.get(date);
    if (n === undefined) {
      n = toDayNumber(date);
      if (this.parsed.size >= 100_000) this.parsed.clear(); // bound memory on odd inputs
      this.parsed.set(date, n);
    }
    return n;
  }

  private setDay(n: number, work: boolean): void {
    (work ? this.onDays : this.offDays).add(n);
    (work ? this.offDays : this.onDays).delete(n);
  }

  private isWorkdayN(n: number): boolean {
    const t = this.table(yearOf(n));
    return t.work[n - t.start] === 1;
  }

  /** Working days in (a, b], a ≤ b, summed year by year from the prefix counts. */
  private countAfter(a: number, b: number): number {
    let total = 0;
    for (let day = a + 1; day <= b; ) {
      const t = this.table(yearOf(day));
      const end = Math.min(b, t.start + t.work.length - 1);
      total += t.cum[end - t.start + 1] - t.cum[day - t.start];
      day = end + 1;
    }
    return total;
  }

  private table(year: number): YearTable {
    let t = this.years.get(year);
    if (!t) {
      const start = Date.UTC(year, 0, 1) / DAY_MS;
      const length = Date.UTC(year + 1, 0, 1) / DAY_MS - start;
      const work = new Uint8Array(length);
      const cum = new Int32Array(length + 1);
      for (let i = 0; i < length; i++) {
        const n = start + i;
        work[i] = this.onDays.has(n) || (isMonToFri(n) && !this.offDays.has(n)) ? 1 : 0;
        cum[i + 1] = cum[i] + work[i];
      }
      t = { start, work, cum };
      this.years.set(year, t);
    }
    return t;
  }
}

/** Hash of the canonical content, so reformatting the file does not change the version. */
function overrideHash(o: CalendarOverride): string {
  const canonical = JSON.stringify({
    holidays: [...new Set(o.holidays)].sort(),
    workdays: [...new Set(o.workdays)].sort(),
    coveredThrough: o.coveredThrough ?? null,
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}
