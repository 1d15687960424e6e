import type { DecisionContext } from '../../domain/decider';
import { ROLE_LABELS, isRole } from '../../auth/roles';
import { shanghaiDate } from '../../calendar/deadline-policy';
import { issuanceEvent, type IssuanceEvent } from '../../../events/issuance-events';
import type { IssuanceCommand } from './issuance-commands';
import type { IssuanceDeps } from './issuance-deps';
import { namesOf } from './issuance-directory';
import { ART, forbidden, invalid, invalidState, refused, requireInstant, requireText } from './issuance-errors';
import { signingBlockers } from './legality-gate';
import type { IssuanceState } from './issuance-state';
import { requireDrafting } from './preparation-decisions';
import { REVIEW_LABELS, signersText, signingRule, type SignerSlot, type SigningRule } from './signing-matrix';
import { activeDelegation, delegationOutsidePeriod, matchReviewer, matchSigner } from './slot-matching';

type Ctx = DecisionContext<IssuanceDeps>;
type Of<T extends IssuanceCommand['type']> = Extract<IssuanceCommand, { type: T }>;

const roleText = (roles: string[]) => roles.map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join('、') || '无角色';
/** Who was refused: a vice mayor where the 分管副市长 signs is told he is not the one, and who is. */
function notAllowedText(rule: SigningRule, state: IssuanceState, ctx: Ctx): string {
  const draft = state.draft!;
  const isViceMayor = ctx.actor.roles.some((r) => r === 'vice_mayor' || r === 'executive_vice_mayor');
  if (!isViceMayor || !draft.portfolioLeaderId || !rule.signers.includes('portfolio_vice_mayor')) return `${roleText(ctx.actor.roles)}无权签发`;
  const { nameOf } = ctx.deps.directory;
  return `非分管副市长无权签发 (${nameOf(draft.draftingUnit)}由${nameOf(draft.portfolioLeaderId)}分管)`;
}
const ruleOf = (state: IssuanceState) => signingRule(state.draft!.signingRule);

/** 核稿 (第四十三、四十四、三十八条): fills every pending review slot of the row the actor may fill. */
export function review(c: Of<'review'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  const rule = ruleOf(state);
  const mine = rule.reviews.filter((slot) => matchReviewer(ctx.actor, slot, state, ctx.now));
  if (mine.length === 0) {
    const who = rule.reviews.map((s) => REVIEW_LABELS[s]).join('、') || '无须审核';
    throw forbidden('REVIEWER_NOT_ALLOWED', `${rule.what}的审核为: ${who}; ${roleText(ctx.actor.roles)}无权审核`, rule.article);
  }
  const pending = mine.filter((slot) => state.reviews[slot] !== state.textVersion);
  if (pending.length === 0) throw invalidState('ALREADY_REVIEWED', '您已审核过现文稿');
  const opinion = c.opinion === undefined ? '' : requireText(c.opinion, 'opinion', '审核意见');
  return [
    issuanceEvent('issuance.reviewed', {
      slots: pending,
      textVersion: state.textVersion,
      opinion,
      reviewer: { id: ctx.actor.id, name: ctx.actor.name, ...(ctx.actor.leaderId ? { leaderId: ctx.actor.leaderId } : {}) },
    }),
  ];
}

/** 联合发文由所有联署机关的负责人会签 (条例第十九条). */
export function countersign(_c: Of<'countersign'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  requireDrafting(state);
  const unit = ctx.actor.unit;
  if (!state.draft!.jointIssuers.includes(unit) || !ctx.actor.roles.includes('unit_clerk')) {
    throw forbidden('NOT_JOINT_ISSUER', `会签由联合发文机关办理, ${ctx.deps.directory.nameOf(unit)} 不是本文的联合发文机关`, ART.regulation19);
  }
  if (state.countersigned[unit] === state.textVersion) throw invalidState('ALREADY_COUNTERSIGNED', '本单位已会签现文稿');
  return [issuanceEvent('issuance.countersigned', { unit, textVersion: state.textVersion })];
}

/** 第五条: 市长出差或出访期间, 可委托负责常务工作的副市长或其他副市长 — for a stated period. */
export function delegateSigning(c: Of<'delegateSigning'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (state.status === 'signed' || state.status === 'issued') throw invalidState('ALREADY_SIGNED', '文件已签发, 无须委托');
  if (!ctx.actor.roles.includes('mayor')) throw forbidden('ONLY_MAYOR_DELEGATES', '只有市长可以委托副市长代为签发', ART.five);
  const delegationId = requireText(c.delegationId, 'delegationId', '委托编号', 100);
  if (state.delegations[delegationId]) throw invalidState('DELEGATION_EXISTS', `委托 ${delegationId} 已存在`);
  const delegateLeaderId = requireText(c.delegateLeaderId, 'delegateLeaderId', '受委托的副市长', 100);
  const role = ctx.deps.directory.leaderRoleOf(delegateLeaderId);
  if (role === undefined) throw invalid('DELEGATE_UNKNOWN', `组织目录中没有市政府领导职务 ${delegateLeaderId}`, ART.five);
  if (role === 'mayor') {
    throw invalid('DELEGATE_NOT_VICE_MAYOR', '第五条: 市长只能委托负责常务工作的副市长或其他副市长, 不能委托市长本人', ART.five);
  }
  const from = requireInstant(c.from, 'from', '委托开始时间');
  const until = requireInstant(c.until, 'until', '委托结束时间');
  if (Date.parse(until) <= Date.parse(from)) throw invalid('DELEGATION_PERIOD_INVALID', '委托结束时间须晚于开始时间');
  if (Date.parse(until) <= ctx.now.getTime()) throw invalid('DELEGATION_PERIOD_PAST', '委托期间已经结束');
  const reason = requireText(c.reason, 'reason', '委托事由 (如出差、出访)', 500);
  return [issuanceEvent('issuance.signing_delegated', { delegationId, delegateLeaderId, from, until, reason })];
}

export function revokeDelegation(c: Of<'revokeDelegation'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (!ctx.actor.roles.includes('mayor')) throw forbidden('ONLY_MAYOR_DELEGATES', '只有市长可以撤销委托', ART.five);
  const d = state.delegations[c.delegationId];
  if (!d) throw invalid('DELEGATION_UNKNOWN', `没有委托 ${String(c.delegationId)}`);
  if (d.revoked) throw invalidState('DELEGATION_REVOKED', '该委托已撤销');
  return [issuanceEvent('issuance.delegation_revoked', { delegationId: d.delegationId })];
}

/** 签发: only the signer the matrix allows; then the gates of law, 核稿 and 会签. */
export function sign(c: Of<'sign'>, state: IssuanceState, ctx: Ctx): IssuanceEvent[] {
  if (state.status === 'signed' || state.status === 'issued') throw invalidState('ALREADY_SIGNED', '文件已签发');
  requireDrafting(state);
  const rule = ruleOf(state);
  const matches = rule.signers.map((slot) => matchSigner(ctx.actor, slot, state, ctx.now)).filter((m) => m !== undefined);
  if (matches.length === 0) {
    if (rule.signers.includes('mayor') && delegationOutsidePeriod(ctx.actor, state) && !activeDelegation(ctx.actor, state, ctx.now)) {
      throw forbidden('DELEGATION_NOT_IN_EFFECT', '市长的委托不在有效期内, 副市长此时不能代为签发', ART.five);
    }
    throw forbidden('SIGNER_NOT_ALLOWED', `${rule.what}由${signersText(rule)}签发; ${notAllowedText(rule, state, ctx)}`, rule.article);
  }
  const slots: SignerSlot[] = matches.flatMap((m) => m.slots).filter((s) => !state.signedSlots.includes(s));
  if (slots.length === 0) throw invalidState('ALREADY_SIGNED_BY_YOU', '您已签发过本文件');

  requireLegalPreconditions(state);
  const missingReviews = rule.reviews.filter((slot) => state.reviews[slot] !== state.textVersion);
  if (missingReviews.length > 0) {
    throw invalidState(
      'REVIEW_MISSING',
      `签发前须经${missingReviews.map((s) => REVIEW_LABELS[s]).join('、')}`,
      rule.article,
    );
  }
  const missingCountersigns = state.draft!.jointIssuers.filter((u) => state.countersigned[u] !== state.textVersion);
  if (missingCountersigns.length > 0) {
    throw invalidState('COUNTERSIGN_MISSING', `联合发文须所有联署机关会签后签发, 尚缺 ${namesOf(ctx.deps.directory, missingCountersigns)}`, ART.regulation19);
  }
  const delegationId = matches.find((m) => m.delegationId)?.delegationId;
  const opinion = c.opinion === undefined ? '同意' : requireText(c.opinion, 'opinion', '签发意见');
  return [
    issuanceEvent('issuance.signed', {
      slots,
      signer: {
        id: ctx.actor.id,
        name: ctx.actor.name,
        role: ctx.actor.roles.join(','),
        ...(ctx.actor.leaderId ? { leaderId: ctx.actor.leaderId } : {}),
      },
      ...(delegationId && slots.includes('mayor') ? { delegationId } : {}),
      signedOn: shanghaiDate(ctx.now.toISOString()),
      opinion,
    }),
  ];
}

function requireLegalPreconditions(state: IssuanceState): void {
  const blockers = signingBlockers(state);
  if (blockers.length > 0) throw refused(blockers[0]!, { blockers });
}
