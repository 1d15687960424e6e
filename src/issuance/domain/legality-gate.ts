import type { RuleViolation } from '../../domain/domain-error';
import { ART } from './issuance-errors';
import { isCityLevel, type IssuanceState } from './issuance-state';

/**
 * Everything that keeps a normative document from collective deliberation (or, for a
 * department's own document, from signing). Empty when the gate is open.
 *
 * 第二十条: 拟订和制订行政规范性文件要向社会公布草案, 征求意见.
 * 第四十五条: 起草部门出具合法性审核意见; 市司法局对审核情况出具监督意见 (市政府或办公室的文件);
 *   未经合法性审核或经审核不合法的, 不得提交集体审议. Integrity (廉洁性) review likewise.
 */
export function legalityGateBlockers(state: IssuanceState): RuleViolation[] {
  const blockers: RuleViolation[] = [];
  const v = state.textVersion;
  if (!state.publicComment) {
    blockers.push({ article: ART.twenty, code: 'PUBLIC_COMMENT_MISSING', message: '第二十条: 行政规范性文件草案未向社会公布征求意见' });
  } else if (!state.publicComment.closed) {
    blockers.push({ article: ART.twenty, code: 'PUBLIC_COMMENT_NOT_CLOSED', message: '第二十条: 草案征求意见期尚未结束' });
  }
  if (state.legality?.textVersion !== v) {
    blockers.push({ article: ART.fortyFive, code: 'LEGALITY_REVIEW_MISSING', message: '第四十五条: 未经起草单位合法性审核, 不得提交集体审议' });
  } else if (!state.legality.lawful) {
    blockers.push({ article: ART.fortyFive, code: 'LEGALITY_REVIEW_UNLAWFUL', message: '第四十五条: 经审核不合法的, 不得提交集体审议' });
  }
  if (state.integrity?.textVersion !== v) {
    blockers.push({ article: ART.fortyFive, code: 'INTEGRITY_REVIEW_MISSING', message: '第四十五条: 未经廉洁性审核' });
  } else if (!state.integrity.passed) {
    blockers.push({ article: ART.fortyFive, code: 'INTEGRITY_REVIEW_FAILED', message: '第四十五条: 廉洁性审核未通过' });
  }
  if (isCityLevel(state)) {
    if (state.supervision?.textVersion !== v) {
      blockers.push({
        article: ART.fortyFive,
        code: 'SUPERVISION_OPINION_MISSING',
        message: '第四十五条: 提请市政府常务会议或者全体会议审议前, 须由市司法局对合法性审核情况出具监督意见',
      });
    } else if (!state.supervision.concurs) {
      blockers.push({ article: ART.fortyFive, code: 'SUPERVISION_OPINION_OBJECTS', message: '第四十五条: 市司法局监督意见不同意提交审议' });
    }
  }
  return blockers;
}
