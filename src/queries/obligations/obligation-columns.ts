import { shanghaiTime, type Column } from '../export/table-export';
import type { ObligationItem } from './obligation-item';

/** The export's columns, in the order the 督查室 reads them. */
export const OBLIGATION_COLUMNS: readonly Column<ObligationItem>[] = [
  { header: '状态', value: (r) => r.colourLabel, width: 6 },
  { header: '逾期工作日', value: (r) => r.workingDaysOverdue, width: 10 },
  { header: '剩余工作日', value: (r) => r.workingDaysRemaining, width: 10 },
  { header: '办理时限', value: (r) => r.dueDate ?? '无时限', width: 12 },
  { header: '事项', value: (r) => r.typeLabel, width: 14 },
  { header: '责任单位', value: (r) => r.unitName, width: 24 },
  { header: '分管领导', value: (r) => r.leaderName, width: 24 },
  { header: '应办方', value: (r) => r.owedBy.name, width: 24 },
  { header: '标题', value: (r) => r.title, width: 40 },
  { header: '文种', value: (r) => r.kindLabel, width: 10 },
  { header: '办理类别', value: (r) => r.handlingClassLabel, width: 20 },
  { header: '类别', value: (r) => r.sourceLabel, width: 10 },
  { header: '说明', value: (r) => r.detail, width: 30 },
  { header: '产生时间', value: (r) => shanghaiTime(r.openedAt), width: 17 },
  { header: '最近催办', value: (r) => shanghaiTime(r.urgedAt), width: 17 },
  { header: '文档编号', value: (r) => r.documentId, width: 38 },
];
