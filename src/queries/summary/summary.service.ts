import { Inject, Injectable } from '@nestjs/common';
import { shanghaiDate } from '../../calendar/deadline-policy';
import type { Directory } from '../../directory';
import { DIRECTORY } from '../../domain-deps/domain-deps.module';
import { ReadModels } from '../../projections/read-models';
import { statusLabel } from '../shared/labels';
import type { QueryScope } from '../shared/query-scope';
import { DEFAULT_WITHIN_DAYS } from '../obligations/obligation-query';
import { emptyParts, versionsAt } from '../obligations/obligation-sql';
import { OBLIGATIONS, ObligationsService } from '../obligations/obligations.service';

export interface ColourCounts {
  /** 红: overdue. */
  red: number;
  /** 黄: due within the window. */
  yellow: number;
  /** 正常: later, or without a time limit. */
  green: number;
  open: number;
}

type UnitColours = { unit: string; open: number; red: number; yellow: number };

export interface UnitSummary extends ColourCounts {
  unit: string;
  unitName: string;
  leader: string | null;
  leaderName: string | null;
  /** Items for which the unit is responsible, by source and status. */
  statuses: Record<string, Record<string, number>>;
}

export interface ObligationsSummary {
  asOf: string;
  /**
   * The moment the status counts describe: now. The colours are as of `asOf`; the item
   * statuses are counters without history, so whatever the asOf (past or future) they are
   * today's, and this says so.
   */
  statusesAsOf: string;
  withinDays: number;
  dueSoonThrough: string;
  totals: ColourCounts;
  units: UnitSummary[];
  /** Chinese label of every status code that appears. */
  statusLabels: Record<string, Record<string, string>>;
}

/**
 * Counters by colour and status per unit — what dashboards subscribe to. Read from the
 * projection's counter tables (per unit and status, per unit, and the due dates from today
 * on), so it reads a few thousand rows at most however many documents there are. A past
 * asOf counts the colours from the obligation versions valid then (a scan of those versions).
 */
@Injectable()
export class SummaryService {
  constructor(
    private readonly readModels: ReadModels,
    private readonly obligations: ObligationsService,
    @Inject(DIRECTORY) private readonly directory: Directory,
  ) {}

  async summary(options: { asOf?: string; withinDays?: number; minPosition?: string }, scope: QueryScope): Promise<ObligationsSummary> {
    await this.readModels.caughtUp(OBLIGATIONS, options.minPosition);
    const window = this.obligations.window(options.asOf, options.withinDays);
    const withinDays = options.withinDays ?? DEFAULT_WITHIN_DAYS;
    const today = shanghaiDate(window.asOf);
    const lastYellow = shanghaiDate(window.dueSoonThrough);
    const colours = window.past ? this.pastColours(window.asOf, window.dueSoonThrough) : this.currentColours(today, lastYellow);
    const statuses = this.readModels
      .prepare<[], { source: string; unit: string; status: string; n: number }>(OBLIGATIONS, (t) => `SELECT source, unit, status, n FROM ${t('status_counts')}`)
      .all();

    const units = new Map<string, UnitSummary>();
    const entry = (unit: string): UnitSummary => {
      let e = units.get(unit);
      if (!e) {
        const leader = unit ? (this.directory.portfolioLeaderOf(unit) ?? null) : null;
        e = { unit, unitName: unit ? this.directory.nameOf(unit) : '(未定)', leader, leaderName: leader && this.directory.nameOf(leader), red: 0, yellow: 0, green: 0, open: 0, statuses: {} };
        units.set(unit, e);
      }
      return e;
    };
    const visible = (unit: string) => !scope.units || scope.units.includes(unit);
    for (const c of colours) {
      if (!visible(c.unit)) continue;
      Object.assign(entry(c.unit), { red: c.red, yellow: c.yellow, green: c.open - c.red - c.yellow, open: c.open });
    }
    const statusLabels: Record<string, Record<string, string>> = {};
    for (const s of statuses) {
      if (!visible(s.unit)) continue;
      const bySource = (entry(s.unit).statuses[s.source] ??= {});
      bySource[s.status] = s.n;
      (statusLabels[s.source] ??= {})[s.status] = statusLabel(s.source, s.status) ?? s.status;
    }
    const list = [...units.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unit.localeCompare(b.unit));
    const totals = list.reduce((t, u) => ({ red: t.red + u.red, yellow: t.yellow + u.yellow, green: t.green + u.green, open: t.open + u.open }), { red: 0, yellow: 0, green: 0, open: 0 });
    return { asOf: window.asOf, statusesAsOf: window.now, withinDays, dueSoonThrough: window.dueSoonThrough, totals, units: list, statusLabels };
  }

  /**
   * A past asOf: per unit, the obligations open then and how many were 红 and 黄, from the
   * versions valid at that moment (the colours a query of that asOf shows row by row).
   */
  private pastColours(asOf: string, dueSoonThrough: string): UnitColours[] {
    const versions = versionsAt(emptyParts(), asOf, 'unit, due_at');
    return this.readModels
      .prepare<unknown[], UnitColours>(
        OBLIGATIONS,
        (t) => `SELECT unit, COUNT(*) AS open, SUM(due_at < ?) AS red, SUM(due_at >= ? AND due_at <= ?) AS yellow
                FROM (${versions.sql(t)}) GROUP BY unit`,
      )
      .all(asOf, asOf, dueSoonThrough, ...versions.params);
  }

  /** Now or later: from the counters, a few thousand rows at most. */
  private currentColours(today: string, lastYellow: string): UnitColours[] {
    const open = this.readModels.prepare<[], { unit: string; n: number }>(OBLIGATIONS, (t) => `SELECT unit, n FROM ${t('open_counts')}`).all();
    // Only what is not yet due is summed (a few weeks of dates); red is the rest.
    const notDue = this.readModels
      .prepare<unknown[], { unit: string; yellow: number; notDue: number }>(
        OBLIGATIONS,
        (t) => `SELECT unit, SUM(CASE WHEN due_date <= ? THEN n ELSE 0 END) AS yellow, SUM(n) AS notDue
                FROM ${t('due_counts')} WHERE due_date >= ? GROUP BY unit`,
      )
      .all(lastYellow, today);
    const byUnit = new Map(notDue.map((r) => [r.unit, r]));
    return open.map((o) => {
      const later = byUnit.get(o.unit);
      return { unit: o.unit, open: o.n, red: o.n - (later?.notDue ?? 0), yellow: later?.yellow ?? 0 };
    });
  }
}
