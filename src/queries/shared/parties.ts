import type { Directory } from '../../directory';
import { ROLE_PARTIES } from '../../../projections/obligation-vocabulary';

export interface PartyView {
  /** A unit code or leader position, when the party is one. */
  code: string | null;
  name: string;
}

/** Units whose 分管领导 is `position` (sections and subordinate bodies included). */
export function portfolioUnits(directory: Directory, position: string): string[] {
  return directory.units().filter((u) => directory.portfolioLeaderOf(u.code) === position).map((u) => u.code);
}

/** A stored party token (projections/obligation-vocabulary.ts) as a name, for the row's unit. */
export function resolveParty(directory: Directory, token: string, unit: string): PartyView {
  if (token.startsWith('unit:') || token.startsWith('leader:')) {
    const code = token.slice(token.indexOf(':') + 1);
    return { code, name: directory.nameOf(code) };
  }
  switch (token) {
    case 'portfolio-leader': {
      const leader = directory.portfolioLeaderOf(unit);
      return leader ? { code: leader, name: directory.nameOf(leader) } : { code: null, name: ROLE_PARTIES['portfolio-leader'] };
    }
    case 'mayor': {
      const mayor = directory.mayorPosition();
      return { code: mayor, name: directory.nameOf(mayor) };
    }
    case 'office':
      return { code: directory.officeCode, name: directory.nameOf(directory.officeCode) };
    case 'legal-affairs':
      return { code: directory.legalAffairsCode, name: directory.nameOf(directory.legalAffairsCode) };
    default:
      return { code: null, name: (ROLE_PARTIES as Record<string, string>)[token] ?? token };
  }
}

/**
 * The SQL condition "owed by `code`" (a unit code or a leader position), over the stored
 * tokens: explicit ones, and role tokens that resolve to it for the row's unit.
 */
export function owedByCondition(directory: Directory, code: string): { sql: string; params: string[] } {
  const tokens = [`unit:${code}`, `leader:${code}`];
  if (code === directory.officeCode) tokens.push('office', 'office-director', 'office-deputy-director', 'office-leadership', 'approver');
  if (code === directory.legalAffairsCode) tokens.push('legal-affairs');
  if (directory.isLeaderPosition(code) && code === directory.mayorPosition()) tokens.push('mayor');
  const parts = [`owed_by IN (${tokens.map(() => '?').join(', ')})`];
  const params = [...tokens];
  if (directory.isLeaderPosition(code)) {
    const units = portfolioUnits(directory, code);
    if (units.length > 0) {
      parts.push(`(owed_by IN ('portfolio-leader', 'approver') AND unit IN (${units.map(() => '?').join(', ')}))`);
      params.push(...units);
    }
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}
