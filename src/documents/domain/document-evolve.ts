import type { DocumentEvent, SubmittedData } from '../../../events/document-events';
import { initialDocumentState, type DocumentState } from './document-state';

/**
 * Pure and total: state + event → state. It reads nothing but the event (no calendar, no
 * clock, no directory), so folding the same events always gives the same state and a
 * stored dueAt can never move on replay.
 */
export function evolveDocument(state: DocumentState, event: DocumentEvent): DocumentState {
  switch (event.type) {
    case 'document.submitted':
    case 'document.resubmitted':
      return submitted(state, event.data);
    case 'document.returned':
      return { ...state, status: 'returned', returns: [...state.returns, event.data] };
    case 'document.registered':
      return { ...state, status: 'registered', registrationNo: event.data.registrationNo };
    case 'document.reviewed':
      return { ...state, status: 'reviewed', review: event.data };
    case 'document.routed':
      return { ...state, status: 'routed', route: event.data };
    case 'document.instructed':
      return { ...state, status: 'instructed', instructions: [...state.instructions, event.data] };
    case 'document.assigned':
      return {
        ...state,
        status: 'assigned',
        assignment: event.data,
        deadline: event.data.deadline,
        progressDeadline: event.data.progressDeadline,
      };
    case 'document.consultation_requested': {
      const { units, replyBy, subject } = event.data;
      // A new request to a unit that already answered starts a new round for that unit.
      const kept = state.consultations.filter((c) => !units.includes(c.unit));
      return { ...state, consultations: [...kept, ...units.map((unit) => ({ unit, replyBy, subject }))] };
    }
    case 'document.consultation_opinion_given':
      return {
        ...state,
        consultations: state.consultations.map((c) => (c.unit === event.data.unit ? { ...c, opinion: event.data } : c)),
      };
    case 'document.disagreement_reported':
      return {
        ...state,
        disagreement: { origin: 'handling', open: true, positions: event.data.positions, proposal: event.data.proposal },
      };
    case 'document.coordinated':
      return {
        ...state,
        disagreement: state.disagreement && { ...state.disagreement, open: false, coordination: event.data },
        coordinations: [...state.coordinations, event.data],
      };
    case 'document.progress_explained':
      return { ...state, progressExplanations: [...state.progressExplanations, event.data] };
    case 'document.extension_requested':
      return { ...state, pendingExtension: event.data };
    case 'document.extension_approved':
      return {
        ...state,
        deadline: event.data.deadline,
        pendingExtension: undefined,
        extensions: state.pendingExtension
          ? [...state.extensions, { requested: state.pendingExtension, outcome: 'approved', detail: event.data.deadline.dueDate }]
          : state.extensions,
      };
    case 'document.extension_rejected':
      return {
        ...state,
        pendingExtension: undefined,
        extensions: state.pendingExtension
          ? [...state.extensions, { requested: state.pendingExtension, outcome: 'rejected', detail: event.data.reason }]
          : state.extensions,
      };
    case 'document.urged':
      return { ...state, urges: [...state.urges, event.data] };
    case 'document.opinion_submitted':
      return { ...state, status: 'opinion_submitted', opinion: event.data };
    case 'document.completed':
      return { ...state, status: 'completed', completion: event.data };
    case 'document.closed':
      return { ...state, status: 'closed', closure: event.data };
    case 'document.archived':
      return { ...state, status: 'archived', archive: event.data };
    case 'document.deadline_recalculated':
      return {
        ...state,
        deadline: event.data.deadline,
        progressDeadline: event.data.progressDeadline ?? state.progressDeadline,
      };
    default:
      return state;
  }
}

/** A (re)submission starts intake afresh: the office registers and reviews the corrected text again. */
function submitted(state: DocumentState, data: SubmittedData): DocumentState {
  const fresh = initialDocumentState();
  return {
    ...fresh,
    status: 'submitted',
    submission: data,
    returns: state.returns,
    disagreement: data.disagreement
      ? { origin: 'submission', open: true, positions: data.disagreement.positions, proposal: data.disagreement.proposal }
      : undefined,
  };
}
