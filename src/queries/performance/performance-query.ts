export const PERFORMANCE_GROUPS = ['unit', 'leader'] as const;
export type PerformanceGroup = (typeof PERFORMANCE_GROUPS)[number];
export const PERFORMANCE_PERIODS = ['range', 'month'] as const;
export type PerformancePeriod = (typeof PERFORMANCE_PERIODS)[number];

export interface PerformanceQuery {
  /** YYYY-MM: that month; otherwise from/to (YYYY-MM-DD, inclusive); default this month to today. */
  month?: string;
  from?: string;
  to?: string;
  /** Per unit, or per 分管领导 (the directory's current portfolios). */
  by?: PerformanceGroup;
  /** One row per group over the range, or one per group and month. */
  period?: PerformancePeriod;
  source?: 'document' | 'proposal';
  unit?: string;
  leader?: string;
  minPosition?: string;
}

export interface PerformanceRow {
  /** Unit code or leader position ('' for items whose unit has no 分管领导). */
  key: string;
  name: string;
  /** 'YYYY-MM', or the range 'from~to'. */
  period: string;
  assigned: number;
  completed: number;
  completedOnTime: number;
  overdueNow: number;
  extensions: number;
  urges: number;
  averageWorkingDaysToComplete: number | null;
  /** 办结率 = completed / assigned. */
  completionRate: number | null;
  /** 按时办结率 = completedOnTime / (completed + overdueNow). */
  onTimeRate: number | null;
}

export const PERFORMANCE_DEFINITIONS = {
  assigned: '交办数: 期间内交办的事项',
  completed: '办结数: 其中已办结 (或已提出意见、已答复) 的',
  completedOnTime: '按时办结数: 其中在办理时限内办结的',
  overdueNow: '当前逾期数: 其中至今未办结且已超过办理时限的',
  extensions: '延期数: 期间内批准延期的次数',
  urges: '催办数: 期间内催办的次数',
  averageWorkingDaysToComplete: '平均办结工作日: 交办次日起至办结日的工作日数 (含调休上班日, 不含节假日) 的平均',
  completionRate: '办结率 = 办结数 / 交办数',
  onTimeRate: '按时办结率 = 按时办结数 / (办结数 + 当前逾期数), 即应办结事项中按时办结的比例',
} as const;
