import type { Actor, DecisionContext, Decider } from '../../domain/decider';
import { DomainError } from '../../domain/domain-error';
import { shanghaiDate, type Deadline } from '../../calendar/deadline-policy';
import { proposalEvent, SATISFACTION_LABELS, type AnswerClass, type ProposalEvent, type ProposalKind, type Satisfaction } from '../../../events/proposal-events';
import { requireDate } from '../../domain/require-date';
import { forbidden, invalid, invalidState, requireOneOf, requireText } from '../../issuance/domain/issuance-errors';
import type { ProposalCommand } from './proposal-commands';
import { answerDeadline, coOpinionDeadline, extendedDeadline, recountAnswerDeadline, reopenDeadline } from './proposal-deadlines';
import { DEFAULT_PROPOSAL_POLICY, type ProposalDeps } from './proposal-deps';
import { evolveProposal, initialProposalState, type ProposalState } from './proposal-state';

type Ctx = DecisionContext<ProposalDeps>;

// A refusal cites 第二十七条 where the article is the reason: who handles and answers, the
// 协办 opinions before the answer, 限时办结 (deadlines, extensions). Lifecycle refusals (already
// done, not yet possible) and malformed input cite none.
type Of<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>;

const ART27 = '第二十七条';
const OFFICE = ['office_clerk', 'office_director', 'office_deputy_director'];
const APPROVERS = ['office_director', 'office_deputy_director'];
const isOffice = (a: Actor) => a.roles.some((r) => OFFICE.includes(r));
const isUnitClerkOf = (a: Actor, unit: string | undefined) => a.roles.includes('unit_clerk') && a.unit === unit;
const today = (ctx: Ctx) => shanghaiDate(ctx.now.toISOString());
const policyOf = (ctx: Ctx) => ctx.deps.policy ?? DEFAULT_PROPOSAL_POLICY;

function register(c: Of<'register'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  if (state.status !== 'none') throw invalidState('ALREADY_REGISTERED', '该建议/提案已登记');
  if (!isOffice(ctx.actor)) throw forbidden('NOT_OFFICE', '建议、提案由市政府办公室登记交办', ART27);
  const kind = requireOneOf<ProposalKind>(c.kind, ['npc_suggestion', 'cppcc_proposal'], 'kind', '类别 (人大代表建议/政协委员提案)');
  const coProposers = c.coProposers ?? [];
  if (!Array.isArray(coProposers)) throw invalid('CO_PROPOSERS_INVALID', '附议人应为姓名列表');
  return [
    proposalEvent('proposal.registered', {
      kind,
      number: requireText(c.number, 'number', '建议/提案编号', 50),
      session: requireText(c.session, 'session', '会议届次', 100),
      proposer: requireText(c.proposer, 'proposer', '领衔代表/委员', 100),
      coProposers: coProposers.map((p) => requireText(p, 'coProposers', '附议人', 100)),
      subject: requireText(c.subject, 'subject', '主题', 300),
      registeredOn: today(ctx),
    }),
  ];
}

/** 交办 to a 主办 unit and 协办 units, with the deadlines of the policy (第二十七条 限时办结). */
function assign(c: Of<'assign'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  if (state.status !== 'registered') throw invalidState('ALREADY_ASSIGNED', '该建议/提案已交办');
  if (!isOffice(ctx.actor)) throw forbidden('NOT_OFFICE', '建议、提案由市政府办公室交办', ART27);
  const { directory, calendar } = ctx.deps;
  const leadUnit = requireText(c.leadUnit, 'leadUnit', '主办单位', 100);
  const coUnits = [...new Set(c.coUnits ?? [])];
  for (const unit of [leadUnit, ...coUnits]) {
    if (!directory.hasUnit(unit) || !directory.isSubmittingUnit(unit)) {
      throw invalid('UNIT_NOT_HANDLING', `${directory.nameOf(unit)} 不是可以承办建议、提案的单位`);
    }
  }
  if (coUnits.includes(leadUnit)) throw invalid('LEAD_ALSO_CO', `主办单位 ${directory.nameOf(leadUnit)} 不能同时是协办单位`);
  const assignedAt = ctx.now.toISOString();
  const policy = policyOf(ctx);
  return [
    proposalEvent('proposal.assigned', {
      leadUnit,
      coUnits,
      assignedAt,
      answerDeadline: answerDeadline(assignedAt, policy, calendar),
      ...(coUnits.length > 0 ? { coOpinionDeadline: coOpinionDeadline(assignedAt, policy, calendar) } : {}),
    }),
  ];
}

function submitCoOpinion(c: Of<'submitCoOpinion'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  const unit = ctx.actor.unit;
  if (!state.coUnits.includes(unit) || !ctx.actor.roles.includes('unit_clerk')) {
    throw forbidden('NOT_CO_UNIT', `${ctx.deps.directory.nameOf(unit)} 不是本件的协办单位`, ART27);
  }
  if (state.coOpinions[unit] !== undefined) throw invalidState('CO_OPINION_GIVEN', '本单位已提出协办意见');
  const late = state.coOpinionDeadline ? ctx.now.toISOString() > state.coOpinionDeadline.dueAt : false;
  return [proposalEvent('proposal.co_opinion_submitted', { unit, opinion: requireText(c.opinion, 'opinion', '协办意见'), submittedOn: today(ctx), late })];
}

function requestExtension(c: Of<'requestExtension'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  if (!isUnitClerkOf(ctx.actor, state.leadUnit)) throw forbidden('NOT_LEAD_UNIT', '延期由主办单位申请', ART27);
  if (state.pendingExtension) throw invalidState('EXTENSION_PENDING', '已有待审批的延期申请');
  const requestedDueDate = requireDate(c.requestedDueDate, 'requestedDueDate', '申请延至日期');
  if (requestedDueDate <= state.answerDeadline!.dueDate) {
    throw invalid('EXTENSION_NOT_LATER', `申请延至日期须晚于现答复时限 ${state.answerDeadline!.dueDate}`, ART27);
  }
  return [proposalEvent('proposal.extension_requested', { reason: requireText(c.reason, 'reason', '延期理由'), requestedDueDate })];
}

function approveExtension(c: Of<'approveExtension'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  if (!ctx.actor.roles.some((r) => APPROVERS.includes(r))) throw forbidden('NOT_APPROVER', '延期须经市政府办公室主任或副主任批准', ART27);
  if (!state.pendingExtension) throw invalidState('NO_EXTENSION_REQUEST', '没有待审批的延期申请');
  const date = c.dueDate === undefined ? state.pendingExtension.requestedDueDate : requireDate(c.dueDate, 'dueDate', '批准延至日期');
  if (date <= state.answerDeadline!.dueDate) throw invalid('EXTENSION_NOT_LATER', `批准延至日期须晚于现答复时限 ${state.answerDeadline!.dueDate}`, ART27);
  return [
    proposalEvent('proposal.extension_approved', {
      answerDeadline: extendedDeadline(date, ctx.deps.calendar),
      previousDueDate: state.answerDeadline!.dueDate,
      approvedDate: date,
    }),
  ];
}

function rejectExtension(c: Of<'rejectExtension'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  if (!ctx.actor.roles.some((r) => APPROVERS.includes(r))) throw forbidden('NOT_APPROVER', '延期由市政府办公室主任或副主任审批', ART27);
  if (!state.pendingExtension) throw invalidState('NO_EXTENSION_REQUEST', '没有待审批的延期申请');
  return [proposalEvent('proposal.extension_rejected', { reason: requireText(c.reason, 'reason', '不予延期的理由') })];
}

/** The 主办 answers after every 协办 opinion is in (加强沟通, 严格责任). */
function answer(c: Of<'answer'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  if (!isUnitClerkOf(ctx.actor, state.leadUnit)) throw forbidden('NOT_LEAD_UNIT', '答复由主办单位办理', ART27);
  const missing = state.coUnits.filter((u) => state.coOpinions[u] === undefined);
  if (missing.length > 0) {
    const names = missing.map((u) => ctx.deps.directory.nameOf(u)).join('、');
    throw invalidState('CO_OPINIONS_MISSING', `尚缺协办单位 ${names} 的协办意见`, ART27);
  }
  const answerClass = requireOneOf<AnswerClass>(c.answerClass, ['A', 'B', 'C', 'D'], 'answerClass', '办理结果分类');
  const late = ctx.now.toISOString() > state.answerDeadline!.dueAt;
  return [
    proposalEvent('proposal.answered', { answerClass, summary: requireText(c.summary, 'summary', '答复内容摘要'), answeredOn: today(ctx), round: state.round, late }),
  ];
}

/** The deputy's (member's) satisfaction; 不满意 reopens handling with its own deadline. */
function recordSatisfaction(c: Of<'recordSatisfaction'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  if (state.status === 'closed') throw invalidState('SATISFACTION_ALREADY_RECORDED', `代表/委员已对本件答复表示${SATISFACTION_LABELS[state.lastSatisfaction!]}, 该件已办结`);
  if (state.status !== 'answered') throw invalidState('NOT_ANSWERED', '尚未答复, 无从征询满意度');
  if (!isOffice(ctx.actor)) throw forbidden('NOT_OFFICE', '代表/委员的意见由市政府办公室记录', ART27);
  const satisfaction = requireOneOf<Satisfaction>(c.satisfaction, ['satisfied', 'basically_satisfied', 'dissatisfied'], 'satisfaction', '满意度');
  const feedback = c.feedback === undefined ? '' : requireText(c.feedback, 'feedback', '反馈意见');
  const events = [proposalEvent('proposal.satisfaction_recorded', { satisfaction, feedback, recordedOn: today(ctx), round: state.round })];
  if (satisfaction === 'dissatisfied') {
    const reopenedAt = ctx.now.toISOString();
    events.push(proposalEvent('proposal.reopened', { round: state.round + 1, reopenedAt, answerDeadline: reopenDeadline(reopenedAt, policyOf(ctx), ctx.deps.calendar) }));
  }
  return events;
}

/** 第二十七条: 主动公开办理结果. */
function publishResult(c: Of<'publishResult'>, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  if (state.status !== 'answered' && state.status !== 'closed') throw invalidState('NOT_ANSWERED', '尚未答复, 没有可公开的办理结果');
  if (state.published) throw invalidState('ALREADY_PUBLISHED', '本轮答复的办理结果已公开');
  if (!isOffice(ctx.actor) && !isUnitClerkOf(ctx.actor, state.leadUnit)) throw forbidden('NOT_PUBLISHER', '办理结果由主办单位或市政府办公室公开', ART27);
  const channel = requireText(c.channel, 'channel', '公开渠道', 200);
  const url = c.url === undefined ? undefined : requireText(c.url, 'url', '公开网址', 2000);
  return [proposalEvent('proposal.result_published', { publishedOn: today(ctx), channel, ...(url ? { url } : {}) })];
}

/**
 * 第二十七条 限时办结 on newer calendar data (CALENDAR_OVERRIDE_FILE, a new package): each open
 * deadline that is provisional is counted again from where it started (the 答复 from 交办, a
 * 重新办理 or the day an approved extension named; the 协办意见 from 交办 while an opinion is
 * still owed). A deadline counted on official data stays as it is. The change is recorded as
 * an event (DESIGN §5); nothing changed, nothing recorded.
 */
function recalculateDeadlines(state: ProposalState, ctx: Ctx): ProposalEvent[] {
  requireHandling(state);
  if (!isOffice(ctx.actor)) throw forbidden('NOT_OFFICE', '建议、提案的办理时限由市政府办公室重算', ART27);
  const { calendar } = ctx.deps;
  const policy = policyOf(ctx);
  const answer = state.answerDeadline!;
  const coOpinion = state.coUnits.some((u) => state.coOpinions[u] === undefined) ? state.coOpinionDeadline : undefined;
  if (!answer.provisional && !coOpinion?.provisional) {
    throw invalidState('DEADLINE_NOT_PROVISIONAL', '答复时限和尚待提出的协办意见时限都不是暂定时限, 无须重算', ART27);
  }
  const moved = (previous: Deadline, next: Deadline) => next.dueAt !== previous.dueAt || next.provisional !== previous.provisional;
  const newAnswer = answer.provisional ? recountAnswerDeadline(state.answerDeadlineBasis!, policy, calendar) : answer;
  const newCoOpinion = coOpinion?.provisional ? coOpinionDeadline(state.assignedAt!, policy, calendar) : coOpinion;
  const data = {
    ...(moved(answer, newAnswer) && { previousAnswerDeadline: answer, answerDeadline: newAnswer }),
    ...(coOpinion && newCoOpinion && moved(coOpinion, newCoOpinion) && { previousCoOpinionDeadline: coOpinion, coOpinionDeadline: newCoOpinion }),
  };
  return Object.keys(data).length === 0 ? [] : [proposalEvent('proposal.deadlines_recalculated', data)];
}

function requireHandling(state: ProposalState): void {
  if (state.status === 'registered') throw invalidState('NOT_ASSIGNED', '该建议/提案尚未交办');
  if (state.status !== 'handling') throw invalidState('NOT_HANDLING', '该建议/提案不在办理中');
}

function decide(command: ProposalCommand, state: ProposalState, ctx: Ctx): ProposalEvent[] {
  if (command.type !== 'register' && state.status === 'none') throw new DomainError('not_found', 'PROPOSAL_NOT_FOUND', '未找到该建议/提案');
  switch (command.type) {
    case 'register':
      return register(command, state, ctx);
    case 'assign':
      return assign(command, state, ctx);
    case 'submitCoOpinion':
      return submitCoOpinion(command, state, ctx);
    case 'requestExtension':
      return requestExtension(command, state, ctx);
    case 'approveExtension':
      return approveExtension(command, state, ctx);
    case 'rejectExtension':
      return rejectExtension(command, state, ctx);
    case 'answer':
      return answer(command, state, ctx);
    case 'recordSatisfaction':
      return recordSatisfaction(command, state, ctx);
    case 'publishResult':
      return publishResult(command, state, ctx);
    case 'recalculateDeadlines':
      return recalculateDeadlines(state, ctx);
    default:
      throw invalid('UNKNOWN_COMMAND', `未知的建议/提案命令 ${String((command as { type?: unknown }).type)}`);
  }
}

/** 人大代表建议/政协委员提案 decider (stream `proposal-<id>`, 第二十七条). */
export const proposalDecider: Decider<ProposalState, ProposalCommand, ProposalEvent, ProposalDeps> = {
  initialState: initialProposalState,
  decide,
  evolve: (state, event) => evolveProposal(state, event),
};
