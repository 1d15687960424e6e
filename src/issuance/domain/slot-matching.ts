import type { Actor } from '../../domain/decider';
import type { IssuanceState } from './issuance-state';
import type { ReviewSlot, SignerSlot } from './signing-matrix';

const has = (actor: Actor, role: string) => actor.roles.includes(role);
const isViceMayor = (actor: Actor) => has(actor, 'vice_mayor') || has(actor, 'executive_vice_mayor');

/**
 * The 分管副市长 of the drafting unit: the leader whose portfolio covers it (the 常务副市长
 * has one too, and the directory may give a unit such as 审计局 to the 市长 himself).
 */
export const isPortfolioViceMayor = (actor: Actor, state: IssuanceState): boolean =>
  (isViceMayor(actor) || has(actor, 'mayor')) && !!actor.leaderId && actor.leaderId === state.draft?.portfolioLeaderId;

/**
 * A delegation (第五条: 市长出差或出访期间, 可委托负责常务工作的副市长或其他副市长) under which
 * this actor may act for the 市长 at `now`: the 副市长 it names, inside its period.
 */
export function activeDelegation(actor: Actor, state: IssuanceState, now: Date): string | undefined {
  if (!isViceMayor(actor) || !actor.leaderId) return undefined;
  const t = now.getTime();
  return Object.values(state.delegations).find(
    (d) => !d.revoked && d.delegateLeaderId === actor.leaderId && Date.parse(d.from) <= t && t <= Date.parse(d.until),
  )?.delegationId;
}

/** A delegation naming this actor exists but `now` is outside it (for a precise refusal). */
export const delegationOutsidePeriod = (actor: Actor, state: IssuanceState): boolean =>
  isViceMayor(actor) &&
  Object.values(state.delegations).some((d) => !d.revoked && d.delegateLeaderId === actor.leaderId);

function isChair(actor: Actor, state: IssuanceState): boolean {
  const meeting = state.draft?.meeting;
  if (!meeting?.chair) return false;
  // 受副市长委托, 办公室副主任主持的专题会议纪要, 报分管副市长审定并签发 (第三十八条).
  if (meeting.onBehalfOfLeaderId) return isViceMayor(actor) && actor.leaderId === meeting.onBehalfOfLeaderId;
  const { role, leaderId } = meeting.chair;
  return has(actor, role) && (leaderId === undefined || actor.leaderId === leaderId);
}

export interface SlotMatch<Slot> {
  slots: Slot[];
  delegationId?: string;
}

export function matchSigner(actor: Actor, slot: SignerSlot, state: IssuanceState, now: Date): SlotMatch<SignerSlot> | undefined {
  switch (slot) {
    case 'mayor': {
      if (has(actor, 'mayor')) return { slots: [slot] };
      const delegationId = activeDelegation(actor, state, now);
      return delegationId ? { slots: [slot], delegationId } : undefined;
    }
    case 'portfolio_vice_mayor':
      return isPortfolioViceMayor(actor, state) ? { slots: [slot] } : undefined;
    case 'office_director':
      return has(actor, 'office_director') ? { slots: [slot] } : undefined;
    case 'meeting_chair':
      return isChair(actor, state) ? { slots: [slot] } : undefined;
    case 'issuing_department':
      return has(actor, 'unit_clerk') && actor.unit === state.draft?.issuer.unit ? { slots: [slot] } : undefined;
  }
}

export function matchReviewer(actor: Actor, slot: ReviewSlot, state: IssuanceState, now: Date): boolean {
  switch (slot) {
    case 'office_director':
      return has(actor, 'office_director');
    case 'portfolio_vice_mayor':
      return isPortfolioViceMayor(actor, state);
    case 'leader_consent':
      return has(actor, 'mayor') || !!activeDelegation(actor, state, now) || isPortfolioViceMayor(actor, state);
    case 'attending_deputy_director': {
      const attending = state.draft?.meeting?.attendingDeputyDirector;
      return has(actor, 'office_deputy_director') && !!attending && (actor.leaderId === attending || actor.id === attending);
    }
  }
}
