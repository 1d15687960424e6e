import type { DocumentEvent } from '../../../events/document-events';
import { deserializeDocumentEvent } from '../../../events/document-upcast';
import { schemaVersionOf } from '../../../events/document-catalogue';
import type { WorkingCalendar } from '../../../src/calendar/working-calendar';
import type { Actor } from '../../../src/domain/decider';
import type { DocumentCommand } from '../../../src/documents/domain/document-commands';
import { documentDecider, foldDocument } from '../../../src/documents/domain/document.decider';
import {
  NOW,
  deps,
  directory,
  finance,
  housing,
  mayor,
  officeClerk,
  officeDirector,
  resources,
  supervisor,
  viceMayor1,
} from './fixtures';

/** Runs commands through decide/evolve the way the command handler does, collecting events. */
function run(steps: [DocumentCommand, Actor, string?][], calendar: WorkingCalendar = deps.calendar): DocumentEvent[] {
  const events: DocumentEvent[] = [];
  for (const [command, actor, at] of steps) {
    const state = foldDocument(events);
    events.push(
      ...documentDecider.decide(command, state, { now: at ? new Date(at) : NOW, actor, deps: { calendar, directory } }),
    );
  }
  return events;
}

const happyPath: [DocumentCommand, Actor, string?][] = [
  [{ type: 'submit', kind: 'request', title: '关于某地块土地收储的请示', fromUnit: 'natural-resources', mainTo: ['zjg-gov', 'suzhou-gov'] }, resources],
  [{ type: 'resubmit', corrections: { mainTo: ['zjg-gov'], major: true } }, resources],
  [{ type: 'register', registrationNo: '收文〔2026〕101号' }, officeClerk],
  [{ type: 'review', opinion: '拟请自然资源和规划局牵头', proposedCoUnits: ['housing-construction', 'finance'] }, officeClerk],
  [{ type: 'route' }, officeClerk],
  [{ type: 'instruct', text: '请市长审定' }, viceMayor1],
  [{ type: 'instruct', text: '同意' }, mayor],
  [{ type: 'assign', handlingClass: 'lead_with_consultation' }, officeClerk],
  [{ type: 'requestConsultation', units: ['housing-construction', 'finance'], replyBy: '2026-10-12', subject: '收储方案' }, resources],
  [{ type: 'giveConsultationOpinion', stance: 'agree' }, housing, '2026-10-09T02:00:00Z'],
  [{ type: 'giveConsultationOpinion', stance: 'disagree', reasons: '资金已安排完毕', basis: '年度预算' }, finance, '2026-10-10T02:00:00Z'],
  [
    {
      type: 'reportDisagreement',
      headsConsulted: true,
      positions: [
        { unit: 'natural-resources', reasons: '具备收储条件', basis: '土地储备管理办法' },
        { unit: 'finance', reasons: '资金已安排完毕', basis: '年度预算' },
      ],
      proposal: '分两年安排资金',
    },
    resources,
    '2026-10-12T02:00:00Z',
  ],
  [{ type: 'coordinate', outcome: 'agreed', text: '同意分两年安排' }, viceMayor1, '2026-10-13T02:00:00Z'],
  [{ type: 'urge', text: '请按时提出意见' }, supervisor, '2026-10-15T02:00:00Z'],
  [{ type: 'requestExtension', requestedDueDate: '2026-10-23', reason: '等待协调后修改方案' }, resources, '2026-10-15T03:00:00Z'],
  [{ type: 'approveExtension' }, officeDirector, '2026-10-15T05:00:00Z'],
  [{ type: 'submitOpinion', text: '建议同意收储,资金分两年安排' }, resources, '2026-10-22T02:00:00Z'],
  [{ type: 'close' }, officeClerk, '2026-10-26T02:00:00Z'],
  [{ type: 'archive', archiveNo: 'WS·2026·Y·0101' }, officeClerk, '2026-10-27T02:00:00Z'],
];

describe('a full 收文 → 交办 → 归档 history', () => {
  const events = run(happyPath);

  it('keeps the failed first attempt and its 退文 in the history', () => {
    expect(events.map((e) => e.type)).toEqual([
      'document.submitted',
      'document.returned',
      'document.resubmitted',
      'document.registered',
      'document.reviewed',
      'document.routed',
      'document.instructed',
      'document.instructed',
      'document.assigned',
      'document.consultation_requested',
      'document.consultation_opinion_given',
      'document.consultation_opinion_given',
      'document.disagreement_reported',
      'document.coordinated',
      'document.urged',
      'document.extension_requested',
      'document.extension_approved',
      'document.opinion_submitted',
      'document.closed',
      'document.archived',
    ]);
  });

  it('folds to the archived state with the extended deadline and an on-time opinion', () => {
    const state = foldDocument(events);
    expect(state).toMatchObject({
      status: 'archived',
      submission: { attempt: 2, major: true, mainTo: ['zjg-gov'] },
      returns: [{ by: 'automatic', attempt: 1 }],
      route: { leadUnit: 'natural-resources', to: [{ position: 'vice-mayor-1' }, { position: 'mayor', reasons: ['major'] }] },
      deadline: { dueDate: '2026-10-23', dueAt: '2026-10-23T15:59:59.999Z' },
      assignment: { deadline: { dueDate: '2026-10-19' } },
      disagreement: { open: false, coordination: { position: 'vice-mayor-1', outcome: 'agreed' } },
      extensions: [{ outcome: 'approved', detail: '2026-10-23' }],
      urges: [{ overdue: false }],
      opinion: { onTime: true },
      closure: { from: 'opinion_submitted' },
      archive: { archiveNo: 'WS·2026·Y·0101' },
    });
  });

  it('every emitted type is catalogued', () => {
    for (const e of events) expect(schemaVersionOf(e.type)).toBe(1);
  });
});

describe('replay determinism', () => {
  const events = run(happyPath);

  it('folding the same events twice gives equal state', () => {
    expect(foldDocument(events)).toEqual(foldDocument(events));
  });

  it('foldDocument and the decider’s evolve agree, through a JSON round trip and the upcaster', () => {
    const stored = JSON.parse(JSON.stringify(events)) as DocumentEvent[];
    const readBack = stored.map((e) => deserializeDocumentEvent(e.type, schemaVersionOf(e.type), e.data as Record<string, unknown>));
    const viaDecider = readBack.reduce(
      (s, e, i) =>
        documentDecider.evolve(s, e, { revision: i, recordedAt: NOW.toISOString(), actor: { id: 'x', name: 'x' }, unit: 'x', role: 'x' }),
      documentDecider.initialState(),
    );
    expect(JSON.parse(JSON.stringify(viaDecider))).toEqual(JSON.parse(JSON.stringify(foldDocument(events))));
  });

  it('a different calendar never changes a stored dueAt', () => {
    // A calendar in which every day is a working day and the version differs.
    const everyDay: WorkingCalendar = {
      version: 'every-day-test',
      coveredThrough: '2099-12-31',
      isWorkday: () => true,
      isProvisional: () => false,
      addWorkingDays: (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10),
      workingDaysBetween: () => 0,
      nextWorkdayOnOrAfter: (date) => date,
    };
    const assignedOnly = run(happyPath.slice(0, 8));
    const before = foldDocument(assignedOnly).deadline;
    expect(before).toMatchObject({ dueAt: '2026-10-19T15:59:59.999Z', calendarVersion: 'chinese-days@1.5.7' });

    // Carrying on with the other calendar: later decisions read the stored deadline.
    const continued = [...assignedOnly];
    for (const [command, actor, at] of happyPath.slice(8, 14)) {
      const state = foldDocument(continued);
      continued.push(...documentDecider.decide(command, state, { now: at ? new Date(at) : NOW, actor, deps: { calendar: everyDay, directory } }));
    }
    const after = foldDocument(continued);
    expect(after.deadline).toEqual(before);
    expect(after.urges[0]).toMatchObject({ dueAt: '2026-10-19T15:59:59.999Z' });
  });
});
