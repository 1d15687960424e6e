import type { DocumentEventType } from '../../../events/document-events';
import { shanghaiDate } from '../../calendar/deadline-policy';
import { handlingClassLabel, kindLabel } from '../shared/labels';
import { due, list, onTime, str, type Data, type Describe, type Describers } from './describe-parts';

const STANCES: Record<string, string> = { agree: '同意', agree_with_changes: '修改后同意', disagree: '不同意' };
const OUTCOMES: Record<string, string> = { agreed: '取得一致意见', leaning_proposal: '提出倾向性建议' };

const submitted =
  (verb: string): Describe =>
  (d, { name }) =>
    `${name(d.fromUnit)}${verb}${kindLabel('document', str(d.kind)) ?? ''}《${str(d.title)}》${d.attempt && Number(d.attempt) > 1 ? `(第 ${str(d.attempt)} 次报送)` : ''}`;

/** 收文/交办 (stream `document-<id>`). */
export const documentDescriptions: Describers<DocumentEventType> = {
  'document.submitted': submitted('报送'),
  'document.resubmitted': submitted('修改后重新报送'),
  'document.returned': (d) => `${d.by === 'automatic' ? '自动审核' : '市政府办公室'}退文:${list(d.reasons).map((r) => str((r as Data).message)).join(';')}`,
  'document.registered': (d) => `签收登记${d.registrationNo ? `,收文编号 ${str(d.registrationNo)}` : ''}`,
  'document.reviewed': (d, { name }) => `拟办意见:${str(d.opinion)};拟由 ${name(d.proposedLeadUnit)} 主办${d.major ? ',重大事项' : ''}`,
  'document.routed': (d, { name }) => `呈 ${list(d.to).map((l) => name((l as Data).position)).join('、')} 批示`,
  'document.instructed': (d, { name }) => `${name(d.position)}批示:${str(d.text)}`,
  'document.assigned': (d, { name, names }) =>
    `交办 ${name(d.leadUnit)} 主办${list(d.coUnits).length ? `,${names(d.coUnits)} 协办` : ''};${handlingClassLabel(str(d.handlingClass)) ?? ''};办理时限 ${due(d.deadline)}${d.progressDeadline ? `,说明办理情况时限 ${due(d.progressDeadline)}` : ''}`,
  'document.consultation_requested': (d, { names }) => `请 ${names(d.units)} 会商「${str(d.subject)}」,${str(d.replyBy)} 前回复`,
  'document.consultation_opinion_given': (d, { name }) =>
    `${name(d.unit)}会商意见:${STANCES[str(d.stance)] ?? str(d.stance)}${d.reasons ? `,理由:${str(d.reasons)}` : ''}${d.basis ? `,依据:${str(d.basis)}` : ''}${d.changes ? `,修改意见:${str(d.changes)}` : ''}`,
  'document.disagreement_reported': (d, { name }) => `报告部门分歧 (${list(d.positions).map((p) => name((p as Data).unit)).join('、')}),办理建议:${str(d.proposal)}`,
  'document.coordinated': (d, { name }) => `${name(d.position)}协调,${OUTCOMES[str(d.outcome)] ?? str(d.outcome)}:${str(d.text)}`,
  'document.progress_explained': (d, { name }) => `${name(d.unit)}说明办理情况${onTime(d.onTime)}:${str(d.text)}`,
  'document.extension_requested': (d, { name }) => `${name(d.unit)}申请延期至 ${str(d.requestedDueDate)}:${str(d.reason)}`,
  'document.extension_approved': (d) =>
    `批准延期${typeof d.previousDueAt === 'string' ? `,办理时限由 ${shanghaiDate(d.previousDueAt)} 延至 ${due(d.deadline)}` : `至 ${due(d.deadline)}`}${d.comment ? `:${str(d.comment)}` : ''}`,
  'document.extension_rejected': (d) => `不同意延期:${str(d.reason)}`,
  'document.urged': (d) => `催办${d.overdue ? '(已逾期)' : ''}:${str(d.text)}`,
  'document.opinion_submitted': (d, { name }) => `${name(d.unit)}提出意见${onTime(d.onTime)}:${str(d.text)}`,
  'document.completed': (d, { name }) => `${name(d.unit)}办结${onTime(d.onTime)}:${str(d.result)}`,
  'document.closed': (d) => `关闭${d.reason ? `:${str(d.reason)}` : ''}`,
  'document.archived': (d) => `归档${d.archiveNo ? `,档号 ${str(d.archiveNo)}` : ''}`,
  'document.deadline_recalculated': (d) => `日历数据更新,办理时限由 ${due(d.previous)} 重算为 ${due(d.deadline)}`,
};
