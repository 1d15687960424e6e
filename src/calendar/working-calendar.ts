/**
 * The official working-day calendar (DESIGN §5): statutory holidays and 调休 make-up days.
 * Dates are always 'YYYY-MM-DD' strings in Asia/Shanghai, never Date objects, so no time
 * zone can shift a day.
 */
export type IsoDate = string;

export interface WorkingCalendar {
  /** Changes whenever the underlying data changes (package version + override file hash). */
  readonly version: string;
  /** Last date with official data (e.g. '2026-12-31'); later dates fall back to Mon–Fri. */
  readonly coveredThrough: IsoDate;
  isWorkday(date: IsoDate): boolean;
  /** True when the date is past official coverage and the answer is only a Mon–Fri guess. */
  isProvisional(date: IsoDate): boolean;
  /** The n-th working day strictly after `date` (n ≥ 1): counting starts the next day. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (from, to]; negative when to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** `date` itself when a workday, else the next workday. */
  nextWorkdayOnOrAfter(date: IsoDate): IsoDate;
}
