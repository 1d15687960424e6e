import type { CatalogueEntry } from './document-catalogue';
import { EventSchemaError } from './document-catalogue';
import type { ProposalEventType } from './proposal-events';

/** Every 建议/提案 event type with its label, schema version and meaning (stream `proposal-<id>`). */
export const proposalCatalogue: Readonly<Record<ProposalEventType, CatalogueEntry>> = {
  'proposal.registered': { label: '登记', schemaVersion: 1, description: '登记人大代表建议或政协委员提案: 代表/委员、届次、编号、主题' },
  'proposal.assigned': {
    label: '交办',
    schemaVersion: 1,
    description: '交办主办单位和协办单位, 记录答复时限和协办意见时限 (第二十七条 限时办结;默认 3 个月和 1 个月, 遇休息日顺延)',
  },
  'proposal.co_opinion_submitted': { label: '协办意见', schemaVersion: 1, description: '协办单位向主办单位提出协办意见' },
  'proposal.extension_requested': { label: '延期申请', schemaVersion: 1, description: '主办单位申请延长答复时限' },
  'proposal.extension_approved': { label: '延期批准', schemaVersion: 2, description: '批准延期, 记录批准的日期和新的答复时限' },
  'proposal.extension_rejected': { label: '延期驳回', schemaVersion: 1, description: '不同意延期, 原时限不变' },
  'proposal.answered': { label: '答复', schemaVersion: 1, description: '主办单位答复代表/委员, 标明 A/B/C/D 类' },
  'proposal.satisfaction_recorded': { label: '满意度', schemaVersion: 1, description: '代表/委员对答复的意见: 满意、基本满意或不满意' },
  'proposal.reopened': { label: '重新办理', schemaVersion: 1, description: '代表/委员不满意, 重新办理并记录新的答复时限 (默认 1 个月)' },
  'proposal.result_published': { label: '公开办理结果', schemaVersion: 1, description: '主动公开办理结果 (第二十七条)' },
  'proposal.deadlines_recalculated': {
    label: '时限重算',
    schemaVersion: 1,
    description: '日历数据更新后重算暂定的答复时限和协办意见时限, 记录新旧时限 (第二十七条 限时办结, DESIGN §5)',
  },
};

export const PROPOSAL_EVENT_TYPES = Object.keys(proposalCatalogue) as ProposalEventType[];

export const isProposalEventType = (type: string): type is ProposalEventType =>
  Object.prototype.hasOwnProperty.call(proposalCatalogue, type);

export function proposalSchemaVersion(type: string): number {
  if (!isProposalEventType(type)) {
    throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `未登记的事件类型 "${type}" (不在 events/proposal-catalogue.ts 中)`);
  }
  return proposalCatalogue[type].schemaVersion;
}
