import type { DocumentEventType } from './document-events';

export interface CatalogueEntry {
  /** Chinese label for history views, e.g. '退文'. */
  label: string;
  /** Current version of the stored data shape; older versions are upcast on read. */
  schemaVersion: number;
  description: string;
}

/**
 * Every 收文/交办 event type with its label, schema version and meaning. The history
 * (projections/history-entry.ts) reads labels from here; the README's event table is generated from it.
 */
export const catalogue: Readonly<Record<DocumentEventType, CatalogueEntry>> = {
  'document.submitted': {
    label: '提交',
    schemaVersion: 1,
    description: '报文单位向市政府报送公文 (第一次报送)',
  },
  'document.returned': {
    label: '退文',
    schemaVersion: 1,
    description: '不符合报文规范,退回报文单位;自动规则检查或市政府办公室人工退文,逐条列明条款和理由 (第四十一、四十二、四十六条)',
  },
  'document.resubmitted': {
    label: '重新提交',
    schemaVersion: 1,
    description: '退文后报文单位修改并在同一案卷重新报送',
  },
  'document.registered': { label: '签收登记', schemaVersion: 1, description: '市政府办公室签收并登记收文' },
  'document.reviewed': {
    label: '初审拟办',
    schemaVersion: 1,
    description: '市政府办公室审核把关,提出明确办理意见和拟主办单位 (第四十二条)',
  },
  'document.routed': {
    label: '分工呈批',
    schemaVersion: 1,
    description: '按市政府领导分工呈分管副市长;重大事项报市长;部门分歧呈分管副市长协调 (第四十二条)',
  },
  'document.instructed': { label: '批示', schemaVersion: 1, description: '呈批的市政府领导作出批示' },
  'document.assigned': {
    label: '交办',
    schemaVersion: 1,
    description: '交办主办单位和协办单位,确定办理类别,按工作日计算并记录办理时限 (第四十七条)',
  },
  'document.consultation_requested': {
    label: '会商请求',
    schemaVersion: 1,
    description: '主办单位请相关单位会商,并给出回复期限 (第四十七条)',
  },
  'document.consultation_opinion_given': {
    label: '会商意见',
    schemaVersion: 1,
    description: '被会商单位回复同意、修改后同意或不同意 (附理由和依据)',
  },
  'document.disagreement_reported': {
    label: '分歧报告',
    schemaVersion: 1,
    description: '主要负责人协商后仍有分歧:列出各方理由、依据并提出办理建议 (第四十一条)',
  },
  'document.coordinated': {
    label: '协调',
    schemaVersion: 1,
    description: '分管副市长协调部门分歧,取得一致意见或提出倾向性建议 (第四十二条)',
  },
  'document.progress_explained': {
    label: '说明办理情况',
    schemaVersion: 1,
    description: '需要调查论证的事项先说明办理情况 (第四十七条)',
  },
  'document.extension_requested': { label: '延期申请', schemaVersion: 1, description: '主办单位申请延长办理时限' },
  'document.extension_approved': { label: '延期批准', schemaVersion: 1, description: '批准延期,记录新的办理时限' },
  'document.extension_rejected': { label: '延期驳回', schemaVersion: 1, description: '不同意延期,原时限不变' },
  'document.urged': { label: '催办', schemaVersion: 1, description: '督查室催办 (第三十二条)' },
  'document.opinion_submitted': {
    label: '提出意见',
    schemaVersion: 1,
    description: '需要市政府审批或会商办理的事项,主办单位提出本部门意见 (第四十七条)',
  },
  'document.completed': { label: '办结', schemaVersion: 1, description: '主办单位报告办理结果' },
  'document.closed': { label: '关闭', schemaVersion: 1, description: '市政府办公室结束跟踪' },
  'document.archived': { label: '归档', schemaVersion: 1, description: '案卷归档,此后只读' },
  'document.deadline_recalculated': {
    label: '时限重算',
    schemaVersion: 1,
    description: '日历数据更新后重算暂定时限并记录新旧两个时限 (DESIGN §5)',
  },
};

export const DOCUMENT_EVENT_TYPES = Object.keys(catalogue) as DocumentEventType[];

export const isDocumentEventType = (type: string): type is DocumentEventType =>
  Object.prototype.hasOwnProperty.call(catalogue, type);

/** Thrown when a stored event cannot be read back: never guess at unknown data. */
export class EventSchemaError extends Error {
  constructor(
    readonly code: 'UNKNOWN_EVENT_TYPE' | 'UNSUPPORTED_SCHEMA_VERSION',
    message: string,
  ) {
    super(message);
    this.name = 'EventSchemaError';
  }
}

/** Current schema version of a type; throws so nothing uncatalogued is ever stored. */
export function schemaVersionOf(type: string): number {
  if (!isDocumentEventType(type)) {
    throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `未登记的事件类型 "${type}" (不在 events/document-catalogue.ts 中)`);
  }
  return catalogue[type].schemaVersion;
}
