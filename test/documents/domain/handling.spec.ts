import { documentEvent } from '../../../events/document-events';
import { ChineseDaysCalendar } from '../../../src/calendar/chinese-days-calendar';
import {
  LEAD_CONSULTATION_DEADLINE,
  OWN_AUTHORITY_DEADLINE,
  assigned,
  assignedStream,
  consultationRequested,
  directory,
  disagreementReported,
  education,
  executiveViceMayor,
  finance,
  financeAgrees,
  financeDisagrees,
  housing,
  housingAgrees,
  instructed,
  instructedStream,
  intake,
  mayor,
  officeClerk,
  officeDeputy,
  officeDirector,
  ownAuthorityStream,
  registered,
  resources,
  reviewed,
  routed,
  spec,
  submission,
  submitted,
  supervisor,
  viceMayor1,
  viceMayor2,
} from './fixtures';

describe('交办 (第四十七条 deadlines, stored in the event)', () => {
  it('第四十七条: a 批办 lead-with-consultation matter assigned on 2026-09-29 is due at the end of 2026-10-19', () => {
    spec.given(instructedStream).when({ type: 'assign' }, { actor: officeClerk }).then([assigned]);
  });

  it('第四十七条: own-authority matter: 办结 within 7 working days, 2026-10-14 (国庆 off, Saturday 10/10 worked)', () => {
    const [event] = spec
      .given(instructedStream)
      .when({ type: 'assign', handlingClass: 'own_authority', coUnits: [] }, { actor: officeClerk })
      .events();
    expect(event!.data).toMatchObject({ handlingClass: 'own_authority', coUnits: [], deadline: OWN_AUTHORITY_DEADLINE });
  });

  it('第四十七条: needs-investigation matter: progress explanation by 2026-10-14, result by 2026-11-16', () => {
    const [event] = spec
      .given(instructedStream)
      .when({ type: 'assign', handlingClass: 'needs_investigation' }, { actor: officeClerk })
      .events();
    expect(event!.data).toMatchObject({
      deadline: { dueDate: '2026-11-16', dueAt: '2026-11-16T15:59:59.999Z', ruleCode: 'ART47_INVESTIGATION_RESULT_30WD' },
      progressDeadline: { dueDate: '2026-10-14', ruleCode: 'ART47_INVESTIGATION_PROGRESS_7WD' },
    });
  });

  it('第四十七条: an urgent matter is due on the date the government sets', () => {
    const [event] = spec
      .given(instructedStream)
      .when({ type: 'assign', handlingClass: 'urgent', urgentDueDate: '2026-09-30' }, { actor: officeClerk })
      .events();
    expect(event!.data).toMatchObject({
      deadline: { dueDate: '2026-09-30', dueAt: '2026-09-30T15:59:59.999Z', ruleCode: 'ART47_URGENT_SET_BY_GOVERNMENT' },
    });
  });

  it('第四十七条: a statutory limit overrides, with its legal basis stored', () => {
    const [event] = spec
      .given(instructedStream)
      .when(
        { type: 'assign', handlingClass: 'statutory', statutoryDueDate: '2026-10-28', legalBasis: '《政府信息公开条例》第三十三条' },
        { actor: officeClerk },
      )
      .events();
    expect(event!.data).toMatchObject({
      legalBasis: '《政府信息公开条例》第三十三条',
      deadline: { dueDate: '2026-10-28', rule: '第四十七条: 法律法规另有规定的,从其规定 (《政府信息公开条例》第三十三条)' },
    });
  });

  it('第四十七条: an urgent matter without a date is refused by the deadline policy', () => {
    spec.given(instructedStream).when({ type: 'assign', handlingClass: 'urgent' }, { actor: officeClerk }).thenThrows('URGENT_DUE_DATE_REQUIRED', 'invalid');
  });

  it('a deadline counted past the calendar’s coverage is stored as provisional', () => {
    const [event] = spec
      .given(instructedStream)
      .when({ type: 'assign', handlingClass: 'own_authority' }, { actor: officeClerk, now: new Date('2026-12-24T02:00:00Z') })
      .events();
    expect(event!.data).toMatchObject({ deadline: { dueDate: '2027-01-04', provisional: true } });
  });

  it('第四十七条: the office may 转办 straight after its review when no leader is needed', () => {
    const [event] = spec.given(intake).when({ type: 'assign' }, { actor: officeClerk }).events();
    expect(event!.data).toMatchObject({ mode: 'office_transfer', deadline: LEAD_CONSULTATION_DEADLINE });
  });

  it('第四十二条: a routed document waits for the 批示', () => {
    spec.given([...intake, routed]).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('NOT_INSTRUCTED', 'invalid_state');
  });

  it('第四十二条: a major matter is assigned only after the 市长’s 批示', () => {
    const majorReview = documentEvent('document.reviewed', { ...reviewed.data, major: true });
    const majorRoute = documentEvent('document.routed', {
      leadUnit: 'natural-resources',
      to: [...routed.data.to, { position: 'mayor', title: '市长', reasons: ['major'] }],
    });
    const base = [submitted, registered, majorReview];
    spec.given(base).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('MAYOR_APPROVAL_REQUIRED', 'invalid_state');
    spec.given([...base, majorRoute, instructed]).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('MAYOR_APPROVAL_REQUIRED', 'invalid_state');
    const mayorInstructed = documentEvent('document.instructed', { position: 'mayor', text: '同意' });
    const [event] = spec.given([...base, majorRoute, instructed, mayorInstructed]).when({ type: 'assign' }, { actor: officeClerk }).events();
    expect(event!.type).toBe('document.assigned');
  });

  it('第四十七条: a lead-with-consultation matter needs co-units', () => {
    spec
      .given(instructedStream)
      .when({ type: 'assign', handlingClass: 'lead_with_consultation', coUnits: [] }, { actor: officeClerk })
      .thenThrows('CO_UNITS_REQUIRED', 'invalid');
  });

  it('交办 input is checked: handling class present, lead unit known', () => {
    const noClass = documentEvent('document.reviewed', { ...reviewed.data, proposedHandlingClass: undefined });
    spec.given([submitted, registered, noClass]).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('HANDLING_CLASS_REQUIRED', 'invalid');
    spec.given(instructedStream).when({ type: 'assign', leadUnit: 'zjg-gov' }, { actor: officeClerk }).thenThrows('NOT_A_WORKING_UNIT', 'invalid');
  });

  it('第四十二条: only the office assigns', () => {
    spec.given(instructedStream).when({ type: 'assign' }, { actor: viceMayor1 }).thenThrows('OFFICE_ONLY', 'forbidden');
  });
});

describe('会商 (consultation)', () => {
  it('第四十七条: the lead unit asks its co-units for their opinion by a date', () => {
    spec
      .given(assignedStream)
      .when({ type: 'requestConsultation', units: ['housing-construction', 'finance'], replyBy: '2026-10-12', subject: '地块收储方案' })
      .then([consultationRequested]);
  });

  it('第四十七条: only the lead unit asks for 会商', () => {
    spec
      .given(assignedStream)
      .when({ type: 'requestConsultation', units: ['finance'], replyBy: '2026-10-12', subject: '方案' }, { actor: housing })
      .thenThrows('NOT_LEAD_UNIT', 'forbidden');
  });

  it('the reply-by date lies between today and the deadline', () => {
    const ask = (replyBy: string) => spec.given(assignedStream).when({ type: 'requestConsultation', units: ['finance'], replyBy, subject: '方案' });
    ask('2026-09-28').thenThrows('REPLY_BY_IN_PAST', 'invalid');
    ask('2026-10-20').thenThrows('REPLY_BY_AFTER_DUE', 'invalid');
    ask('2026-10-32').thenThrows('DATE_INVALID', 'invalid');
  });

  it('the lead unit does not consult itself, nor a unit still to reply', () => {
    spec
      .given(assignedStream)
      .when({ type: 'requestConsultation', units: ['natural-resources'], replyBy: '2026-10-12', subject: '方案' })
      .thenThrows('LEAD_UNIT_REPEATED', 'invalid');
    spec
      .given([...assignedStream, consultationRequested])
      .when({ type: 'requestConsultation', units: ['finance'], replyBy: '2026-10-12', subject: '方案' })
      .thenThrows('CONSULTATION_PENDING', 'invalid_state');
  });

  it('an asked unit agrees', () => {
    spec.given([...assignedStream, consultationRequested]).when({ type: 'giveConsultationOpinion', stance: 'agree' }, { actor: housing }).then([housingAgrees]);
  });

  it('第四十一条: an asked unit disagrees with 理由 and 依据', () => {
    spec
      .given([...assignedStream, consultationRequested])
      .when(
        { type: 'giveConsultationOpinion', stance: 'disagree', reasons: '年度收储资金已安排完毕', basis: '《2026 年市级财政预算》' },
        { actor: finance },
      )
      .then([financeDisagrees]);
  });

  it('第四十一条: a disagreement without 理由 or 依据 is not accepted', () => {
    spec
      .given([...assignedStream, consultationRequested])
      .when({ type: 'giveConsultationOpinion', stance: 'disagree', reasons: '资金不足' }, { actor: finance })
      .thenThrows('REASONS_AND_BASIS_REQUIRED', 'invalid');
  });

  it('agree with changes needs the changes', () => {
    const given = spec.given([...assignedStream, consultationRequested]);
    given.when({ type: 'giveConsultationOpinion', stance: 'agree_with_changes' }, { actor: finance }).thenThrows('CHANGES_REQUIRED', 'invalid');
    given
      .when({ type: 'giveConsultationOpinion', stance: 'agree_with_changes', changes: '分两年安排' }, { actor: finance })
      .then([documentEvent('document.consultation_opinion_given', { unit: 'finance', stance: 'agree_with_changes', changes: '分两年安排' })]);
    given.when({ type: 'giveConsultationOpinion', stance: 'maybe' as never }, { actor: finance }).thenThrows('STANCE_INVALID', 'invalid');
  });

  it('第四十七条: an opinion from a unit that was not asked is refused', () => {
    spec
      .given([...assignedStream, consultationRequested])
      .when({ type: 'giveConsultationOpinion', stance: 'agree' }, { actor: education })
      .thenThrows('NOT_CONSULTED', 'forbidden');
  });

  it('an asked unit answers once', () => {
    spec
      .given([...assignedStream, consultationRequested, housingAgrees])
      .when({ type: 'giveConsultationOpinion', stance: 'disagree', reasons: 'r', basis: 'b' }, { actor: housing })
      .thenThrows('ALREADY_ANSWERED', 'invalid_state');
  });

  it('a unit that answered can be asked again in a new round', () => {
    const events = spec
      .given([...assignedStream, consultationRequested, housingAgrees])
      .when({ type: 'requestConsultation', units: ['housing-construction'], replyBy: '2026-10-15', subject: '修改后的方案' })
      .events();
    expect(events.map((e) => e.type)).toEqual(['document.consultation_requested']);
  });
});

describe('分歧 and 协调 (第四十一、四十二条)', () => {
  const disagreed = [...assignedStream, consultationRequested, housingAgrees, financeDisagrees];
  const report = {
    type: 'reportDisagreement' as const,
    headsConsulted: true,
    positions: disagreementReported.data.positions,
    proposal: '建议分两年安排收储资金',
  };

  it('第四十一条: the lead unit reports a disagreement with each side’s 理由/依据 and a proposal', () => {
    spec.given(disagreed).when(report).then([disagreementReported]);
  });

  it('第四十一条: a report without the heads’ consultation, the other side or a proposal lists every gap', () => {
    const error = spec
      .given(disagreed)
      .when({ ...report, headsConsulted: false, positions: [report.positions[0]!], proposal: '' })
      .thenThrows('DISAGREEMENT_INCOMPLETE', 'invalid');
    expect((error.details!.violations as { code: string }[]).map((d) => d.code)).toEqual([
      'DISAGREEMENT_HEADS_NOT_CONSULTED',
      'DISAGREEMENT_SIDES_MISSING',
      'DISAGREEMENT_PROPOSAL_MISSING',
      'DISAGREEMENT_SIDES_MISSING',
    ]);
    expect(error.message).toContain('缺少 市财政局 的意见');
  });

  it('第四十一条: the joined refusal cites the article once, at the start', () => {
    const error = spec
      .given(disagreed)
      .when({ ...report, headsConsulted: false, proposal: ' ' })
      .thenThrows('DISAGREEMENT_INCOMPLETE', 'invalid');
    expect(error.message.startsWith('第四十一条: ')).toBe(true);
    expect(error.message.split('第四十一条')).toHaveLength(2);
    expect(error.message).toContain(';');
  });

  it('第四十一条: a side without 理由 or 依据, or no proposal at all, is refused item by item, each unit named', () => {
    const [resources, finance] = report.positions;
    const error = spec
      .given(disagreed)
      .when({
        type: 'reportDisagreement',
        headsConsulted: true,
        positions: [{ unit: resources!.unit, basis: resources!.basis }, { ...finance!, basis: '  ' }],
      })
      .thenThrows('DISAGREEMENT_INCOMPLETE', 'invalid');
    expect(error.details!.violations).toEqual([
      expect.objectContaining({ article: '第四十一条', code: 'DISAGREEMENT_REASONS_MISSING', message: expect.stringContaining('市自然资源和规划局') }),
      expect.objectContaining({ article: '第四十一条', code: 'DISAGREEMENT_BASIS_MISSING', message: expect.stringContaining('市财政局') }),
      expect.objectContaining({ article: '第四十一条', code: 'DISAGREEMENT_PROPOSAL_MISSING' }),
    ]);
  });

  it('there is nothing to report when nobody disagreed', () => {
    spec.given([...assignedStream, consultationRequested, housingAgrees, financeAgrees]).when(report).thenThrows('NO_DISAGREEMENT', 'invalid_state');
  });

  it('第四十七条: only the lead unit reports a disagreement', () => {
    spec.given(disagreed).when(report, { actor: finance }).thenThrows('NOT_LEAD_UNIT', 'forbidden');
  });

  it('a disagreement is reported once until coordinated', () => {
    spec.given([...disagreed, disagreementReported]).when(report).thenThrows('DISAGREEMENT_ALREADY_REPORTED', 'invalid_state');
  });

  it('第四十二条: the 分管副市长 of the lead unit coordinates', () => {
    spec
      .given([...disagreed, disagreementReported])
      .when({ type: 'coordinate', outcome: 'leaning_proposal', text: '倾向于分两年安排,请财政局配合' }, { actor: viceMayor1 })
      .then([
        documentEvent('document.coordinated', {
          position: 'vice-mayor-1',
          outcome: 'leaning_proposal',
          text: '倾向于分两年安排,请财政局配合',
          origin: 'handling',
        }),
      ]);
  });

  it('第四十二条: another vice mayor (even the other side’s) may not coordinate; the 市长 may', () => {
    const given = spec.given([...disagreed, disagreementReported]);
    given.when({ type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: executiveViceMayor }).thenThrows('NOT_PORTFOLIO_LEADER', 'forbidden');
    given.when({ type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: officeDeputy }).thenThrows('NOT_PORTFOLIO_LEADER', 'forbidden');
    expect(given.when({ type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: mayor }).events()).toHaveLength(1);
  });

  it('coordination input is checked', () => {
    const given = spec.given([...disagreed, disagreementReported]);
    given.when({ type: 'coordinate', outcome: 'whatever' as never, text: '同意' }, { actor: viceMayor1 }).thenThrows('OUTCOME_INVALID', 'invalid');
    given.when({ type: 'coordinate', outcome: 'agreed', text: '' }, { actor: viceMayor1 }).thenThrows('TEXT_REQUIRED', 'invalid');
  });

  describe('a 请示 that arrives with a disagreement', () => {
    const withDisagreement = documentEvent('document.submitted', {
      ...submission,
      disagreement: { headsConsulted: true, positions: disagreementReported.data.positions, proposal: '建议分期收储' },
    });
    const coordinationRoute = documentEvent('document.routed', {
      leadUnit: 'natural-resources',
      to: [{ ...routed.data.to[0]!, reasons: ['portfolio', 'coordination'] }],
    });
    const stream = [withDisagreement, registered, reviewed, coordinationRoute];

    it('第四十二条: cannot be assigned before the 分管副市长 coordinates', () => {
      spec.given([...stream, instructed]).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('DISAGREEMENT_NOT_COORDINATED', 'invalid_state');
      spec.given([withDisagreement, registered, reviewed]).when({ type: 'assign' }, { actor: officeClerk }).thenThrows('DISAGREEMENT_NOT_COORDINATED', 'invalid_state');
    });

    it('第四十二条: the 分管副市长 coordinates it after routing, then it can be assigned', () => {
      const coordinated = documentEvent('document.coordinated', {
        position: 'vice-mayor-1',
        outcome: 'agreed',
        text: '经协调,同意分期收储',
        origin: 'submission',
      });
      spec.given(stream).when({ type: 'coordinate', outcome: 'agreed', text: '经协调,同意分期收储' }, { actor: viceMayor1 }).then([coordinated]);
      const [event] = spec.given([...stream, coordinated, instructed]).when({ type: 'assign' }, { actor: officeClerk }).events();
      expect(event!.type).toBe('document.assigned');
    });

    it('第四十二条: coordination waits for the routing', () => {
      spec
        .given([withDisagreement, registered, reviewed])
        .when({ type: 'coordinate', outcome: 'agreed', text: '同意' }, { actor: viceMayor1 })
        .thenThrows('NOT_ROUTED', 'invalid_state');
    });
  });
});

describe('说明办理情况, 延期, 催办', () => {
  it('第四十七条: the lead unit explains progress, on time before the progress deadline', () => {
    spec
      .given(ownAuthorityStream)
      .when({ type: 'explainProgress', text: '已完成现场踏勘' })
      .then([documentEvent('document.progress_explained', { unit: 'natural-resources', text: '已完成现场踏勘', onTime: true })]);
  });

  it('第四十七条: only the lead unit explains progress', () => {
    spec.given(ownAuthorityStream).when({ type: 'explainProgress', text: '进展' }, { actor: housing }).thenThrows('NOT_LEAD_UNIT', 'forbidden');
  });

  const requested = documentEvent('document.extension_requested', {
    unit: 'natural-resources',
    requestedDueDate: '2026-10-30',
    reason: '需补充测绘',
  });

  it('the lead unit asks for an extension to a later date', () => {
    spec.given(ownAuthorityStream).when({ type: 'requestExtension', requestedDueDate: '2026-10-30', reason: '需补充测绘' }).then([requested]);
  });

  it('an extension must move the deadline later, and give a reason', () => {
    spec
      .given(ownAuthorityStream)
      .when({ type: 'requestExtension', requestedDueDate: '2026-10-14', reason: '需补充测绘' })
      .thenThrows('EXTENSION_NOT_LATER', 'invalid');
    spec.given(ownAuthorityStream).when({ type: 'requestExtension', requestedDueDate: '2026-10-30', reason: '' }).thenThrows('REASON_REQUIRED', 'invalid');
  });

  it('第四十七条: a statutory limit cannot be extended', () => {
    const statutory = documentEvent('document.assigned', {
      ...assigned.data,
      handlingClass: 'statutory',
      legalBasis: '某法',
      deadline: { ...OWN_AUTHORITY_DEADLINE, ruleCode: 'ART47_STATUTORY' },
    });
    spec
      .given([...instructedStream, statutory])
      .when({ type: 'requestExtension', requestedDueDate: '2026-10-30', reason: '来不及' })
      .thenThrows('STATUTORY_DEADLINE', 'invalid_state');
  });

  it('第四十七条: the office director approves; the new deadline is the end of the approved day', () => {
    spec
      .given([...ownAuthorityStream, requested])
      .when({ type: 'approveExtension', comment: '同意' }, { actor: officeDirector })
      .then([
        documentEvent('document.extension_approved', {
          previousDueAt: '2026-10-14T15:59:59.999Z',
          deadline: {
            dueAt: '2026-10-30T15:59:59.999Z',
            dueDate: '2026-10-30',
            rule: '第四十七条: 经批准延期至 2026-10-30',
            ruleCode: 'ART47_EXTENSION_APPROVED',
            calendarVersion: 'chinese-days@1.5.7',
            provisional: false,
          },
          comment: '同意',
        }),
      ]);
  });

  it('the approver may grant a shorter extension than asked, and the 分管副市长 may approve', () => {
    const [event] = spec
      .given([...ownAuthorityStream, requested])
      .when({ type: 'approveExtension', dueDate: '2026-10-23' }, { actor: viceMayor1 })
      .events();
    expect(event!.data).toMatchObject({ deadline: { dueDate: '2026-10-23' } });
  });

  it('第四十七条: the lead unit, an office clerk or another vice mayor may not approve an extension', () => {
    const given = spec.given([...ownAuthorityStream, requested]);
    given.when({ type: 'approveExtension' }).thenThrows('NOT_EXTENSION_APPROVER', 'forbidden');
    given.when({ type: 'approveExtension' }, { actor: officeClerk }).thenThrows('NOT_EXTENSION_APPROVER', 'forbidden');
    given.when({ type: 'approveExtension' }, { actor: viceMayor2 }).thenThrows('NOT_EXTENSION_APPROVER', 'forbidden');
    given.when({ type: 'rejectExtension', reason: '不同意' }, { actor: viceMayor2 }).thenThrows('NOT_EXTENSION_APPROVER', 'forbidden');
  });

  it('an extension is rejected with a reason; the deadline stays', () => {
    spec
      .given([...ownAuthorityStream, requested])
      .when({ type: 'rejectExtension', reason: '请按期办结' }, { actor: officeDeputy })
      .then([documentEvent('document.extension_rejected', { reason: '请按期办结' })]);
  });

  it('one extension request at a time; approval and rejection need a pending request', () => {
    spec
      .given([...ownAuthorityStream, requested])
      .when({ type: 'requestExtension', requestedDueDate: '2026-11-30', reason: '再延' })
      .thenThrows('EXTENSION_PENDING', 'invalid_state');
    spec.given(ownAuthorityStream).when({ type: 'approveExtension' }, { actor: officeDirector }).thenThrows('NO_EXTENSION_PENDING', 'invalid_state');
    spec.given(ownAuthorityStream).when({ type: 'rejectExtension', reason: '否' }, { actor: officeDirector }).thenThrows('NO_EXTENSION_PENDING', 'invalid_state');
  });

  it('第三十二条: the 督查室 urges, recording whether the matter was overdue', () => {
    spec
      .given(ownAuthorityStream)
      .when({ type: 'urge', text: '请加快办理' }, { actor: supervisor, now: new Date('2026-10-15T01:00:00Z') })
      .then([documentEvent('document.urged', { text: '请加快办理', dueAt: '2026-10-14T15:59:59.999Z', overdue: true })]);
    const [onTime] = spec.given(ownAuthorityStream).when({ type: 'urge', text: '请加快办理' }, { actor: supervisor }).events();
    expect(onTime!.data).toMatchObject({ overdue: false });
  });

  it('第三十二条: only the 督查室 urges', () => {
    spec.given(ownAuthorityStream).when({ type: 'urge', text: '快' }, { actor: officeClerk }).thenThrows('SUPERVISOR_ONLY', 'forbidden');
    spec.given(ownAuthorityStream).when({ type: 'urge', text: '快' }, { actor: finance }).thenThrows('SUPERVISOR_ONLY', 'forbidden');
  });
});

describe('recalculating a provisional deadline (DESIGN §5)', () => {
  const lateAssigned = documentEvent('document.assigned', {
    ...assigned.data,
    coUnits: [],
    handlingClass: 'own_authority',
    assignedAt: '2026-12-24T02:00:00.000Z',
    deadline: {
      ...OWN_AUTHORITY_DEADLINE,
      dueAt: '2027-01-04T15:59:59.999Z',
      dueDate: '2027-01-04',
      provisional: true,
    },
  });
  const stream = [...instructedStream, lateAssigned];
  // The 2027 notice arrives: 元旦 on Friday 2027-01-01 is a holiday.
  const newCalendar = new ChineseDaysCalendar({ holidays: ['2027-01-01'], workdays: [], coveredThrough: '2027-12-31' });

  it('records the new deadline with the new calendar version when new calendar data changes it', () => {
    spec
      .given(stream)
      .when({ type: 'recalculateDeadline' }, { actor: officeClerk, deps: { calendar: newCalendar, directory } })
      .then([
        documentEvent('document.deadline_recalculated', {
          previous: lateAssigned.data.deadline,
          deadline: {
            ...OWN_AUTHORITY_DEADLINE,
            dueAt: '2027-01-05T15:59:59.999Z',
            dueDate: '2027-01-05',
            calendarVersion: newCalendar.version,
            provisional: false,
          },
        }),
      ]);
  });

  it('emits nothing when the calendar data did not change the deadline', () => {
    spec.given(stream).when({ type: 'recalculateDeadline' }, { actor: officeClerk }).thenNothing();
  });

  it('refuses a deadline that is not provisional, or was set by an extension', () => {
    spec.given(ownAuthorityStream).when({ type: 'recalculateDeadline' }, { actor: officeClerk }).thenThrows('DEADLINE_NOT_PROVISIONAL', 'invalid_state');
    const extended = documentEvent('document.extension_approved', {
      previousDueAt: '2027-01-04T15:59:59.999Z',
      deadline: { ...OWN_AUTHORITY_DEADLINE, ruleCode: 'ART47_EXTENSION_APPROVED', dueDate: '2027-01-29', provisional: false },
    });
    spec.given([...stream, extended]).when({ type: 'recalculateDeadline' }, { actor: officeClerk }).thenThrows('DEADLINE_EXTENDED', 'invalid_state');
  });

  it('第四十二条: only the office recalculates', () => {
    spec.given(stream).when({ type: 'recalculateDeadline' }, { actor: resources }).thenThrows('OFFICE_ONLY', 'forbidden');
  });
});
