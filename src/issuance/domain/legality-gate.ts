import type { RuleViolation } from '../../domain/domain-error';
import { ART } from './issuance-errors';
import { isCityLevel, isNormative, type IssuanceState } from './issuance-state';

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

/**
 * What the law says must be in place before the current text is signed; empty when nothing.
 * 第三十五条(四)、第十五条: a 市政府 normative document is adopted by the meeting (修改后通过:
 * with the amendments made); 第二十一、四十五条: a department's passes its own gate; 第二十条:
 * an agreement's text is reviewed lawful by the 市司法局. The decider refuses on the first,
 * the obligations projection awaits no signature while any remain.
 */
export function signingBlockers(state: IssuanceState): RuleViolation[] {
  const v = state.textVersion;
  if (isNormative(state)) {
    if (!isCityLevel(state)) return legalityGateBlockers(state);
    const d = state.deliberation;
    if (!(d && d.textVersion === v && d.outcome?.startsWith('adopted'))) {
      return [{ article: ART.thirtyFive, code: 'DELIBERATION_NOT_ADOPTED', message: '第三十五条(四)、第十五条: 市政府行政规范性文件须经常务会议或全体会议审议通过后签发' }];
    }
    if (d.outcome === 'adopted_with_amendments' && d.amendedFrom === undefined) {
      return [{ article: ART.thirtyFive, code: 'AMENDMENTS_NOT_IMPLEMENTED', message: '第三十五条: 会议审议修改后通过, 须按会议修改意见修改文稿 (修改时注明 implementsAmendments) 后签发' }];
    }
  }
  if (state.draft?.category === 'agreement') {
    const r = state.agreementReview;
    if (!r || r.textVersion !== v) {
      return [{ article: ART.twenty, code: 'AGREEMENT_LEGAL_REVIEW_MISSING', message: '第二十条: 以市政府名义对外签署协议, 须由市司法局事先对协议文本进行合法性审核' }];
    }
    if (!r.lawful) return [{ article: ART.twenty, code: 'AGREEMENT_TEXT_UNLAWFUL', message: '第二十条: 市司法局审核认为协议文本不合法, 不得签署' }];
  }
  return [];
}
