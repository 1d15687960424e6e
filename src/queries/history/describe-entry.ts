import type { Directory } from '../../directory';
import { handlingClassLabel, kindLabel } from '../shared/labels';

type Data = Record<string, unknown>;

const STANCES: Record<string, string> = { agree: '同意', agree_with_changes: '修改后同意', disagree: '不同意' };
const OUTCOMES: Record<string, string> = { agreed: '取得一致意见', leaning_proposal: '提出倾向性建议' };
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const onTime = (v: unknown) => (v === false ? '(逾期)' : v === true ? '(按时)' : '');
const due = (v: unknown) => (typeof v === 'string' ? v : typeof (v as Data)?.dueDate === 'string' ? `${(v as Data).dueDate}(暂定)` : '');

/** A sentence for one history entry, from its key data, with the directory's names. */
export function describeEntry(type: string, label: string, d: Data, directory: Directory): string {
  const name = (code: unknown) => (typeof code === 'string' && code ? directory.nameOf(code) : '');
  const names = (codes: unknown) => list(codes).map(name).filter(Boolean).join('、');
  switch (type) {
    case 'document.submitted':
    case 'document.resubmitted':
      return `${name(d.fromUnit)}${type.endsWith('resubmitted') ? '修改后重新报送' : '报送'}${kindLabel('document', str(d.kind)) ?? ''}《${str(d.title)}》${d.attempt && Number(d.attempt) > 1 ? `(第 ${str(d.attempt)} 次报送)` : ''}`;
    case 'document.returned':
      return `${d.by === 'automatic' ? '自动审核' : '市政府办公室'}退文:${list(d.reasons).map((r) => str((r as Data).message)).join(';')}`;
    case 'document.registered':
      return `签收登记${d.registrationNo ? `,收文编号 ${str(d.registrationNo)}` : ''}`;
    case 'document.reviewed':
      return `拟办意见:${str(d.opinion)};拟由 ${name(d.proposedLeadUnit)} 主办${d.major ? ',重大事项' : ''}`;
    case 'document.routed':
      return `呈 ${list(d.to).map((l) => name((l as Data).position)).join('、')} 批示`;
    case 'document.instructed':
      return `${name(d.position)}批示:${str(d.text)}`;
    case 'document.assigned':
      return `交办 ${name(d.leadUnit)} 主办${list(d.coUnits).length ? `,${names(d.coUnits)} 协办` : ''};${handlingClassLabel(str(d.handlingClass)) ?? ''};办理时限 ${due(d.deadline)}${d.progressDeadline ? `,说明办理情况时限 ${due(d.progressDeadline)}` : ''}`;
    case 'document.consultation_requested':
      return `请 ${names(d.units)} 会商「${str(d.subject)}」,${str(d.replyBy)} 前回复`;
    case 'document.consultation_opinion_given':
      return `${name(d.unit)}会商意见:${STANCES[str(d.stance)] ?? str(d.stance)}${d.reasons ? `,理由:${str(d.reasons)}` : ''}${d.basis ? `,依据:${str(d.basis)}` : ''}${d.changes ? `,修改意见:${str(d.changes)}` : ''}`;
    case 'document.disagreement_reported':
      return `报告部门分歧 (${list(d.positions).map((p) => name((p as Data).unit)).join('、')}),办理建议:${str(d.proposal)}`;
    case 'document.coordinated':
      return `${name(d.position)}协调,${OUTCOMES[str(d.outcome)] ?? str(d.outcome)}:${str(d.text)}`;
    case 'document.progress_explained':
      return `${name(d.unit)}说明办理情况${onTime(d.onTime)}:${str(d.text)}`;
    case 'document.extension_requested':
      return `${name(d.unit)}申请延期至 ${str(d.requestedDueDate)}:${str(d.reason)}`;
    case 'document.extension_approved':
      return `批准延期至 ${due(d.deadline)}${d.comment ? `:${str(d.comment)}` : ''}`;
    case 'document.extension_rejected':
      return `不同意延期:${str(d.reason)}`;
    case 'document.urged':
      return `催办${d.overdue ? '(已逾期)' : ''}:${str(d.text)}`;
    case 'document.opinion_submitted':
      return `${name(d.unit)}提出意见${onTime(d.onTime)}:${str(d.text)}`;
    case 'document.completed':
      return `${name(d.unit)}办结${onTime(d.onTime)}:${str(d.result)}`;
    case 'document.closed':
      return `关闭${d.reason ? `:${str(d.reason)}` : ''}`;
    case 'document.archived':
      return `归档${d.archiveNo ? `,档号 ${str(d.archiveNo)}` : ''}`;
    case 'document.deadline_recalculated':
      return `日历数据更新,办理时限由 ${due(d.previous)} 重算为 ${due(d.deadline)}`;
    default:
      return `${label}${generic(d, name)}`;
  }
}

/** Other streams: the label and the scalar key data, with unit and leader codes named. */
function generic(d: Data, name: (code: unknown) => string): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (typeof v === 'string' && v) parts.push(/unit|leader/i.test(k) ? name(v) : v);
    else if (typeof v === 'number' || typeof v === 'boolean') parts.push(`${k}=${String(v)}`);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string') && v.length > 0) parts.push((v as string[]).map((x) => (/unit|issuer|co/i.test(k) ? name(x) : x)).join('、'));
    if (parts.length >= 4) break;
  }
  return parts.length > 0 ? `:${parts.join(';')}` : '';
}
