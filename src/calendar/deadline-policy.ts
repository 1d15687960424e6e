import { DomainError } from '../domain/domain-error';
import type { IsoDate, WorkingCalendar } from './working-calendar';

/** 第四十七条 handling classes of a document 批办/转办 by the 市政府. */
export type HandlingClass =
  | 'own_authority'
  | 'needs_approval'
  | 'lead_with_consultation'
  | 'needs_investigation'
  | 'urgent'
  | 'statutory';

export interface Deadline {
  /** End of the due working day in Asia/Shanghai, as a UTC ISO instant. */
  dueAt: string;
  dueDate: IsoDate;
  rule: string;
  ruleCode: string;
  calendarVersion: string;
  /** Some counted date lies outside the calendar's official data. */
  provisional: boolean;
}

export interface DeadlineInput {
  handlingClass: HandlingClass;
  assignedAt: string;
  urgentDueDate?: IsoDate;
  statutoryDueDate?: IsoDate;
  legalBasis?: string;
}

const ART47 = '第四十七条';
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has had no DST since 1991
const DAY_MS = 86_400_000;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

const WORKING_DAY_RULES: Partial<Record<HandlingClass, { days: number; rule: string; ruleCode: string }>> = {
  own_authority: { days: 7, rule: `${ART47}: 职权范围内事项 7 个工作日内办结`, ruleCode: 'ART47_OWN_AUTHORITY_7WD' },
  needs_approval: {
    days: 7,
    rule: `${ART47}: 需要市政府审批的事项 7 个工作日内提出本部门意见`,
    ruleCode: 'ART47_NEEDS_APPROVAL_OPINION_7WD',
  },
  lead_with_consultation: {
    days: 10,
    rule: `${ART47}: 主办部门会相关部门办理的事项 10 个工作日内提出意见`,
    ruleCode: 'ART47_LEAD_CONSULTATION_OPINION_10WD',
  },
  needs_investigation: {
    days: 30,
    rule: `${ART47}: 需要调查论证的事项报告结果不得超过 30 个工作日`,
    ruleCode: 'ART47_INVESTIGATION_RESULT_30WD',
  },
};
// The article only says 应先说明办理情况; the 7th working day is our policy, so the text says so.
const PROGRESS_RULE = {
  days: 7,
  rule: `${ART47}: 需要调查论证的事项应先说明办理情况 (本系统要求第 7 个工作日内说明)`,
  ruleCode: 'ART47_INVESTIGATION_PROGRESS_7WD',
};

function invalid(code: string, message: string, article?: string): DomainError {
  return new DomainError('invalid', code, message, article);
}

function addDays(date: IsoDate, n: number): IsoDate {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + n);
  return new Date(t).toISOString().slice(0, 10);
}

/** A real 'YYYY-MM-DD' date: 2026-02-30 and the years 0000–0099 (which Date.UTC reads as 19xx) are not. */
export function isIsoDate(v: unknown): v is IsoDate {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.UTC(+v.slice(0, 4), +v.slice(5, 7) - 1, +v.slice(8, 10));
  return new Date(t).toISOString().slice(0, 10) === v; // rejects 2026-02-30
}

/** The Asia/Shanghai calendar date of an ISO instant (which must carry Z or an offset). */
export function shanghaiDate(instant: string): IsoDate {
  return toShanghaiDate(instant);
}

function toShanghaiDate(instant: string, article?: string): IsoDate {
  const m = typeof instant === 'string' ? INSTANT.exec(instant) : null;
  if (!m || !isKnownIsoDate(m[1]!)) {
    throw invalid('ASSIGNED_AT_INVALID', `交办时间 ${String(instant)} 不是带时区的 ISO 时间`, article);
  }
  // UTC (how every stored instant is written): Shanghai is UTC+8 all year, no Date needed.
  if (m[5] === 'Z') return +m[2]! < 16 ? m[1]! : nextDay(m[1]!);
  return new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Projections and reports convert an instant per event; the dates involved are few (days),
 * so validity and successors are remembered, within a bound against hostile input.
 */
const knownDates = new Map<string, IsoDate | null>();
const remember = (date: string, next: IsoDate | null): IsoDate | null => {
  if (knownDates.size >= 20_000) knownDates.clear();
  knownDates.set(date, next);
  return next;
};

/** isIsoDate, remembered. */
function isKnownIsoDate(date: string): boolean {
  const next = knownDates.get(date);
  if (next !== undefined) return next !== null;
  return remember(date, isIsoDate(date) ? addDays(date, 1) : null) !== null;
}

/** The day after a date isKnownIsoDate accepted. */
function nextDay(date: IsoDate): IsoDate {
  return knownDates.get(date) ?? addDays(date, 1);
}

/** 23:59:59.999 of `date` in Asia/Shanghai, as a UTC ISO instant. */
export function endOfShanghaiDay(date: IsoDate): string {
  if (!isIsoDate(date)) throw invalid('DATE_INVALID', `日期 ${String(date)} 不是有效的 YYYY-MM-DD 日期`);
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + DAY_MS - 1;
  return new Date(t - SHANGHAI_OFFSET_MS).toISOString();
}

function countedDeadline(
  start: IsoDate,
  spec: { days: number; rule: string; ruleCode: string },
  calendar: WorkingCalendar,
): Deadline {
  const dueDate = calendar.addWorkingDays(start, spec.days);
  // Counted dates run from the day after `start` to `dueDate`; coverage is one interval.
  const firstCounted = addDays(start, 1);
  return {
    dueAt: endOfShanghaiDay(dueDate),
    dueDate,
    rule: spec.rule,
    ruleCode: spec.ruleCode,
    calendarVersion: calendar.version,
    provisional: calendar.isProvisional(firstCounted) || calendar.isProvisional(dueDate),
  };
}

function fixedDate(
  start: IsoDate,
  due: IsoDate | undefined,
  names: { field: string; zh: string; code: string },
  rule: string,
  ruleCode: string,
  calendar: WorkingCalendar,
): Deadline {
  if (due == null || due === '') {
    throw invalid(`${names.code}_REQUIRED`, `${names.zh}必须给出办理时限 (${names.field})`, ART47);
  }
  if (!isIsoDate(due)) throw invalid(`${names.code}_INVALID`, `${names.zh}办理时限 ${String(due)} 不是有效日期`, ART47);
  if (due < start) {
    throw invalid(`${names.code}_BEFORE_ASSIGNMENT`, `${names.zh}办理时限 ${due} 早于交办日期 ${start}`, ART47);
  }
  // A date set by the government or by law is taken as given; nothing is counted.
  return { dueAt: endOfShanghaiDay(due), dueDate: due, rule, ruleCode, calendarVersion: calendar.version, provisional: false };
}

/**
 * 第四十七条 deadlines. Counting starts the day after 交办 (民法典 第二百零一条), on the
 * Asia/Shanghai date of `assignedAt`; the due moment is the end of the last working day.
 */
export function deadlineFor(
  input: DeadlineInput,
  calendar: WorkingCalendar,
): { primary: Deadline; progressExplanation?: Deadline } {
  const start = toShanghaiDate(input.assignedAt, ART47);
  const cls = input.handlingClass;
  if (input.urgentDueDate !== undefined && cls !== 'urgent') {
    throw invalid('URGENT_DUE_DATE_NOT_APPLICABLE', '只有紧急公文才有市政府明确的办理时限', ART47);
  }
  if (input.statutoryDueDate !== undefined && cls !== 'statutory') {
    throw invalid('STATUTORY_DUE_DATE_NOT_APPLICABLE', '只有法律法规另有规定的事项才有法定时限', ART47);
  }
  if (cls === 'urgent') {
    const names = { field: 'urgentDueDate', zh: '紧急公文', code: 'URGENT_DUE_DATE' };
    const rule = `${ART47}: 紧急公文以市政府明确的办理时限为准`;
    return { primary: fixedDate(start, input.urgentDueDate, names, rule, 'ART47_URGENT_SET_BY_GOVERNMENT', calendar) };
  }
  if (cls === 'statutory') {
    const basis = typeof input.legalBasis === 'string' ? input.legalBasis.trim() : '';
    if (!basis) throw invalid('STATUTORY_LEGAL_BASIS_REQUIRED', '法律法规另有规定的,须注明法律依据 (legalBasis)', ART47);
    const names = { field: 'statutoryDueDate', zh: '法律法规规定的事项', code: 'STATUTORY_DUE_DATE' };
    const rule = `${ART47}: 法律法规另有规定的,从其规定 (${basis})`;
    return { primary: fixedDate(start, input.statutoryDueDate, names, rule, 'ART47_STATUTORY', calendar) };
  }
  const spec = WORKING_DAY_RULES[cls];
  if (!spec) throw invalid('HANDLING_CLASS_UNKNOWN', `未知的办理类别 ${String(cls)}`, ART47);
  const primary = countedDeadline(start, spec, calendar);
  if (cls !== 'needs_investigation') return { primary };
  return { primary, progressExplanation: countedDeadline(start, PROGRESS_RULE, calendar) };
}

/**
 * 人大代表建议/政协委员提案 (第二十七条 限时办结): the same day of the month `months` later,
 * clamped to the month's end (民法典 第二百零二条), rolled forward to the next working day
 * when that is a day off (第二百零三条).
 */
export function addCalendarMonthsRolled(
  assignedAt: string,
  months: number,
  calendar: WorkingCalendar,
  label: { rule: string; ruleCode: string } = {
    rule: `第二十七条: 人大代表建议和政协委员提案限时办结 (${months} 个月, 遇休息日顺延)`,
    ruleCode: `ART27_${months}_MONTHS_ROLLED`,
  },
): Deadline {
  if (!Number.isSafeInteger(months) || months < 1) {
    throw invalid('MONTHS_INVALID', `办理期限月数必须是正整数, 收到 ${String(months)}`, '第二十七条');
  }
  const start = toShanghaiDate(assignedAt, '第二十七条');
  const [y, m, d] = [+start.slice(0, 4), +start.slice(5, 7) - 1, +start.slice(8, 10)];
  const lastDay = new Date(Date.UTC(y, m + months + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(y, m + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
  const dueDate = calendar.nextWorkdayOnOrAfter(target);
  return {
    dueAt: endOfShanghaiDay(dueDate),
    dueDate,
    rule: label.rule,
    ruleCode: label.ruleCode,
    calendarVersion: calendar.version,
    provisional: calendar.isProvisional(target) || calendar.isProvisional(dueDate),
  };
}
