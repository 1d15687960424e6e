import type { DocumentState, DocumentStatus } from './document-state';
import { invalidState } from './document-errors';

/** Order of the main line; 'returned' sits outside it and is handled before any stage check. */
const RANK: Record<DocumentStatus, number> = {
  new: 0,
  returned: 1,
  submitted: 1,
  registered: 2,
  reviewed: 3,
  routed: 4,
  instructed: 5,
  assigned: 6,
  opinion_submitted: 7,
  completed: 7,
  closed: 8,
  archived: 9,
};

export interface Refusal {
  code: string;
  message: string;
  article?: string;
}

/** Allowed statuses, with one refusal for "too early" and one for "already past this". */
export function requireStage(state: DocumentState, allowed: DocumentStatus[], early: Refusal, late: Refusal): void {
  if (allowed.includes(state.status)) return;
  const r = RANK[state.status] < RANK[allowed[0]!] ? early : late;
  throw invalidState(r.code, r.message, r.article);
}

export const NOT_ASSIGNED: Refusal = { code: 'NOT_ASSIGNED', message: '该公文尚未交办' };
export const HANDLING_FINISHED: Refusal = { code: 'HANDLING_FINISHED', message: '该事项已办结或已提出意见,办理阶段已结束' };

/** Commands of the handling phase need an assigned, unfinished matter. */
export const requireAssigned = (state: DocumentState) => requireStage(state, ['assigned'], NOT_ASSIGNED, HANDLING_FINISHED);
