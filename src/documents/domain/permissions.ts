import type { Actor } from '../../domain/decider';
import type { Role } from '../../auth/roles';
import type { Directory } from '../../directory';
import { forbidden } from './document-errors';

const OFFICE_ROLES: readonly Role[] = ['office_clerk', 'office_director', 'office_deputy_director'];
const has = (actor: Actor, roles: readonly Role[]) => actor.roles.some((r) => (roles as readonly string[]).includes(r));

/** Staff of the 市政府办公室 (签收、初审、退文、拟办、分工呈批、交办: 第四十二条). */
export function isOfficeStaff(actor: Actor, directory: Directory): boolean {
  return directory.isOfficeUnit(actor.unit) && has(actor, OFFICE_ROLES);
}

export function requireOffice(actor: Actor, directory: Directory, action: string): void {
  if (!isOfficeStaff(actor, directory)) {
    throw forbidden('OFFICE_ONLY', `只有市政府办公室可以${action}`, '第四十二条');
  }
}

/** 市政府办公室主任、副主任. */
export function isOfficeLeadership(actor: Actor, directory: Directory): boolean {
  return directory.isOfficeUnit(actor.unit) && has(actor, ['office_director', 'office_deputy_director']);
}

/** The actor's leader position, when the token names one the directory knows and the roles match. */
export function leaderPositionOf(actor: Actor, directory: Directory): string | undefined {
  const position = actor.leaderId;
  if (!position) return undefined;
  const leader = directory.leader(position);
  return leader && actor.roles.includes(leader.role) ? position : undefined;
}

/**
 * A unit acts through its 经办人 (unit_clerk). Other people whose token names the same unit —
 * an auditor of the 市审计局, who only reads, or a 市司法局 legality reviewer — do not act for it.
 */
export function requireUnitClerk(actor: Actor, directory: Directory, action: string): void {
  if (!has(actor, ['unit_clerk'])) {
    throw forbidden('UNIT_CLERK_ONLY', `只有${directory.nameOf(actor.unit)}的经办人员可以${action}`);
  }
}

export function requireLeadUnit(actor: Actor, leadUnit: string, directory: Directory, action: string): void {
  if (actor.unit !== leadUnit) {
    throw forbidden('NOT_LEAD_UNIT', `只有主办单位 ${directory.nameOf(leadUnit)} 可以${action}`, '第四十七条');
  }
  requireUnitClerk(actor, directory, action);
}

/** 督查室 (第三十二条), or the office director who runs it. */
export function requireSupervisor(actor: Actor, directory: Directory): void {
  const ok = directory.isOfficeUnit(actor.unit) && has(actor, ['supervisor', 'office_director']);
  if (!ok) throw forbidden('SUPERVISOR_ONLY', '只有市政府办公室督查室可以催办', '第三十二条');
}
