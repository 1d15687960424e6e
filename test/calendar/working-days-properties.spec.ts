import fc from 'fast-check';
import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';

const calendar = new ChineseDaysCalendar({ holidays: ['2027-01-01'], workdays: ['2027-02-07'], coveredThrough: '2027-12-31' });

// Dates 2003–2029: before, inside and past coverage.
const FROM = Date.UTC(2003, 0, 1) / 86_400_000;
const TO = Date.UTC(2029, 11, 31) / 86_400_000;
const isoDate = fc.integer({ min: FROM, max: TO }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe('working-day arithmetic properties', () => {
  it('workingDaysBetween(d, addWorkingDays(d, n)) === n, and the result is the first such day', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 400 }), (d, n) => {
        const due = calendar.addWorkingDays(d, n);
        expect(due > d).toBe(true);
        expect(calendar.isWorkday(due)).toBe(true);
        expect(calendar.workingDaysBetween(d, due)).toBe(n);
        expect(calendar.workingDaysBetween(d, dayBefore(due))).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });

  it('addWorkingDays matches a naive day-by-day walk, across year ends', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 800 }), (d, n) => {
        let day = d;
        for (let left = n; left > 0; ) {
          day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          if (calendar.isWorkday(day)) left--;
        }
        expect(calendar.addWorkingDays(d, n)).toBe(day);
      }),
      { numRuns: 300 },
    );
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04'); // override: 2027-01-01 off
  });

  it('addWorkingDays composes: adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (d, a, b) => {
        expect(calendar.addWorkingDays(calendar.addWorkingDays(d, a), b)).toBe(calendar.addWorkingDays(d, a + b));
      }),
    );
  });

  it('workingDaysBetween is antisymmetric and additive, and matches a day-by-day count', () => {
    fc.assert(
      fc.property(isoDate, isoDate, isoDate, (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b)).toBe(0 - calendar.workingDaysBetween(b, a));
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
      }),
    );
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 800 }), (a, span) => {
        let count = 0;
        let d = a;
        for (let i = 0; i < span; i++) {
          d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          if (calendar.isWorkday(d)) count++;
        }
        expect(calendar.workingDaysBetween(a, d)).toBe(count);
      }),
      { numRuns: 200 },
    );
  });

  it('nextWorkdayOnOrAfter is the day itself on a workday, else the next working day', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        const next = calendar.nextWorkdayOnOrAfter(d);
        expect(next).toBe(calendar.isWorkday(d) ? d : calendar.addWorkingDays(d, 1));
      }),
    );
  });
});
