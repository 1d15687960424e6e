import type { AggregateDefinition } from '../../../src/command-handling/aggregate-definition';
import { CommandExecutor } from '../../../src/command-handling/command-executor';
import { foldStream } from '../../../src/command-handling/fold';
import { shanghaiDate } from '../../../src/calendar/deadline-policy';
import type { Actor } from '../../../src/domain/decider';
import { DomainError } from '../../../src/domain/domain-error';
import type { DocumentState } from '../../../src/documents/domain/document-state';
import type { EventStore } from '../../../src/event-store/event-store.port';
import type { IssuanceState } from '../../../src/issuance/domain/issuance-state';
import type { ProposalState } from '../../../src/proposals/domain/proposal-state';
import { aggregates, directory, who } from './world';

/** Seeded PRNG (mulberry32): the same seed gives the same scenario. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const UNITS = ['natural-resources', 'education', 'finance', 'transport', 'health', 'water-affairs', 'commerce', 'tangqiao-town', 'civil-affairs', 'housing-construction'];
const CLASSES = ['own_authority', 'needs_approval', 'lead_with_consultation', 'needs_investigation', 'urgent', 'statutory'] as const;

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const uuid = (kind: number, n: number) => `${String(kind).repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAggregate = AggregateDefinition<any, any, any, any>;

/**
 * Thousands of commands over documents, proposals and 发文 through the real command path,
 * each chosen to fit (most of the time) the item's current state; refusals are counted.
 */
export async function runRandomScenario(store: EventStore, seed: number, commands: number): Promise<{ accepted: number; refused: number }> {
  const r = prng(seed);
  let now = Date.parse('2026-03-02T01:00:00.000Z');
  const executor = new CommandExecutor(store, { now: () => new Date(now) });
  const ids = { document: [] as string[], proposal: [] as string[], issuance: [] as string[] };
  const made = { document: 0, proposal: 0, issuance: 0 };
  let accepted = 0;
  let refused = 0;
  let issueNo = 0;

  const run = async (aggregate: AnyAggregate, id: string, command: { type: string }, actor: Actor) => {
    try {
      await executor.execute({ aggregate, id, command, actor });
      accepted++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      refused++;
    }
  };
  const state = async <S>(aggregate: AnyAggregate, id: string): Promise<S> => foldStream(aggregate, await store.readStream(`${aggregate.name}-${id}`)).state as S;

  for (let i = 0; i < commands; i++) {
    now += (10 + r.int(360)) * 60_000;
    const today = shanghaiDate(new Date(now).toISOString());
    const roll = r.next();
    if (roll < 0.7) {
      if (ids.document.length < 5 || r.chance(0.08)) ids.document.push(uuid(1, made.document++));
      const id = r.pick(ids.document);
      await documentStep(id, await state<DocumentState>(aggregates.document, id), today);
    } else if (roll < 0.85) {
      if (ids.proposal.length < 2 || r.chance(0.06)) ids.proposal.push(uuid(2, made.proposal++));
      const id = r.pick(ids.proposal);
      await proposalStep(id, await state<ProposalState>(aggregates.proposal, id));
    } else {
      if (ids.issuance.length < 2 || r.chance(0.06)) ids.issuance.push(uuid(3, made.issuance++));
      const id = r.pick(ids.issuance);
      await issuanceStep(id, await state<IssuanceState>(aggregates.issuance, id), today);
    }
  }
  return { accepted, refused };

  async function documentStep(id: string, s: DocumentState, today: string): Promise<void> {
    const doc = (c: object, a: Actor) => run(aggregates.document, id, c as { type: string }, a);
    const from = s.submission?.fromUnit ?? r.pick(UNITS);
    const lead = s.assignment?.leadUnit ?? s.review?.proposedLeadUnit ?? from;
    const leader = who.leader(directory.portfolioLeaderOf(lead) ?? directory.mayorPosition());
    switch (s.status) {
      case 'new':
        return doc({ type: 'submit', fromUnit: from, kind: r.pick(['request', 'report'] as const), title: `关于第${id.slice(-4)}号事项的请示`, mainTo: [r.chance(0.1) ? 'vice-mayor-1' : directory.organCode], summary: '请审定', requestItems: ['请同意'] }, who.clerk(from));
      case 'returned':
        return r.chance(0.8) ? doc({ type: 'resubmit', corrections: { kind: 'request', mainTo: [directory.organCode], requestItems: ['请同意'] } }, who.clerk(from)) : doc({ type: 'close', reason: '未重报' }, who.officeClerk);
      case 'submitted':
        return r.chance(0.9) ? doc({ type: 'register' }, who.officeClerk) : doc({ type: 'return', reasons: [{ message: '材料不全' }] }, who.officeClerk);
      case 'registered':
        return doc({ type: 'review', opinion: '拟办', proposedLeadUnit: r.pick(UNITS), proposedHandlingClass: r.pick(CLASSES), major: r.chance(0.05) }, who.officeClerk);
      case 'reviewed':
        return r.chance(0.8) ? doc({ type: 'route' }, who.officeClerk) : doc({ type: 'close', reason: '阅知' }, who.officeClerk);
      case 'routed':
        return doc({ type: 'instruct', text: '请办理' }, r.chance(0.9) ? leader : who.leader(directory.mayorPosition()));
      case 'instructed': {
        const mayor = directory.mayorPosition();
        if (s.review?.major && !s.instructions.some((x) => x.position === mayor)) return doc({ type: 'instruct', text: '同意' }, who.leader(mayor));
        const handlingClass = r.pick(CLASSES);
        const others = UNITS.filter((u) => u !== lead);
        return doc(
          {
            type: 'assign',
            handlingClass,
            coUnits: handlingClass === 'lead_with_consultation' || r.chance(0.2) ? [r.pick(others)] : [],
            ...(handlingClass === 'urgent' && { urgentDueDate: addDays(today, 1 + r.int(10)) }),
            ...(handlingClass === 'statutory' && { statutoryDueDate: addDays(today, 5 + r.int(30)), legalBasis: '《信访工作条例》' }),
          },
          who.officeClerk,
        );
      }
      case 'assigned':
        return assignedStep(s, lead, leader, today, doc);
      case 'completed':
      case 'opinion_submitted':
        return doc({ type: 'close' }, who.officeClerk);
      case 'closed':
        return doc({ type: 'archive', archiveNo: `A-${id.slice(-4)}` }, who.officeClerk);
      default:
        ids.document.splice(ids.document.indexOf(id), 1); // archived: nothing more to do
        return undefined;
    }
  }

  async function assignedStep(s: DocumentState, lead: string, leader: Actor, today: string, doc: (c: object, a: Actor) => Promise<void>): Promise<void> {
    const pending = s.consultations.filter((c) => !c.opinion);
    const due = s.deadline?.dueDate ?? today;
    const choice = r.int(10);
    if (pending.length > 0 && choice < 4) {
      const c = r.pick(pending);
      const stance = r.pick(['agree', 'agree', 'agree_with_changes', 'disagree'] as const);
      return doc({ type: 'giveConsultationOpinion', stance, reasons: '理由', basis: '依据', changes: '修改意见' }, who.clerk(c.unit));
    }
    const dissent = s.consultations.filter((c) => c.opinion?.stance === 'disagree');
    if (dissent.length > 0 && !s.disagreement?.open && choice < 6) {
      return doc(
        { type: 'reportDisagreement', headsConsulted: true, positions: [lead, ...dissent.map((d) => d.unit)].map((unit) => ({ unit, reasons: '理由', basis: '依据' })), proposal: '建议' },
        who.clerk(lead),
      );
    }
    if (s.disagreement?.open && choice < 7) return doc({ type: 'coordinate', outcome: 'agreed', text: '协调一致' }, leader);
    if (s.pendingExtension) {
      return r.chance(0.6) ? doc({ type: 'approveExtension' }, who.officeDirector) : doc({ type: 'rejectExtension', reason: '不同意' }, who.officeDirector);
    }
    switch (r.int(8)) {
      case 0:
        return doc({ type: 'requestConsultation', units: [r.pick(UNITS.filter((u) => u !== lead))], replyBy: today > due ? today : addDays(today, r.int(3)) > due ? due : addDays(today, r.int(3)), subject: '会商' }, who.clerk(lead));
      case 1:
        return doc({ type: 'explainProgress', text: '正在办理' }, who.clerk(lead));
      case 2:
        return doc({ type: 'requestExtension', requestedDueDate: addDays(due, 3 + r.int(20)), reason: '需要时间' }, who.clerk(lead));
      case 3:
        return doc({ type: 'urge', text: '请抓紧' }, who.supervisor);
      case 4:
        return doc({ type: 'recalculateDeadline' }, who.officeClerk);
      default:
        return r.chance(0.5) ? doc({ type: 'complete', result: '已办结' }, who.clerk(lead)) : doc({ type: 'submitOpinion', text: '意见' }, who.clerk(lead));
    }
  }

  async function proposalStep(id: string, s: ProposalState): Promise<void> {
    const p = (c: object, a: Actor) => run(aggregates.proposal, id, c as { type: string }, a);
    const lead = s.leadUnit ?? r.pick(UNITS);
    switch (s.status) {
      case 'none':
        return p({ type: 'register', kind: r.pick(['npc_suggestion', 'cppcc_proposal'] as const), number: `第${id.slice(-4)}号`, session: '市十六届人大五次会议', proposer: '王代表', subject: '关于改善交通的建议' }, who.officeClerk);
      case 'registered':
        return p({ type: 'assign', leadUnit: lead, coUnits: r.chance(0.5) ? [r.pick(UNITS.filter((u) => u !== lead))] : [] }, who.officeClerk);
      case 'handling': {
        const co = s.coUnits.filter((u) => s.coOpinions[u] === undefined);
        if (co.length > 0 && r.chance(0.5)) return p({ type: 'submitCoOpinion', opinion: '同意' }, who.clerk(r.pick(co)));
        if (s.pendingExtension) return r.chance(0.5) ? p({ type: 'approveExtension' }, who.officeDirector) : p({ type: 'rejectExtension', reason: '不同意' }, who.officeDirector);
        if (r.chance(0.15)) return p({ type: 'requestExtension', reason: '需调研', requestedDueDate: addDays(s.answerDeadline?.dueDate ?? '2026-12-01', 10) }, who.clerk(lead));
        return p({ type: 'answer', answerClass: r.pick(['A', 'B', 'C', 'D'] as const), summary: '答复' }, who.clerk(lead));
      }
      case 'answered':
        return p({ type: 'recordSatisfaction', satisfaction: r.pick(['satisfied', 'basically_satisfied', 'dissatisfied'] as const) }, who.officeClerk);
      case 'closed':
        if (s.published) ids.proposal.splice(ids.proposal.indexOf(id), 1);
        return s.published ? undefined : p({ type: 'publishResult', channel: '市政府网站' }, who.clerk(lead));
      default:
        return undefined;
    }
  }

  async function issuanceStep(id: string, s: IssuanceState, today: string): Promise<void> {
    const is = (c: object, a: Actor) => run(aggregates.issuance, id, c as { type: string }, a);
    const unit = s.draft?.draftingUnit ?? r.pick(UNITS);
    switch (s.status) {
      case 'none':
        return is({ type: 'draft', title: '关于做好某项工作的通知', issuer: 'government', category: r.pick(['work', 'work', 'normative'] as const), draftingUnit: unit }, who.officeClerk);
      case 'drafting': {
        const steps: Array<[object, Actor]> = [
          [{ type: 'openPublicComment', opensOn: today, closesOn: addDays(today, 30), channel: '网站' }, who.clerk(unit)],
          [{ type: 'closePublicComment', commentCount: 3, summary: '意见' }, who.clerk(unit)],
          [{ type: 'recordLegalityReview', lawful: r.chance(0.9), opinion: '合法' }, who.clerk(unit)],
          [{ type: 'recordIntegrityReview', passed: true, opinion: '通过' }, who.clerk(unit)],
          [{ type: 'giveSupervisionOpinion', concurs: true, opinion: '同意' }, who.legalReviewer],
          [{ type: 'submitForDeliberation', meeting: 'executive' }, who.officeClerk],
          [{ type: 'review', opinion: '已核' }, who.officeDirector],
          [{ type: 'sign', opinion: '同意' }, who.leader(directory.portfolioLeaderOf(unit) ?? directory.mayorPosition())],
          [{ type: 'sign', opinion: '同意' }, who.leader(directory.mayorPosition())],
          [{ type: 'reviseDraft', summary: '修改' }, who.clerk(unit)],
        ];
        const [command, actor] = r.pick(steps);
        return is(command, actor);
      }
      case 'in_deliberation':
        return is({ type: 'recordDeliberation', session: '常务会议', heldOn: today, outcome: r.pick(['adopted', 'adopted', 'deferred'] as const), notes: '会议纪要' }, who.officeClerk);
      case 'signed':
        return is({ type: 'issue', number: { code: s.draft?.issuer.code ?? '张政发', year: Number(today.slice(0, 4)), sequence: ++issueNo } }, who.officeClerk);
      case 'issued':
        if (s.publication && (s.filed || s.draft?.category !== 'normative')) {
          ids.issuance.splice(ids.issuance.indexOf(id), 1);
          return undefined;
        }
        return r.chance(0.5) ? is({ type: 'publish', channel: '网站' }, who.officeClerk) : is({ type: 'file', reference: `备案${issueNo}` }, who.officeClerk);
      default:
        return undefined;
    }
  }
}
