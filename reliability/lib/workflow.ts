import type { Actors } from './actors';

/** What a client knows about one document it is moving through 收文 → 交办 → 归档. */
export interface DocView {
  id?: string;
  unit: string;
  status: string;
  pendingExtension: boolean;
  extensions: number;
  /** urges, progress explanations and extension requests so far. */
  extras: number;
}

export interface Step {
  name: string;
  path: string;
  token: string;
  body: Record<string, unknown>;
  /** Status after success (undefined: unchanged). */
  to?: string;
  /** Side effects on the view after success. */
  apply?: (d: DocView) => void;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The next lifecycle command for a document, with a little randomness (退文 and resubmission,
 * 催办, 说明办理情况, 延期 requested/approved/rejected). Undefined once archived.
 */
export function nextStep(d: DocView, a: Actors, random: () => number, maxExtras = 3): Step | undefined {
  const id = d.id;
  const at = (p: string) => `/documents/${id}/${p}`;
  const tag = Math.floor(random() * 1e9).toString(36);
  switch (d.status) {
    case 'new':
      return {
        name: 'submit',
        path: '/documents',
        token: a.unit(d.unit),
        body: { kind: 'request', title: `关于可靠性测试事项的请示 ${tag}`, mainTo: ['zjg-gov'], requestItems: ['同意有关事项'] },
        to: 'submitted',
      };
    case 'submitted':
      return random() < 0.1
        ? { name: 'return', path: at('return'), token: a.office, body: { reasons: [{ message: `材料不全 ${tag}`, code: 'MISSING_ATTACHMENT' }] }, to: 'returned' }
        : { name: 'register', path: at('registration'), token: a.office, body: { registrationNo: `收文〔2026〕${tag}号` }, to: 'registered' };
    case 'returned':
      return { name: 'resubmit', path: at('resubmission'), token: a.unit(d.unit), body: { summary: `已补充材料 ${tag}` }, to: 'submitted' };
    case 'registered':
      return { name: 'review', path: at('review'), token: a.office, body: { opinion: `拟请分管领导阅示 ${tag}`, proposedHandlingClass: 'own_authority' }, to: 'reviewed' };
    case 'reviewed':
      return { name: 'route', path: at('routing'), token: a.office, body: {}, to: 'routed' };
    case 'routed':
      return { name: 'instruct', path: at('instructions'), token: a.leaderOf(d.unit), body: { text: `同意,请抓紧办理 ${tag}` }, to: 'instructed' };
    case 'instructed':
      return { name: 'assign', path: at('assignment'), token: a.office, body: { handlingClass: 'own_authority', requirements: `按时办结 ${tag}` }, to: 'assigned' };
    case 'assigned': {
      if (d.pendingExtension) {
        const approve = random() < 0.6;
        return {
          name: approve ? 'approveExtension' : 'rejectExtension',
          path: at(approve ? 'extension-approval' : 'extension-rejection'),
          token: approve ? a.leaderOf(d.unit) : a.director,
          body: approve ? { comment: `同意延期 ${tag}` } : { reason: `理由不充分 ${tag}` },
          apply: (v) => {
            v.pendingExtension = false;
            v.extensions += 1;
          },
        };
      }
      if (d.extras >= maxExtras) return { name: 'complete', path: at('completion'), token: a.unit(d.unit), body: { result: `已办结 ${tag}` }, to: 'completed' };
      const r = random();
      const bump = (v: DocView) => void (v.extras += 1);
      if (r < 0.4) return { name: 'urge', path: at('urges'), token: a.supervisor, body: { text: `请抓紧办理 ${tag}` }, apply: bump };
      if (r < 0.75) return { name: 'explainProgress', path: at('progress-explanations'), token: a.unit(d.unit), body: { text: `正在办理 ${tag}` }, apply: bump };
      return {
        name: 'requestExtension',
        path: at('extension-requests'),
        token: a.unit(d.unit),
        // Far enough ahead to be later than any deadline so far.
        body: { requestedDueDate: addDays('2027-03-01', 10 * (d.extensions + 1)), reason: `需要进一步调研 ${tag}` },
        apply: (v) => {
          v.pendingExtension = true;
          v.extras += 1;
        },
      };
    }
    case 'completed':
      return { name: 'close', path: at('closure'), token: a.office, body: {}, to: 'closed' };
    case 'closed':
      return { name: 'archive', path: at('archive'), token: a.office, body: { archiveNo: `档〔2026〕${tag}` }, to: 'archived' };
    default:
      return undefined;
  }
}

/** Re-reads the client's view from GET /documents/:id. */
export function viewFrom(body: { id: string; status: string; pendingExtension?: unknown; extensions?: unknown[]; urges?: unknown[]; progressExplanations?: unknown[] }, unit: string): DocView {
  const extensions = body.extensions?.length ?? 0;
  return {
    id: body.id,
    unit,
    status: body.status,
    pendingExtension: !!body.pendingExtension,
    extensions,
    extras: (body.urges?.length ?? 0) + (body.progressExplanations?.length ?? 0) + extensions + (body.pendingExtension ? 1 : 0),
  };
}
