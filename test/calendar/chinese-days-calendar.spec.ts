import { spawnSync } from 'node:child_process';
import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';

const calendar = new ChineseDaysCalendar();

describe('ChineseDaysCalendar: official data from chinese-days', () => {
  it('is versioned by the package and covers 2004 through 2026 (derived from the package data)', () => {
    expect(calendar.version).toBe('chinese-days@1.5.7');
    expect(calendar.coveredFrom).toBe('2004-01-01');
    expect(calendar.coveredThrough).toBe('2026-12-31');
  });

  it('knows the 2026 国庆 holidays and the make-up Sunday 9/20 and Saturday 10/10', () => {
    expect(calendar.isWorkday('2026-09-20')).toBe(true); // Sunday worked
    expect(calendar.isWorkday('2026-09-25')).toBe(false); // 中秋, a Friday
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) expect(calendar.isWorkday(d)).toBe(false);
    expect(calendar.isWorkday('2026-10-08')).toBe(true);
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // Saturday worked
    expect(calendar.isWorkday('2026-10-11')).toBe(false);
  });

  it('knows 春节 2025 and 2026 with their make-up days', () => {
    expect(calendar.isWorkday('2025-01-26')).toBe(true); // Sunday worked
    expect(calendar.isWorkday('2025-02-04')).toBe(false); // Tuesday, 初七
    expect(calendar.isWorkday('2025-02-08')).toBe(true); // Saturday worked
    expect(calendar.isWorkday('2026-02-14')).toBe(true); // Saturday worked
    expect(calendar.isWorkday('2026-02-23')).toBe(false); // Monday off
    expect(calendar.isWorkday('2026-02-28')).toBe(true); // Saturday worked
  });

  it('counts working days in (from, to] and finds the next workday', () => {
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-10')).toBe(3); // 10/8, 10/9, 10/10
    expect(calendar.workingDaysBetween('2026-10-10', '2026-09-30')).toBe(-3);
    expect(calendar.workingDaysBetween('2026-10-01', '2026-10-01')).toBe(0);
    expect(Object.is(calendar.workingDaysBetween('2026-10-07', '2026-10-01'), 0)).toBe(true); // not -0
    expect(calendar.workingDaysBetween('2025-12-31', '2026-01-05')).toBe(2); // 1/4 (Sunday worked), 1/5
    expect(calendar.nextWorkdayOnOrAfter('2026-10-01')).toBe('2026-10-08');
    expect(calendar.nextWorkdayOnOrAfter('2026-10-10')).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 0)).toBe('2026-09-30');
  });

  it('treats dates past 2026 as a provisional Mon–Fri guess', () => {
    expect(calendar.isProvisional('2026-12-31')).toBe(false);
    expect(calendar.isProvisional('2027-01-01')).toBe(true);
    expect(calendar.isWorkday('2027-01-01')).toBe(true); // a Friday; really 元旦
    expect(calendar.isProvisional('2003-12-31')).toBe(true); // before the package's data too
  });

  it('rejects malformed dates and counts', () => {
    expect(() => calendar.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkday('2026-2-3')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-03', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2026-02-03', 1.5)).toThrow(RangeError);
  });

  it('gives the same answers whatever the process time zone (the package itself does not west of UTC)', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const fresh = new ChineseDaysCalendar();
      expect(fresh.isWorkday('2026-10-10')).toBe(true);
      expect(fresh.isWorkday('2026-10-01')).toBe(false);
      expect(fresh.addWorkingDays('2026-09-29', 7)).toBe('2026-10-14');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  // The package's own isWorkday() is only trustworthy at or east of UTC (see the wrapper's
  // comment), so its answers are taken from a child process running under Asia/Shanghai,
  // whatever this machine's zone.
  it('agrees with chinese-days isWorkday() on every date 2004–2028 (package asked under Asia/Shanghai)', () => {
    const script = `const cd = require('chinese-days'); const out = [];
      for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2028, 11, 31); t += 86400000) {
        const d = new Date(t).toISOString().slice(0, 10); if (cd.isWorkday(d)) out.push(d); }
      process.stdout.write(JSON.stringify(out));`;
    const child = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: 'Asia/Shanghai' }, encoding: 'utf8' });
    expect(child.status).toBe(0);
    const packageWorkdays = new Set<string>(JSON.parse(child.stdout));
    const mismatches: string[] = [];
    for (let t = Date.UTC(2004, 0, 1); t <= Date.UTC(2028, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (calendar.isWorkday(d) !== packageWorkdays.has(d)) mismatches.push(d);
    }
    expect(packageWorkdays.size).toBeGreaterThan(6000);
    expect(mismatches).toEqual([]);
  });
});

describe('ChineseDaysCalendar: local override data', () => {
  const override = {
    holidays: ['2027-01-01', '2026-10-09'],
    workdays: ['2027-02-07', '2026-10-01'],
    coveredThrough: '2027-12-31',
  };
  const withOverride = new ChineseDaysCalendar(override);

  it('takes precedence over the package, both ways', () => {
    expect(withOverride.isWorkday('2027-01-01')).toBe(false);
    expect(withOverride.isWorkday('2027-02-07')).toBe(true); // a Sunday
    expect(withOverride.isWorkday('2026-10-09')).toBe(false);
    expect(withOverride.isWorkday('2026-10-01')).toBe(true);
    expect(calendar.isWorkday('2027-02-07')).toBe(false);
  });

  it('extends coverage and stamps its hash into the version', () => {
    expect(withOverride.coveredThrough).toBe('2027-12-31');
    expect(withOverride.isProvisional('2027-12-31')).toBe(false);
    expect(withOverride.isProvisional('2028-01-01')).toBe(true);
    expect(withOverride.version).toMatch(/^chinese-days@1\.5\.7\+override\.[0-9a-f]{12}$/);
  });

  it('has a version that depends on the content only, not on its order', () => {
    const reordered = new ChineseDaysCalendar({ ...override, holidays: [...override.holidays].reverse() });
    const changed = new ChineseDaysCalendar({ ...override, holidays: ['2027-01-01'] });
    expect(reordered.version).toBe(withOverride.version);
    expect(changed.version).not.toBe(withOverride.version);
  });

  it('never shrinks coverage', () => {
    expect(new ChineseDaysCalendar({ holidays: [], workdays: [], coveredThrough: '2020-12-31' }).coveredThrough).toBe('2026-12-31');
  });
});
