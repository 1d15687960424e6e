import type { WorkingCalendar } from '../../calendar/working-calendar';

/**
 * The 办理时限 in calendar months. 第二十七条 only asks for 限时办结; the numbers are this
 * system's policy (DESIGN §3), configurable: these are the defaults.
 */
export interface ProposalDeadlinePolicy {
  /** 交办 → 答复. */
  answerMonths: number;
  /** 交办 → 协办单位 opinion to the 主办单位. */
  coOpinionMonths: number;
  /** 不满意 → answer again. */
  reopenMonths: number;
}

export const DEFAULT_PROPOSAL_POLICY: ProposalDeadlinePolicy = { answerMonths: 3, coOpinionMonths: 1, reopenMonths: 1 };

/** What proposals need from the directory (src/directory's Directory satisfies it). */
export interface ProposalDirectory {
  hasUnit(code: string): boolean;
  /** Departments, towns, streets …: units that handle matters, not the 市政府 or its office. */
  isSubmittingUnit(code: string): boolean;
  /** The unit's name for messages; the code itself if unknown. */
  nameOf(code: string): string;
}

export interface ProposalDeps {
  calendar: WorkingCalendar;
  directory: ProposalDirectory;
  policy?: ProposalDeadlinePolicy;
}
