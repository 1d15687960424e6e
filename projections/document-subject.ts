import type { StoredEvent } from '../src/event-store/event-store.port';
import { evolveDocument } from '../src/documents/domain/document-evolve';
import { initialDocumentState, type DocumentState } from '../src/documents/domain/document-state';
import { EITHER_CLASSES, OPINION_CLASSES } from '../src/documents/domain/handling-classes';
import type { HandlingClass } from '../src/calendar/deadline-policy';
import { DOCUMENT_EVENT_TYPES } from '../events/document-catalogue';
import { deserializeDocumentEvent } from '../events/document-upcast';
import type { SubmittedData } from '../events/document-events';
import { leaderParty, unitParty, type Obligation, type ObligationType } from './obligation-vocabulary';
import { clip, dueOf, endOfDay, type SubjectKind } from './subject-kind';

/** DocumentState with the texts dropped (only what evolve and the obligations read), plus the last 催办. */
export type DocumentSubject = DocumentState & { urgedAt?: string };

const FINISHED = new Set(['completed', 'opinion_submitted', 'closed', 'archived']);
/** A 会商 subject is kept (and shown as the reply's detail) up to this many characters. */
const CONSULT_SUBJECT = 60;
const INTAKE_LEADERS = new Set(['routed', 'instructed']);
/**
 * The office's own steps on a submitted document (第四十二条: 审核把关, 提出办理意见, 按分工呈批),
 * without a time limit: they make the office's inbox (`owedBy` = the office).
 */
const OFFICE_STEPS: Record<string, ObligationType> = { submitted: 'registration', registered: 'intake_review', reviewed: 'routing' };

/** Keeps the stored state small: 1M documents each keep one row. */
export function pruneDocument(s: DocumentState, urgedAt: string | undefined): DocumentSubject {
  const done = FINISHED.has(s.status);
  const sub = s.submission;
  const a = s.assignment;
  return {
    status: s.status,
    ...(sub && { submission: { kind: sub.kind, title: sub.title, fromUnit: sub.fromUnit } as SubmittedData }),
    returns: [],
    ...(!done && s.route && { route: { leadUnit: s.route.leadUnit, to: (s.route.to ?? []).map((l) => ({ position: l.position, title: '', reasons: [] })) } }),
    instructions: done ? [] : s.instructions.map((i) => ({ position: i.position, text: '' })),
    ...(a && { assignment: { leadUnit: a.leadUnit, coUnits: a.coUnits, handlingClass: a.handlingClass, assignedAt: a.assignedAt } as DocumentState['assignment'] }),
    ...(!done && s.deadline && { deadline: { ...s.deadline, rule: '' } }),
    ...(!done && s.progressDeadline && { progressDeadline: { ...s.progressDeadline, rule: '' } }),
    consultations: done
      ? []
      : s.consultations.map((c) => ({
          unit: c.unit,
          replyBy: c.replyBy,
          subject: clip(c.subject ?? '', CONSULT_SUBJECT),
          ...(c.opinion && { opinion: { unit: c.opinion.unit, stance: c.opinion.stance } }),
        })),
    ...(!done && s.disagreement && { disagreement: { origin: s.disagreement.origin, open: s.disagreement.open, positions: [] } }),
    coordinations: [],
    progressExplanations: s.progressExplanations.length > 0 ? [{ unit: '', text: '', onTime: true }] : [],
    ...(!done && s.pendingExtension && { pendingExtension: { unit: s.pendingExtension.unit, requestedDueDate: s.pendingExtension.requestedDueDate, reason: '' } }),
    extensions: [],
    urges: [],
    ...(!done && urgedAt && { urgedAt }),
  };
}

function mainType(cls: HandlingClass | undefined): ObligationType {
  if (cls && OPINION_CLASSES.includes(cls)) return 'opinion';
  if (cls && EITHER_CLASSES.includes(cls)) return 'completion_or_opinion';
  return 'completion';
}

/** What is owed on a 收文/交办 document (第四十二、四十七条). */
export function documentObligations(s: DocumentSubject): Obligation[] {
  const out: Obligation[] = [];
  const fromUnit = s.submission?.fromUnit ?? '';
  const step = OFFICE_STEPS[s.status];
  if (step) out.push({ key: `office:${step}`, type: step, unit: fromUnit, owedBy: 'office' });
  if (INTAKE_LEADERS.has(s.status) && s.route) {
    const unit = s.route.leadUnit ?? fromUnit;
    for (const leader of s.route.to) {
      if (s.instructions.some((i) => i.position === leader.position)) continue;
      out.push({ key: `instruction:${leader.position}`, type: 'instruction', unit, owedBy: leaderParty(leader.position) });
    }
    if (s.disagreement?.open) out.push({ key: 'coordination', type: 'coordination', unit, owedBy: 'portfolio-leader' });
  }
  if (s.status !== 'assigned') return out;
  const lead = s.assignment?.leadUnit ?? fromUnit;
  const due = dueOf(s.deadline);
  out.push({ key: 'main', type: mainType(s.assignment?.handlingClass), unit: lead, owedBy: unitParty(lead), ...due, ...(s.urgedAt && { urgedAt: s.urgedAt }) });
  if (s.progressDeadline && s.progressExplanations.length === 0) {
    out.push({ key: 'progress', type: 'progress', unit: lead, owedBy: unitParty(lead), ...dueOf(s.progressDeadline) });
  }
  for (const c of s.consultations) {
    if (c.opinion) continue;
    const dueAt = endOfDay(c.replyBy);
    out.push({
      key: `consult:${c.unit}`,
      type: 'consultation_reply',
      unit: c.unit,
      owedBy: unitParty(c.unit),
      ...(dueAt && { dueAt, dueDate: c.replyBy }),
      ...(c.subject && { detail: clip(c.subject, CONSULT_SUBJECT) }),
    });
  }
  // Neither has a time limit of its own; both block the 办理时限, so they carry it.
  if (s.pendingExtension) {
    out.push({ key: 'extension', type: 'extension_decision', unit: lead, owedBy: 'approver', ...due, detail: `申请延期至 ${s.pendingExtension.requestedDueDate}` });
  }
  if (s.disagreement?.open) out.push({ key: 'coordination', type: 'coordination', unit: lead, owedBy: 'portfolio-leader', ...due });
  return out;
}

export const documentSubjects: SubjectKind<DocumentSubject> = {
  source: 'document',
  eventTypes: DOCUMENT_EVENT_TYPES,
  initial: () => initialDocumentState(),
  evolve(state, e: StoredEvent) {
    const next: DocumentSubject = evolveDocument(state, deserializeDocumentEvent(e.type, e.schemaVersion, e.data));
    // The last 催办 counts while the document is open.
    const urgedAt = FINISHED.has(next.status) ? undefined : e.type === 'document.urged' ? e.recordedAt : state.urgedAt;
    return next.urgedAt === urgedAt ? next : { ...next, urgedAt };
  },
  compact: (s) => pruneDocument(s, s.urgedAt),
  info: (s) => ({
    title: s.submission?.title ?? null,
    kind: s.submission?.kind ?? null,
    unit: s.assignment?.leadUnit ?? s.submission?.fromUnit ?? '',
    status: s.status,
    handlingClass: s.assignment?.handlingClass ?? null,
  }),
  obligations: documentObligations,
};
