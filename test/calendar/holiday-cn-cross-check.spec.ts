import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';

/**
 * holiday-cn (NateScarlet) is an independent transcription of the 国务院办公厅 notices.
 * A year's file lists its holidays and make-up days, including cross-year ones (2007.json
 * lists 2006-12-30/31); any day not listed is a workday iff Monday–Friday.
 */
function holidayCnDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../../shared/data/holiday-cn'),
    path.resolve(process.cwd(), '../shared/data/holiday-cn'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'schema.json')));
  if (!found) throw new Error(`holiday-cn data not found; looked in ${candidates.join(', ')}`);
  return found;
}

interface HolidayCnYear {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

const FIRST = 2007;
const LAST = 2026;

describe('ChineseDaysCalendar cross-checked against holiday-cn', () => {
  const dir = holidayCnDir();
  const listed = new Map<string, boolean>(); // date → is a day off
  for (let year = FIRST; year <= LAST; year++) {
    const file = JSON.parse(readFileSync(path.join(dir, `${year}.json`), 'utf8')) as HolidayCnYear;
    for (const day of file.days) listed.set(day.date, day.isOffDay);
  }
  const calendar = new ChineseDaysCalendar();

  it(`agrees on isWorkday for every date ${FIRST}-01-01 … ${LAST}-12-31`, () => {
    const disagreements: string[] = [];
    let checked = 0;
    for (let t = Date.UTC(FIRST, 0, 1); t <= Date.UTC(LAST, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const weekday = new Date(t).getUTCDay();
      const off = listed.get(date);
      const expected = off === undefined ? weekday >= 1 && weekday <= 5 : !off;
      if (calendar.isWorkday(date) !== expected) disagreements.push(`${date}: holiday-cn says ${expected ? 'workday' : 'day off'}`);
      checked++;
    }
    expect(checked).toBe(7305);
    expect(disagreements).toEqual([]);
  });

  it('agrees on every day holiday-cn lists, including cross-year make-up days in December 2006', () => {
    expect(listed.get('2006-12-30')).toBe(false); // Saturday worked for 元旦 2007
    const disagreements = [...listed].filter(([date, off]) => calendar.isWorkday(date) === off).map(([date]) => date);
    expect(disagreements).toEqual([]);
  });
});
