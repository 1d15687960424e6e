import type { ReturnReason, Submission } from '../../../events/document-events';
import { DomainError } from '../../domain/domain-error';
import type { Directory } from '../../directory';
import type { SubmissionDisagreementInput } from './document-commands';

const ART41 = '第四十一条';
const ART46 = '第四十六条';
const ART47 = '第四十七条';

/** 密级/保密属性 declared at submission. Anything but 'none' may not enter the platform (第四十七条). */
export const CLASSIFICATIONS = {
  none: '非涉密',
  sensitive: '涉及敏感信息',
  work_secret: '工作秘密',
  secret: '秘密',
  confidential: '机密',
  top_secret: '绝密',
} as const;
export type Classification = keyof typeof CLASSIFICATIONS;

/**
 * 第四十七条: 国家秘密、工作秘密和涉及敏感信息的公文 do not go through the platform. This is
 * a refusal, not a 退文: nothing is stored, and the message never repeats the content.
 * A 必须直报的涉密事项 (第四十一条's exception) is secret by definition, so it is refused too.
 */
export function refuseIfClassified(classification: Classification | undefined, addressingException?: string): void {
  if ((classification ?? 'none') === 'none' && addressingException !== 'classified_direct_report') return;
  throw new DomainError(
    'refused',
    'CLASSIFIED_NOT_ALLOWED',
    `${ART47}: 涉及国家秘密、工作秘密或敏感信息的公文不通过公文交换平台办理,请按保密规定另行报送。本系统未保存该公文的任何内容。`,
    ART47,
  );
}

const reason = (article: string, code: string, message: string): ReturnReason => ({
  article,
  code,
  message: `${article}: ${message}`,
});

const names = (codes: string[], directory: Directory) => codes.map((c) => directory.nameOf(c)).join('、');

/**
 * The automatic 报文规范 check (第四十一、四十六条). Returns every violation, in a stable
 * order, so the 退文 lists all reasons at once and the unit can correct them in one go.
 * Assumes every code is known to the directory (the decider checks that first).
 */
export function checkSubmission(s: Submission, directory: Directory): ReturnReason[] {
  const reasons: ReturnReason[] = [];
  const mainTo = [...new Set(s.mainTo)];
  const leadersAddressed = [...new Set([...mainTo, ...s.copyTo])].filter((c) => directory.isLeaderPosition(c));
  const personalAllowed = s.addressingException !== undefined;

  // 主送 must be the 市政府 itself; a leader-assigned matter may instead go to that leader.
  const toOrgan = mainTo.some((c) => directory.isGovernmentOrgan(c));
  const toLeaderOnly = personalAllowed && mainTo.length > 0 && mainTo.every((c) => directory.isLeaderPosition(c));
  if (!toOrgan && !toLeaderOnly) {
    reasons.push(
      reason(
        ART41,
        'MAIN_TO_NOT_GOVERNMENT',
        `报送市政府的公文应主送${directory.nameOf(directory.organCode)};本件主送为 ${names(mainTo, directory) || '(空)'}`,
      ),
    );
  }
  if (leadersAddressed.length > 0 && !personalAllowed) {
    reasons.push(
      reason(
        ART41,
        'ADDRESSED_TO_LEADER',
        `除市政府领导交办和必须直报的涉密事项外,不直接向市政府领导同志个人报送公文;本件报送 ${names(leadersAddressed, directory)}`,
      ),
    );
  }

  if (s.kind === 'request') {
    if (mainTo.length > 1) {
      reasons.push(
        reason(ART41, 'MULTIPLE_MAIN_TO', `请示性公文原则上主送一个上级机关,不得多头报文;本件主送 ${mainTo.length} 个: ${names(mainTo, directory)}`),
      );
    }
    // 越级, modelled simply: a superior organ as 主送 skips the city government; a body with
    // a 主管部门 (reportsVia) must report through that department, not straight to the city.
    const superiors = mainTo.filter((c) => directory.isSuperiorOrgan(c));
    if (superiors.length > 0) {
      reasons.push(
        reason(ART41, 'SKIP_LEVEL', `请示性公文不得越级报文;本件越过市政府主送 ${names(superiors, directory)}`),
      );
    }
    const via = directory.competentDepartmentOf(s.fromUnit);
    if (via) {
      reasons.push(
        reason(
          ART41,
          'SKIP_LEVEL',
          `请示性公文不得越级报文;${directory.nameOf(s.fromUnit)} 应通过主管部门 ${directory.nameOf(via)} 报送`,
        ),
      );
    }
    if (s.disagreement) reasons.push(...disagreementViolations(s.disagreement, directory));
  }

  if (s.kind === 'report' && s.requestItems.some((i) => i.trim() !== '')) {
    reasons.push(reason(ART41, 'REPORT_CARRIES_REQUEST', '报告性公文中不得夹带请示事项或带有请示性质的建议事项'));
  }

  if (s.forwarding?.withinOwnAuthority) {
    const what = s.forwarding.mode === 'government_approve_forward' ? '要求市政府批转' : '要求市政府办公室转发';
    reasons.push(
      reason(ART46, 'FORWARDING_WITHIN_OWN_AUTHORITY', `部门职权范围内的事务,由部门自行发文或联合发文,不得${what}`),
    );
  }
  return reasons;
}

/**
 * 第四十一条 for a 请示 on which departments disagree: the lead unit's head has consulted,
 * each side's 理由 and 依据 are listed, and a handling proposal is made. Also used when a
 * disagreement is reported after 交办.
 */
export function disagreementViolations(d: SubmissionDisagreementInput, directory: Directory): ReturnReason[] {
  const reasons: ReturnReason[] = [];
  if (!d.headsConsulted) {
    reasons.push(reason(ART41, 'DISAGREEMENT_HEADS_NOT_CONSULTED', '部门间有分歧意见的,主办部门的主要负责人要主动协商'));
  }
  const sides = new Set(d.positions.map((p) => p.unit));
  if (sides.size < 2) {
    reasons.push(reason(ART41, 'DISAGREEMENT_SIDES_MISSING', '不能取得一致意见的,应列出各方 (至少两个单位) 的意见'));
  }
  const noReasons = d.positions.filter((p) => !p.reasons?.trim()).map((p) => p.unit);
  if (noReasons.length > 0) {
    reasons.push(reason(ART41, 'DISAGREEMENT_REASONS_MISSING', `应列出各方理由;缺少 ${names(noReasons, directory)} 的理由`));
  }
  const noBasis = d.positions.filter((p) => !p.basis?.trim()).map((p) => p.unit);
  if (noBasis.length > 0) {
    reasons.push(reason(ART41, 'DISAGREEMENT_BASIS_MISSING', `应列出各方依据;缺少 ${names(noBasis, directory)} 的依据`));
  }
  if (!d.proposal?.trim()) {
    reasons.push(reason(ART41, 'DISAGREEMENT_PROPOSAL_MISSING', '不能取得一致意见的,应提出办理建议'));
  }
  return reasons;
}
