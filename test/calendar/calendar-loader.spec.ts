import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CalendarOverrideError, loadWorkingCalendar } from '../../src/calendar/calendar-loader';

const dir = mkdtempSync(join(tmpdir(), 'calendar-override-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('loadWorkingCalendar', () => {
  it('without an override file gives the package calendar', () => {
    const cal = loadWorkingCalendar();
    expect(cal.version).toBe('chinese-days@1.5.7');
    expect(cal.coveredThrough).toBe('2026-12-31');
  });

  it('applies an override file that extends coverage to 2027', () => {
    const p = file(
      'ok.json',
      JSON.stringify({
        source: 'hypothetical test data, not the real 2027 notice',
        holidays: ['2027-01-01'],
        workdays: ['2027-02-07'],
        coveredThrough: '2027-12-31',
      }),
    );
    const cal = loadWorkingCalendar(p);
    expect(cal.coveredThrough).toBe('2027-12-31');
    expect(cal.isProvisional('2027-06-01')).toBe(false);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.isWorkday('2027-02-07')).toBe(true);
    expect(cal.version).toMatch(/^chinese-days@1\.5\.7\+override\.[0-9a-f]{12}$/);
  });

  const bad: [string, string, RegExp][] = [
    ['bad-date.json', '{"holidays": ["2027-01-01", "2027-02-30"], "workdays": []}', /holidays\[1\] "2027-02-30".*不是有效日期.*is not a valid date/],
    ['bad-format.json', '{"holidays": [], "workdays": ["2027/02/07"]}', /workdays\[0\] "2027\/02\/07"/],
    ['both.json', '{"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}', /workdays\[0\] "2027-01-01".*同时出现在 holidays 中.*also listed in holidays/],
    ['typo.json', '{"holiday": ["2027-01-01"], "workdays": []}', /"holiday" 是未知字段.*unknown key/],
    ['not-array.json', '{"holidays": "2027-01-01", "workdays": []}', /holidays 必须是日期数组.*must be an array/],
    ['coverage.json', '{"holidays": [], "workdays": [], "coveredThrough": "2027-13-31"}', /coveredThrough "2027-13-31"/],
    ['past.json', '{"holidays": ["2028-01-01"], "workdays": [], "coveredThrough": "2027-12-31"}', /holidays\[0\] "2028-01-01" 晚于 coveredThrough/],
    ['broken.json', '{"holidays": [', /不是合法的 JSON.*not valid JSON/],
    ['array.json', '[]', /必须是 JSON 对象.*must be a JSON object/],
  ];
  it.each(bad)('rejects %s naming the file and the bad entry in Chinese and English', (name, content, pattern) => {
    const p = file(name, content);
    expect(() => loadWorkingCalendar(p)).toThrow(CalendarOverrideError);
    expect(() => loadWorkingCalendar(p)).toThrow(pattern);
    expect(() => loadWorkingCalendar(p)).toThrow(new RegExp(`日历覆盖文件 ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 无效.*Calendar override file`));
  });

  it('rejects a missing file, naming it', () => {
    expect(() => loadWorkingCalendar(join(dir, 'missing.json'))).toThrow(/missing\.json.*无法读取.*cannot be read/);
  });
});
