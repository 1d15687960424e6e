import type { HandlingClass } from '../../calendar/deadline-policy';

/** 第四十七条 handling classes, with the label an office clerk would use. */
export const HANDLING_CLASS_LABELS: Record<HandlingClass, string> = {
  own_authority: '职权范围内事项 (7 个工作日内办结)',
  needs_approval: '需要市政府审批的事项 (7 个工作日内提出意见)',
  lead_with_consultation: '主办部门会相关部门办理的事项 (10 个工作日内提出意见)',
  needs_investigation: '需要调查论证的事项 (先说明办理情况,30 个工作日内报告结果)',
  urgent: '紧急公文 (以市政府明确的时限为准)',
  statutory: '法律法规另有规定的事项 (从其规定)',
};

export const HANDLING_CLASSES = Object.keys(HANDLING_CLASS_LABELS) as HandlingClass[];

/** Classes whose deliverable is the unit's opinion for the government to decide (提出意见), not 办结. */
export const OPINION_CLASSES: readonly HandlingClass[] = ['needs_approval', 'lead_with_consultation'];
/** Urgent and statutory matters may end either way: the government or the law sets what is due. */
export const EITHER_CLASSES: readonly HandlingClass[] = ['urgent', 'statutory'];
