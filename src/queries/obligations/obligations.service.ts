import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { endOfShanghaiDay, shanghaiDate } from '../../calendar/deadline-policy';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import { CLOCK, type Clock } from '../../command-handling/clock';
import type { Directory } from '../../directory';
import { CALENDAR, DIRECTORY } from '../../domain-deps/domain-deps.module';
import { ReadModels } from '../../projections/read-models';
import { parseAsOf } from '../shared/as-of';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { owedByCondition, portfolioUnits } from '../shared/parties';
import type { QueryScope } from '../shared/query-scope';
import { toItem, type ObligationItem, type OpenRow, type Presenter } from './obligation-item';
import { DEFAULT_LIMIT, DEFAULT_WITHIN_DAYS, MAX_LIMIT, type ObligationQuery, type ObligationSort, type ObligationView } from './obligation-query';
import { addAfter, addCondition, addIn, addWindow, emptyParts, rowsQuery, sortColumns, sortKeyChecks, type SqlParts } from './obligation-sql';

export const OBLIGATIONS = 'obligations';

export interface ObligationWindow {
  asOf: string;
  view: ObligationView;
  withinDays: number;
  /** 黄 covers obligations due up to this instant (end of the Nth working day). */
  dueSoonThrough: string;
  sort: ObligationSort;
}

export interface ObligationPage extends ObligationWindow {
  items: ObligationItem[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

interface Plan {
  window: ObligationWindow;
  presenter: Presenter;
  /** Undefined: the filters exclude everything (e.g. a unit outside the reader's scope). */
  parts?: SqlParts;
  /** Set when asOf is before now: the rows are the versions valid then, not today's. */
  pastAsOf?: string;
}

/**
 * The 督查室's queries over open obligations: 红 (overdue as of a time), 黄 (due within N
 * working days), filters, index-ordered keyset paging. A past asOf reads the obligations as
 * they were then. Working days are counted with the calendar at query time.
 */
@Injectable()
export class ObligationsService {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(DIRECTORY) private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async page(query: ObligationQuery, scope: QueryScope): Promise<ObligationPage> {
    await this.readModels.caughtUp(OBLIGATIONS, query.minPosition);
    const plan = this.plan(query, scope);
    const limit = Math.min(Math.max(query.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    if (!plan.parts) return { ...plan.window, items: [], nextCursor: null };
    const sort = plan.window.sort;
    if (query.cursor) addAfter(plan.parts, sort, decodeCursor(query.cursor, sort, sortKeyChecks(sort)));
    const rows = this.select(plan.parts, plan.pastAsOf, sort, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > limit && last ? encodeCursor(sort, sortColumns(sort).map((c) => String(last[c as keyof OpenRow]))) : null;
    return { ...plan.window, items: page.map((r) => toItem(r, plan.presenter)), nextCursor };
  }

  /** Every matching obligation in sort order (exports), at most `max`. */
  async all(query: ObligationQuery, scope: QueryScope, max: number): Promise<ObligationWindow & { items: ObligationItem[]; truncated: boolean }> {
    await this.readModels.caughtUp(OBLIGATIONS, query.minPosition);
    const plan = this.plan(query, scope);
    if (!plan.parts) return { ...plan.window, items: [], truncated: false };
    const rows = this.select(plan.parts, plan.pastAsOf, plan.window.sort, max + 1);
    return { ...plan.window, items: rows.slice(0, max).map((r) => toItem(r, plan.presenter)), truncated: rows.length > max };
  }

  private select(parts: SqlParts, pastAsOf: string | undefined, sort: ObligationSort, limit: number): OpenRow[] {
    const q = rowsQuery(parts, sort, pastAsOf);
    return this.readModels.prepare<unknown[], OpenRow>(OBLIGATIONS, q.sql).all(...q.params, limit);
  }

  /**
   * The window as of `asOf`: 红 before it, 黄 up to the end of the Nth working day after its
   * date. `past`: asOf is before `now`, so what was true then is read from the versions.
   */
  window(asOfRaw: string | undefined, withinDays = DEFAULT_WITHIN_DAYS): { asOf: string; dueSoonThrough: string; now: string; past: boolean } {
    const now = this.clock.now();
    const asOf = parseAsOf(asOfRaw, now);
    const today = shanghaiDate(asOf);
    const last = withinDays === 0 ? today : this.calendar.addWorkingDays(today, withinDays);
    return { asOf, dueSoonThrough: endOfShanghaiDay(last), now: now.toISOString(), past: asOf < now.toISOString() };
  }

  private plan(q: ObligationQuery, scope: QueryScope): Plan {
    const withinDays = q.withinDays ?? DEFAULT_WITHIN_DAYS;
    const { asOf, dueSoonThrough, past } = this.window(q.asOf, withinDays);
    const window: ObligationWindow = { asOf, view: q.view, withinDays, dueSoonThrough, sort: q.sort ?? 'dueAt' };
    const presenter: Presenter = { asOf, today: shanghaiDate(asOf), boundary: dueSoonThrough, calendar: this.calendar, directory: this.directory };
    const units = this.units(q, scope);
    if (units?.length === 0 || q.streamIds?.length === 0) return { window, presenter };
    const parts = emptyParts();
    addWindow(parts, q.view, asOf, dueSoonThrough);
    if (units) addIn(parts, 'unit', units);
    if (q.owedBy) {
      if (!this.directory.hasUnit(q.owedBy) && !this.directory.isLeaderPosition(q.owedBy)) {
        throw new BadRequestException({ code: 'UNKNOWN_PARTY', message: `owedBy: 组织目录中没有单位或领导职位 ${q.owedBy}` });
      }
      const c = owedByCondition(this.directory, q.owedBy);
      addCondition(parts, c.sql, ...c.params);
    }
    if (q.handlingClass) addCondition(parts, 'handling_class = ?', q.handlingClass);
    if (q.kind) addCondition(parts, 'doc_kind = ?', q.kind);
    if (q.source) addCondition(parts, 'source = ?', q.source);
    if (q.type) addCondition(parts, 'type = ?', q.type);
    if (q.streamIds) addIn(parts, 'stream_id', q.streamIds);
    // A past asOf answers with what was true then: due dates as they were, and obligations
    // fulfilled since. Now or later reads `open` alone (its fast path).
    return { window, presenter, parts, pastAsOf: past ? asOf : undefined };
  }

  /** The unit, the 分管领导's portfolio and the reader's scope, intersected; undefined: any unit. */
  private units(q: ObligationQuery, scope: QueryScope): string[] | undefined {
    let units = scope.units ? [...scope.units] : undefined;
    if (q.unit) {
      if (!this.directory.hasUnit(q.unit)) throw new BadRequestException({ code: 'UNKNOWN_UNIT', message: `unit: 组织目录中没有单位 ${q.unit}` });
      units = units ? units.filter((u) => u === q.unit) : [q.unit];
    }
    if (q.leader) {
      if (!this.directory.isLeaderPosition(q.leader)) {
        throw new BadRequestException({ code: 'UNKNOWN_LEADER', message: `leader: 组织目录中没有领导职位 ${q.leader}` });
      }
      const portfolio = portfolioUnits(this.directory, q.leader);
      units = units ? units.filter((u) => portfolio.includes(u)) : portfolio;
    }
    return units;
  }
}
