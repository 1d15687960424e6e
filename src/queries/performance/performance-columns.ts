import type { Column } from '../export/table-export';
import type { PerformanceRow } from './performance-query';

const percent = (r: number | null) => (r === null ? null : `${(r * 100).toFixed(1)}%`);

export const performanceColumns = (byLeader: boolean): readonly Column<PerformanceRow>[] => [
  { header: byLeader ? '分管领导' : '单位', value: (r) => r.name, width: 30 },
  { header: '期间', value: (r) => r.period, width: 24 },
  { header: '交办数', value: (r) => r.assigned },
  { header: '办结数', value: (r) => r.completed },
  { header: '按时办结数', value: (r) => r.completedOnTime },
  { header: '当前逾期数', value: (r) => r.overdueNow },
  { header: '延期数', value: (r) => r.extensions },
  { header: '催办数', value: (r) => r.urges },
  { header: '平均办结工作日', value: (r) => r.averageWorkingDaysToComplete, width: 14 },
  { header: '办结率', value: (r) => percent(r.completionRate) },
  { header: '按时办结率', value: (r) => percent(r.onTimeRate) },
];
