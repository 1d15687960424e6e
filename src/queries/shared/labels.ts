import { CATEGORY_LABELS } from '../../issuance/domain/issuance-types';
import { HANDLING_CLASS_LABELS } from '../../documents/domain/handling-classes';
import { DOCUMENT_STATUSES } from '../../documents/domain/document-state';
import { DOCUMENT_KINDS } from '../../../events/document-events';
import { PROPOSAL_KIND_LABELS } from '../../../events/proposal-events';
import { OBLIGATION_TYPES, SOURCE_LABELS, type Source } from '../../../projections/obligation-vocabulary';

const KIND_LABELS: Record<Source, Record<string, string>> = { document: DOCUMENT_KINDS, issuance: CATEGORY_LABELS, proposal: PROPOSAL_KIND_LABELS };

const STATUS_LABELS: Record<Source, Record<string, string>> = {
  document: DOCUMENT_STATUSES,
  issuance: { none: '未拟稿', drafting: '拟稿中', in_deliberation: '待会议审议', signed: '已签发待印发', issued: '已印发' },
  proposal: { none: '未登记', registered: '已登记待交办', handling: '办理中', answered: '已答复', closed: '已办结' },
};

const pick = (table: Record<string, string> | undefined, code: string | null | undefined): string | null =>
  code ? (table?.[code] ?? code) : null;

/** Every kind code an obligation can carry: 文种, 发文类别 and 建议提案类别. */
export const OBLIGATION_KINDS: readonly string[] = [...new Set(Object.values(KIND_LABELS).flatMap((t) => Object.keys(t)))];

export const sourceLabel = (source: string): string => SOURCE_LABELS[source as Source] ?? source;
export const kindLabel = (source: string, kind: string | null | undefined) => pick(KIND_LABELS[source as Source], kind);
export const statusLabel = (source: string, status: string | null | undefined) => pick(STATUS_LABELS[source as Source], status);
export const typeLabel = (type: string) => pick(OBLIGATION_TYPES, type) ?? type;
const SHORT_HANDLING: Record<string, string> = Object.fromEntries(
  Object.entries(HANDLING_CLASS_LABELS).map(([code, label]) => [code, label.replace(/\s*\(.*\)$/, '')]),
);
/** Short form: 职权范围内事项 (without the time limit in brackets). */
export const handlingClassLabel = (cls: string | null | undefined): string | null => (cls ? (SHORT_HANDLING[cls] ?? cls) : null);

export const COLOUR_LABELS = { red: '红', yellow: '黄', green: '正常' } as const;
export type Colour = keyof typeof COLOUR_LABELS;
