import { ANSWER_CLASS_LABELS, PROPOSAL_KIND_LABELS, SATISFACTION_LABELS, type ProposalEventType } from '../../../events/proposal-events';
import { colon, due, labelOf, list, onTime, str, type Data, type Describers } from './describe-parts';

const late = (v: unknown) => onTime(typeof v === 'boolean' ? !v : undefined);
/** Rounds after the first are 不满意 → 重新办理 (第二十七条). */
const round = (v: unknown) => (Number(v) > 1 ? `第 ${str(v)} 轮` : '');

/** `答复时限由 2027-03-01(暂定) 改为 2027-03-02` for each recounted deadline. */
const recounted = (d: Data) =>
  [
    d.answerDeadline ? `答复时限由 ${due(d.previousAnswerDeadline)} 改为 ${due(d.answerDeadline)}` : '',
    d.coOpinionDeadline ? `协办意见时限由 ${due(d.previousCoOpinionDeadline)} 改为 ${due(d.coOpinionDeadline)}` : '',
  ]
    .filter(Boolean)
    .join(',');

/** 人大代表建议/政协委员提案 (stream `proposal-<id>`, 第二十七条). */
export const proposalDescriptions: Describers<ProposalEventType> = {
  'proposal.registered': (d) =>
    `登记${labelOf(PROPOSAL_KIND_LABELS, d.kind)} ${str(d.number)}《${str(d.subject)}》(${str(d.session)}),领衔:${str(d.proposer)}${list(d.coProposers).length ? `,附议:${list(d.coProposers).map(str).join('、')}` : ''}`,
  // Deadlines are keyed by what they bound: the 答复 is the 交办's deadline, the 协办意见 one is internal.
  'proposal.assigned': (d, { name, names }) =>
    `交办 ${name(d.leadUnit)} 主办${list(d.coUnits).length ? `,${names(d.coUnits)} 协办` : ''};答复时限 ${due(d.answerDeadline)}${d.coOpinionDeadline ? `,协办意见时限 ${due(d.coOpinionDeadline)}` : ''}`,
  'proposal.co_opinion_submitted': (d, { name }) => `${name(d.unit)}向主办单位提出协办意见${late(d.late)}${colon(d.opinion)}`,
  'proposal.extension_requested': (d) => `主办单位申请答复时限延期至 ${str(d.requestedDueDate)}${colon(d.reason)}`,
  'proposal.extension_approved': (d) =>
    `批准延期,答复时限${d.previousDueDate ? `由 ${str(d.previousDueDate)} ` : ''}延至 ${due(d.answerDeadline)}`,
  'proposal.extension_rejected': (d) => `不同意延期,答复时限不变${colon(d.reason)}`,
  'proposal.answered': (d) =>
    `${round(d.round)}答复代表/委员${late(d.late)}:${str(d.answerClass)} 类(${labelOf(ANSWER_CLASS_LABELS, d.answerClass)})${d.summary ? `;${str(d.summary)}` : ''}`,
  'proposal.satisfaction_recorded': (d) =>
    `代表/委员对${round(d.round)}答复${labelOf(SATISFACTION_LABELS, d.satisfaction)}${d.feedback ? `;反馈:${str(d.feedback)}` : ''}`,
  'proposal.reopened': (d) => `代表/委员不满意,重新办理(第 ${str(d.round)} 轮);答复时限 ${due(d.answerDeadline)}`,
  'proposal.result_published': (d) => `在${str(d.channel)}公开办理结果${d.url ? `(${str(d.url)})` : ''}`,
  'proposal.deadlines_recalculated': (d) => `按更新的工作日历重算时限:${recounted(d)}`,
};
