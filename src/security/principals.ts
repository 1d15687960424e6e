import type { Role } from '../auth/roles';
import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import { leaderPositionOf } from '../documents/domain/permissions';

const OFFICE_ROLES: readonly Role[] = ['office_clerk', 'office_director', 'office_deputy_director', 'supervisor'];
const LEADER_ROLES: readonly Role[] = ['mayor', 'executive_vice_mayor', 'vice_mayor'];

/**
 * A role counts only together with the unit it belongs to, so a token claiming a role
 * somewhere else grants nothing: office roles (and the 督查室) inside the 市政府办公室,
 * leader roles with a directory position of that role, the legality reviewer in the
 * 市司法局 (第二十、四十五条), a unit clerk in a unit that submits and handles matters.
 * Auditors read everywhere and write nothing, wherever they sit.
 */
export function holdsRole(actor: Actor, role: Role, directory: Directory): boolean {
  if (!actor.roles.includes(role)) return false;
  if (OFFICE_ROLES.includes(role)) return directory.isOfficeUnit(actor.unit);
  if (LEADER_ROLES.includes(role)) {
    const position = leaderPositionOf(actor, directory);
    return position !== undefined && directory.leader(position)?.role === role;
  }
  if (role === 'legal_reviewer') return actor.unit === directory.legalAffairsCode;
  if (role === 'unit_clerk') return directory.isSubmittingUnit(actor.unit);
  return true;
}

/** The actor's leader position, when the token's claim matches the directory. */
export const leaderPosition = (actor: Actor, directory: Directory): string | undefined => leaderPositionOf(actor, directory);
