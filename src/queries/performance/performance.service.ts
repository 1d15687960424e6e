import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { shanghaiDate } from '../../calendar/deadline-policy';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { CLOCK, type Clock } from '../../command-handling/clock';
import type { Directory } from '../../directory';
import { CALENDAR, DIRECTORY } from '../../domain-deps/domain-deps.module';
import { ReadModels } from '../../projections/read-models';
import { portfolioUnits } from '../shared/parties';
import { queryDateProblem, QUERY_DATES_TEXT } from '../shared/query-dates';
import type { QueryScope } from '../shared/query-scope';
import { PERFORMANCE_DEFINITIONS, type PerformanceGroup, type PerformancePeriod, type PerformanceQuery, type PerformanceRow } from './performance-query';

export const PERFORMANCE = 'performance';

export interface PerformanceReport {
  from: string;
  to: string;
  /** "Now" for 当前逾期. */
  asOf: string;
  by: PerformanceGroup;
  period: PerformancePeriod;
  rows: PerformanceRow[];
  totals: PerformanceRow;
  definitions: typeof PERFORMANCE_DEFINITIONS;
}

const ORDINAL_EPOCH = '2000-01-01';

interface Tally {
  key: string;
  period: string;
  assigned: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  extensions: number;
  urges: number;
  days: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const ratio = (a: number, b: number, digits: number) => (b === 0 ? null : Math.round((a / b) * 10 ** digits) / 10 ** digits);

/**
 * 第三十二条 绩效考核 per unit or 分管领导, per month or over a range. Counts come from the
 * performance projection's per-item facts (cohort: items 交办 in the period) and its 催办 and
 * 延期 rows (events in the period); working days use the calendar at query time.
 */
@Injectable()
export class PerformanceService {
  private readonly ordinals = new Map<string, number>();

  constructor(
    private readonly readModels: ReadModels,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async report(q: PerformanceQuery, scope: QueryScope): Promise<PerformanceReport> {
    await this.readModels.caughtUp(PERFORMANCE, q.minPosition);
    const now = this.clock.now().toISOString();
    const { from, to } = this.range(q, now);
    const by = q.by ?? 'unit';
    const period = q.period ?? 'range';
    const units = this.units(q, scope);
    const tallies = new Map<string, Tally>();
    const tally = (unit: string | null, date: string): Tally => {
      const key = by === 'unit' ? (unit ?? '') : ((unit && this.directory.portfolioLeaderOf(unit)) ?? '');
      const p = period === 'month' ? date.slice(0, 7) : `${from}~${to}`;
      const id = `${key}\u0001${p}`;
      let t = tallies.get(id);
      if (!t) tallies.set(id, (t = { key, period: p, assigned: 0, completed: 0, completedOnTime: 0, overdueNow: 0, extensions: 0, urges: 0, days: 0 }));
      return t;
    };
    if (units?.length !== 0) {
      const filter = this.filter(q, units);
      // Aggregated in SQL over the covering index; the working days to complete are summed as
      // Σ ord(finished) − Σ ord(assigned), ord(d) being the working days from a fixed epoch.
      const cohorts = this.readModels
        .prepare<unknown[], { unit: string | null; d: string; assigned: number; completed: number; onTime: number; overdue: number }>(
          PERFORMANCE,
          (t) => `SELECT unit, assigned_date AS d, COUNT(*) AS assigned, SUM(finished_date IS NOT NULL) AS completed,
                         SUM(on_time = 1) AS onTime, SUM(finished_date IS NULL AND due_at < ?) AS overdue
                  FROM ${t('facts')} WHERE assigned_date >= ? AND assigned_date <= ?${filter.sql} GROUP BY assigned_date, unit`,
        )
        .all(now, from, to, ...filter.params);
      for (const c of cohorts) {
        const t = tally(c.unit, c.d);
        t.assigned += c.assigned;
        t.completed += c.completed;
        t.completedOnTime += c.onTime;
        t.overdueNow += c.overdue;
        t.days -= c.completed * this.ordinal(c.d);
      }
      const finished = this.readModels
        .prepare<unknown[], { unit: string | null; month: string; f: string; n: number }>(
          PERFORMANCE,
          (t) => `SELECT unit, substr(assigned_date, 1, 7) AS month, finished_date AS f, COUNT(*) AS n FROM ${t('facts')}
                  WHERE assigned_date >= ? AND assigned_date <= ? AND finished_date IS NOT NULL${filter.sql} GROUP BY unit, month, f`,
        )
        .all(from, to, ...filter.params);
      for (const f of finished) tally(f.unit, `${f.month}-01`).days += f.n * this.ordinal(f.f);
      const incidents = this.readModels.prepare<unknown[], { unit: string; month: string; type: string; n: number }>(
        PERFORMANCE,
        (t) => `SELECT unit, substr(date, 1, 7) AS month, type, COUNT(*) AS n FROM ${t('incidents')}
                WHERE date >= ? AND date <= ?${filter.sql} GROUP BY unit, month, type`,
      );
      for (const i of incidents.all(from, to, ...filter.params)) {
        const t = tally(i.unit, `${i.month}-01`);
        if (i.type === 'urge') t.urges += i.n;
        else t.extensions += i.n;
      }
    }
    const rows = [...tallies.values()].map((t) => this.row(t)).sort((a, b) => a.period.localeCompare(b.period) || a.key.localeCompare(b.key));
    const sum = [...tallies.values()].reduce<Tally>(
      (s, t) => ({ ...s, assigned: s.assigned + t.assigned, completed: s.completed + t.completed, completedOnTime: s.completedOnTime + t.completedOnTime, overdueNow: s.overdueNow + t.overdueNow, extensions: s.extensions + t.extensions, urges: s.urges + t.urges, days: s.days + t.days }),
      { key: '', period: `${from}~${to}`, assigned: 0, completed: 0, completedOnTime: 0, overdueNow: 0, extensions: 0, urges: 0, days: 0 },
    );
    return { from, to, asOf: now, by, period, rows, totals: { ...this.row(sum), name: '合计' }, definitions: PERFORMANCE_DEFINITIONS };
  }

  /** Working days from a fixed epoch to `date`: differences are calendar.workingDaysBetween. */
  private ordinal(date: string): number {
    let n = this.ordinals.get(date);
    if (n === undefined) {
      n = this.calendar.workingDaysBetween(ORDINAL_EPOCH, date);
      if (this.ordinals.size > 20_000) this.ordinals.clear();
      this.ordinals.set(date, n);
    }
    return n;
  }

  private row(t: Tally): PerformanceRow {
    const { days, ...counts } = t;
    return {
      ...counts,
      name: t.key ? this.directory.nameOf(t.key) : '(未定)',
      averageWorkingDaysToComplete: ratio(days, t.completed, 2),
      completionRate: ratio(t.completed, t.assigned, 4),
      onTimeRate: ratio(t.completedOnTime, t.completed + t.overdueNow, 4),
    };
  }

  private filter(q: PerformanceQuery, units: string[] | undefined): { sql: string; params: string[] } {
    let sql = '';
    const params: string[] = [];
    if (q.source) {
      sql += ' AND source = ?';
      params.push(q.source);
    }
    if (units) {
      sql += ` AND unit IN (${units.map(() => '?').join(', ')})`;
      params.push(...units);
    }
    return { sql, params };
  }

  /** The period, its dates within QUERY_DATES (the same bound as asOf). */
  private range(q: PerformanceQuery, now: string): { from: string; to: string } {
    const bad = (message: string) => new BadRequestException({ code: 'INVALID_RANGE', message });
    const check = (field: string, value: string, date: string) => {
      const problem = queryDateProblem(date);
      if (problem === 'range') throw bad(`${field} ${value} 超出可查询的范围:日期应在 ${QUERY_DATES_TEXT} 之间`);
      if (problem === 'format') throw bad(`${field} ${value} 不是有效日期 (YYYY-MM${field === 'month' ? '' : '-DD'})`);
    };
    if (q.month) {
      if (q.from || q.to) throw bad('month 与 from/to 只能给出一种');
      const m = MONTH.exec(q.month);
      if (!m) throw bad('month 应为 YYYY-MM');
      check('month', q.month, `${q.month}-01`);
      // Day 0 of the next month: safe once the year is within QUERY_DATES (Date.UTC reads 0–99 as 19xx).
      return { from: `${q.month}-01`, to: new Date(Date.UTC(+m[1]!, +m[2]!, 0)).toISOString().slice(0, 10) };
    }
    const to = q.to ?? shanghaiDate(now);
    const from = q.from ?? `${to.slice(0, 7)}-01`;
    check('to', to, to);
    check('from', from, from);
    if (from > to) throw bad(`from ${from} 晚于 to ${to}`);
    return { from, to };
  }

  private units(q: PerformanceQuery, scope: QueryScope): string[] | undefined {
    let units = scope.units ? [...scope.units] : undefined;
    if (q.unit) {
      if (!this.directory.hasUnit(q.unit)) throw new BadRequestException({ code: 'UNKNOWN_UNIT', message: `unit: 组织目录中没有单位 ${q.unit}` });
      units = units ? units.filter((u) => u === q.unit) : [q.unit];
    }
    if (q.leader) {
      if (!this.directory.isLeaderPosition(q.leader)) throw new BadRequestException({ code: 'UNKNOWN_LEADER', message: `leader: 组织目录中没有领导职位 ${q.leader}` });
      const portfolio = portfolioUnits(this.directory, q.leader);
      units = units ? units.filter((u) => portfolio.includes(u)) : portfolio;
    }
    return units;
  }
}
