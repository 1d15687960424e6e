/** Which obligations: 红 overdue, 黄 due soon, both, or every open one (第三十二条 督查). */
export const OBLIGATION_VIEWS = ['overdue', 'due_soon', 'outstanding', 'open'] as const;
export type ObligationView = (typeof OBLIGATION_VIEWS)[number];

/** dueAt: most overdue first; -dueAt: latest due first; unit: by unit, then due. */
export const OBLIGATION_SORTS = ['dueAt', '-dueAt', 'unit'] as const;
export type ObligationSort = (typeof OBLIGATION_SORTS)[number];

export const DEFAULT_WITHIN_DAYS = 3;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export interface ObligationFilter {
  /** Owing unit (directory code). */
  unit?: string;
  /** 分管领导 position: units in that leader's portfolio. */
  leader?: string;
  /** Who owes it: a unit code or a leader position (signatures, 批示, 协调 awaiting a leader). */
  owedBy?: string;
  handlingClass?: string;
  /** Document kind / 发文 category / proposal kind code. */
  kind?: string;
  source?: string;
  type?: string;
  /** Only these documents (stream ids are `<source>-<id>`). */
  streamIds?: readonly string[];
}

export interface ObligationQuery extends ObligationFilter {
  view: ObligationView;
  /** ISO instant or YYYY-MM-DD (end of that day, Asia/Shanghai); default now. */
  asOf?: string;
  /** 黄: due within this many working days after the asOf date (0: today). */
  withinDays?: number;
  sort?: ObligationSort;
  cursor?: string;
  limit?: number;
  minPosition?: string;
}
