import { ChineseDaysCalendar } from '../../src/calendar/chinese-days-calendar';
import {
  addCalendarMonthsRolled,
  deadlineFor,
  endOfShanghaiDay,
  shanghaiDate,
  type HandlingClass,
} from '../../src/calendar/deadline-policy';
import { DomainError } from '../../src/domain/domain-error';

// Every expected date below was counted by hand from the 国务院办公厅 notices:
// 2025: 春节 1/28–2/4 off, 1/26 (Sun) and 2/8 (Sat) worked; 国庆+中秋 10/1–10/8 off, 9/28 (Sun) and 10/11 (Sat) worked.
// 2026: 春节 2/15–2/23 off, 2/14 (Sat) and 2/28 (Sat) worked; 中秋 9/25–9/27 off;
//       国庆 10/1–10/7 off, 9/20 (Sun) and 10/10 (Sat) worked.
const calendar = new ChineseDaysCalendar();
const due = (handlingClass: HandlingClass, assignedAt: string) =>
  deadlineFor({ handlingClass, assignedAt }, calendar).primary;

function expectDomainError(fn: () => unknown, code: string): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    const err = e as DomainError;
    expect(err.kind).toBe('invalid');
    expect(err.code).toBe(code);
    return err;
  }
  throw new Error(`expected DomainError ${code}`);
}

describe('Asia/Shanghai helpers', () => {
  it('an instant late in the evening UTC is already the next day in Shanghai', () => {
    expect(shanghaiDate('2026-09-30T20:00:00Z')).toBe('2026-10-01');
    expect(shanghaiDate('2026-09-30T15:59:59.999Z')).toBe('2026-09-30');
    expect(shanghaiDate('2026-09-30T16:00:00.000Z')).toBe('2026-10-01');
    expect(shanghaiDate('2026-10-01T00:30:00+08:00')).toBe('2026-10-01');
    expect(shanghaiDate('2026-09-30T12:00:00-05:00')).toBe('2026-10-01');
  });

  it('UTC instants (the remembered fast path) agree with Date arithmetic across years, month ends and leap days', () => {
    const viaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    const start = Date.UTC(2023, 11, 30);
    for (let t = start; t < start + 800 * 86_400_000; t += 3_599_999) {
      const iso = new Date(t).toISOString();
      expect(shanghaiDate(iso)).toBe(viaDate(iso));
    }
    // Asked twice: the remembered answer is the same, and a remembered bad date is still refused.
    expect(shanghaiDate('2024-02-29T16:00:00Z')).toBe('2024-03-01');
    expect(shanghaiDate('2024-02-29T16:00:00Z')).toBe('2024-03-01');
    expectDomainError(() => shanghaiDate('2025-02-29T10:00:00Z'), 'ASSIGNED_AT_INVALID');
    expectDomainError(() => shanghaiDate('2025-02-29T10:00:00Z'), 'ASSIGNED_AT_INVALID');
  });

  it('the end of a Shanghai day is 15:59:59.999 UTC', () => {
    expect(endOfShanghaiDay('2026-10-14')).toBe('2026-10-14T15:59:59.999Z');
    expect(endOfShanghaiDay('2024-02-29')).toBe('2024-02-29T15:59:59.999Z');
  });

  it('rejects instants without a time zone and impossible dates', () => {
    expectDomainError(() => shanghaiDate('2026-09-30T20:00:00'), 'ASSIGNED_AT_INVALID');
    expectDomainError(() => shanghaiDate('2026-02-30T10:00:00Z'), 'ASSIGNED_AT_INVALID');
    expectDomainError(() => endOfShanghaiDay('2026-13-01'), 'DATE_INVALID');
  });
});

describe('第四十七条 working-day deadlines (counting starts the day after 交办)', () => {
  it('第四十七条: own-authority matter assigned on 2026-09-29 is due at the end of 2026-10-14 (国庆 off, 10/10 Saturday worked)', () => {
    expect(due('own_authority', '2026-09-29T02:00:00Z')).toEqual({
      dueAt: '2026-10-14T15:59:59.999Z',
      dueDate: '2026-10-14',
      rule: '第四十七条: 职权范围内事项 7 个工作日内办结',
      ruleCode: 'ART47_OWN_AUTHORITY_7WD',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    });
  });

  it('第四十七条: the assignment day itself is not counted (Monday 2026-03-02 → Wednesday 2026-03-11)', () => {
    expect(due('own_authority', '2026-03-02T01:00:00Z').dueDate).toBe('2026-03-11');
    expect(due('own_authority', '2026-03-07T03:00:00Z').dueDate).toBe('2026-03-17'); // assigned on a Saturday
  });

  it('第四十七条: assigned 2026-09-29T16:30Z is 2026-09-30 in Shanghai, so it is due a day later: 2026-10-15', () => {
    expect(due('own_authority', '2026-09-29T15:59:59Z').dueDate).toBe('2026-10-14');
    expect(due('own_authority', '2026-09-29T16:30:00Z').dueDate).toBe('2026-10-15');
    expect(due('own_authority', '2026-09-30T20:00:00Z').dueDate).toBe('2026-10-15');
  });

  it('第四十七条: own-authority matter assigned Friday 2026-09-18 counts make-up Sunday 9/20 and skips 中秋: due 2026-09-29', () => {
    expect(due('own_authority', '2026-09-18T02:00:00Z').dueDate).toBe('2026-09-29');
  });

  it('第四十七条: lead-with-consultation opinion assigned 2026-09-18 is due in 10 working days across 中秋 and 国庆: 2026-10-09', () => {
    const d = due('lead_with_consultation', '2026-09-18T02:00:00Z');
    expect(d.dueDate).toBe('2026-10-09');
    expect(d.ruleCode).toBe('ART47_LEAD_CONSULTATION_OPINION_10WD');
    expect(d.rule).toBe('第四十七条: 主办部门会相关部门办理的事项 10 个工作日内提出意见');
  });

  it('第四十七条: own-authority matter assigned Friday 2026-02-13 before 春节 counts both make-up Saturdays: due 2026-03-02', () => {
    expect(due('own_authority', '2026-02-13T02:00:00Z').dueDate).toBe('2026-03-02');
    expect(due('lead_with_consultation', '2026-02-13T02:00:00Z').dueDate).toBe('2026-03-05');
  });

  it('第四十七条: needs-approval opinion assigned Friday 2025-01-24 before 春节 2025 is due 2025-02-10', () => {
    const d = due('needs_approval', '2025-01-24T02:00:00Z');
    expect(d.dueDate).toBe('2025-02-10');
    expect(d.rule).toBe('第四十七条: 需要市政府审批的事项 7 个工作日内提出本部门意见');
  });

  it('第四十七条: own-authority matter assigned Friday 2025-09-26 across 国庆+中秋 2025 is due 2025-10-13', () => {
    expect(due('own_authority', '2025-09-26T02:00:00Z').dueDate).toBe('2025-10-13');
  });

  it('第四十七条: a matter needing investigation explains progress by 2026-10-14 and reports by 2026-11-16', () => {
    const { primary, progressExplanation } = deadlineFor(
      { handlingClass: 'needs_investigation', assignedAt: '2026-09-29T02:00:00Z' },
      calendar,
    );
    expect(progressExplanation?.dueDate).toBe('2026-10-14');
    expect(progressExplanation?.ruleCode).toBe('ART47_INVESTIGATION_PROGRESS_7WD');
    expect(primary.dueDate).toBe('2026-11-16');
    expect(primary.dueAt).toBe('2026-11-16T15:59:59.999Z');
    expect(primary.rule).toBe('第四十七条: 需要调查论证的事项报告结果不得超过 30 个工作日');
  });

  it('第四十七条: only needs_investigation has a progress-explanation deadline', () => {
    expect(deadlineFor({ handlingClass: 'own_authority', assignedAt: '2026-03-02T01:00:00Z' }, calendar)).not.toHaveProperty(
      'progressExplanation',
    );
  });
});

describe('第四十七条 deadlines past calendar coverage are provisional', () => {
  it('第四十七条: assigned 2026-12-22 is due 2026-12-31, inside coverage', () => {
    const d = due('own_authority', '2026-12-22T02:00:00Z');
    expect(d.dueDate).toBe('2026-12-31');
    expect(d.provisional).toBe(false);
  });

  it('第四十七条: assigned 2026-12-23 counts 2027-01-01 as a Mon–Fri guess: due 2027-01-01, provisional', () => {
    const d = due('own_authority', '2026-12-23T02:00:00Z');
    expect(d.dueDate).toBe('2027-01-01');
    expect(d.provisional).toBe(true);
  });

  it('第四十七条: with 2027 override data (1 January off) the same matter is due 2027-01-07 and no longer provisional', () => {
    const cal2027 = new ChineseDaysCalendar({ holidays: ['2027-01-01'], workdays: [], coveredThrough: '2027-12-31' });
    const guess = deadlineFor({ handlingClass: 'own_authority', assignedAt: '2026-12-28T02:00:00Z' }, calendar).primary;
    expect(guess).toMatchObject({ dueDate: '2027-01-06', provisional: true });
    const d = deadlineFor({ handlingClass: 'own_authority', assignedAt: '2026-12-28T02:00:00Z' }, cal2027).primary;
    expect(d).toMatchObject({ dueDate: '2027-01-07', provisional: false });
    expect(d.calendarVersion).toMatch(/^chinese-days@1\.5\.7\+override\.[0-9a-f]{12}$/);
  });

  it('第四十七条: an investigation can have a firm progress deadline and a provisional result deadline', () => {
    const { primary, progressExplanation } = deadlineFor(
      { handlingClass: 'needs_investigation', assignedAt: '2026-12-01T02:00:00Z' },
      calendar,
    );
    expect(progressExplanation).toMatchObject({ dueDate: '2026-12-10', provisional: false });
    expect(primary.provisional).toBe(true);
  });
});

describe('第四十七条 urgent and statutory deadlines', () => {
  it('第四十七条: an urgent document is due at the end of the date the government set, even a Sunday', () => {
    const { primary } = deadlineFor(
      { handlingClass: 'urgent', assignedAt: '2026-09-29T02:00:00Z', urgentDueDate: '2026-10-04' },
      calendar,
    );
    expect(primary).toEqual({
      dueAt: '2026-10-04T15:59:59.999Z',
      dueDate: '2026-10-04',
      rule: '第四十七条: 紧急公文以市政府明确的办理时限为准',
      ruleCode: 'ART47_URGENT_SET_BY_GOVERNMENT',
      calendarVersion: 'chinese-days@1.5.7',
      provisional: false,
    });
  });

  it('第四十七条: an urgent document may be due on the (Shanghai) day it is assigned, never before', () => {
    const at = '2026-09-30T20:00:00Z'; // 2026-10-01 in Shanghai
    expect(deadlineFor({ handlingClass: 'urgent', assignedAt: at, urgentDueDate: '2026-10-01' }, calendar).primary.dueDate).toBe(
      '2026-10-01',
    );
    const err = expectDomainError(
      () => deadlineFor({ handlingClass: 'urgent', assignedAt: at, urgentDueDate: '2026-09-30' }, calendar),
      'URGENT_DUE_DATE_BEFORE_ASSIGNMENT',
    );
    expect(err.article).toBe('第四十七条');
    expect(err.message).toContain('第四十七条');
  });

  it('第四十七条: an urgent document without a government-set date is refused', () => {
    expectDomainError(() => deadlineFor({ handlingClass: 'urgent', assignedAt: '2026-09-29T02:00:00Z' }, calendar), 'URGENT_DUE_DATE_REQUIRED');
    expectDomainError(
      () => deadlineFor({ handlingClass: 'urgent', assignedAt: '2026-09-29T02:00:00Z', urgentDueDate: '2026-10-32' }, calendar),
      'URGENT_DUE_DATE_INVALID',
    );
  });

  it('第四十七条: a statutory deadline carries its legal basis in the rule', () => {
    const { primary } = deadlineFor(
      {
        handlingClass: 'statutory',
        assignedAt: '2026-09-29T02:00:00Z',
        statutoryDueDate: '2026-10-20',
        legalBasis: '《政府信息公开条例》第三十三条',
      },
      calendar,
    );
    expect(primary.dueAt).toBe('2026-10-20T15:59:59.999Z');
    expect(primary.rule).toBe('第四十七条: 法律法规另有规定的,从其规定 (《政府信息公开条例》第三十三条)');
    expect(primary.ruleCode).toBe('ART47_STATUTORY');
  });

  it('第四十七条: a statutory deadline needs both the date and the legal basis', () => {
    const at = '2026-09-29T02:00:00Z';
    expectDomainError(
      () => deadlineFor({ handlingClass: 'statutory', assignedAt: at, statutoryDueDate: '2026-10-20', legalBasis: '  ' }, calendar),
      'STATUTORY_LEGAL_BASIS_REQUIRED',
    );
    expectDomainError(() => deadlineFor({ handlingClass: 'statutory', assignedAt: at, legalBasis: '某法' }, calendar), 'STATUTORY_DUE_DATE_REQUIRED');
  });

  it('第四十七条: inconsistent or malformed input is refused', () => {
    const at = '2026-09-29T02:00:00Z';
    expectDomainError(
      () => deadlineFor({ handlingClass: 'own_authority', assignedAt: at, urgentDueDate: '2026-10-01' }, calendar),
      'URGENT_DUE_DATE_NOT_APPLICABLE',
    );
    expectDomainError(
      () => deadlineFor({ handlingClass: 'urgent', assignedAt: at, statutoryDueDate: '2026-10-01', urgentDueDate: '2026-10-01' }, calendar),
      'STATUTORY_DUE_DATE_NOT_APPLICABLE',
    );
    expectDomainError(() => deadlineFor({ handlingClass: 'whenever' as HandlingClass, assignedAt: at }, calendar), 'HANDLING_CLASS_UNKNOWN');
    const err = expectDomainError(() => deadlineFor({ handlingClass: 'own_authority', assignedAt: 'yesterday' }, calendar), 'ASSIGNED_AT_INVALID');
    expect(err.message).toContain('第四十七条');
  });
});

describe('第二十七条 calendar-month deadlines for 人大建议/政协提案', () => {
  const months = (assignedAt: string, n: number) => addCalendarMonthsRolled(assignedAt, n, calendar);

  it('第二十七条: 2026-01-31 + 1 month is clamped to 2026-02-28, a make-up Saturday, so it stays', () => {
    expect(months('2026-01-31T02:00:00Z', 1)).toMatchObject({
      dueDate: '2026-02-28',
      dueAt: '2026-02-28T15:59:59.999Z',
      provisional: false,
      calendarVersion: 'chinese-days@1.5.7',
    });
  });

  it('第二十七条: 2024-01-31 + 1 month is the leap day 2024-02-29', () => {
    expect(months('2024-01-31T02:00:00Z', 1).dueDate).toBe('2024-02-29');
  });

  it('第二十七条: a due date in 春节 rolls to the first working day after it: 2026-01-15 + 1 month → 2026-02-24', () => {
    expect(months('2026-01-15T02:00:00Z', 1).dueDate).toBe('2026-02-24');
  });

  it('第二十七条: 2025-09-01 + 1 month falls in 国庆+中秋 and rolls to 2025-10-09; 2026-03-05 + 1 month rolls past 清明 to 2026-04-07', () => {
    expect(months('2025-09-01T02:00:00Z', 1).dueDate).toBe('2025-10-09');
    expect(months('2026-03-05T02:00:00Z', 1).dueDate).toBe('2026-04-07');
  });

  it('第二十七条: the start is the Shanghai date: 2026-01-30T17:00Z is 2026-01-31, so + 1 month → 2026-02-28', () => {
    expect(months('2026-01-30T17:00:00Z', 1).dueDate).toBe('2026-02-28');
  });

  it('第二十七条: 2026-05-01 + 12 months lands past coverage on Saturday 2027-05-01, guessed Monday 2027-05-03, provisional', () => {
    expect(months('2026-05-01T02:00:00Z', 12)).toMatchObject({ dueDate: '2027-05-03', provisional: true });
  });

  it('第二十七条: the number of months must be a positive integer', () => {
    expectDomainError(() => months('2026-05-01T02:00:00Z', 0), 'MONTHS_INVALID');
    expectDomainError(() => months('2026-05-01T02:00:00Z', 1.5), 'MONTHS_INVALID');
  });
});
