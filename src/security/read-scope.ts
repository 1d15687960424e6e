import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import { holdsRole } from './principals';
import type { ReadSubject } from './read-subjects';

/**
 * What an actor may read — the one read policy every read endpoint, export and SSE stream
 * applies (issue 5 §2). `all`: the office, the 督查室 (第三十二条), auditors and the 市长
 * (第五条). Otherwise a row is visible when it concerns one of `units`, when one of
 * `portfolioUnits` submitted or leads it, when it was routed to one of `leaders`, or when its
 * aggregate is in `aggregates` (the 市司法局 reviews every 发文 draft, 第二十、四十五条).
 */
export type ReadScope =
  | { all: true }
  | { all: false; units: string[]; portfolioUnits: string[]; leaders: string[]; aggregates: string[] };

export const NOTHING: ReadScope = { all: false, units: [], portfolioUnits: [], leaders: [], aggregates: [] };

export function readScopeFor(actor: Actor, directory: Directory): ReadScope {
  const holds = (...roles: Parameters<typeof holdsRole>[1][]) => roles.some((r) => holdsRole(actor, r, directory));
  if (holds('auditor', 'supervisor', 'office_clerk', 'office_director', 'office_deputy_director', 'mayor')) return { all: true };
  const units: string[] = [];
  const portfolioUnits: string[] = [];
  const leaders: string[] = [];
  const aggregates: string[] = [];
  if (holds('unit_clerk')) units.push(actor.unit);
  if (holds('executive_vice_mayor', 'vice_mayor')) {
    const position = actor.leaderId!;
    leaders.push(position);
    // Sections and subordinate bodies follow their parent's 分管 leader.
    portfolioUnits.push(...directory.units().map((u) => u.code).filter((code) => directory.portfolioLeaderOf(code) === position));
  }
  if (holds('legal_reviewer')) {
    aggregates.push('issuance');
    units.push(actor.unit);
  }
  return { all: false, units, portfolioUnits, leaders, aggregates };
}

const meets = (a: readonly string[], b: readonly string[]) => a.some((x) => b.includes(x));

export function canRead(scope: ReadScope, subject: ReadSubject): boolean {
  if (scope.all) return true;
  return (
    scope.aggregates.includes(subject.aggregate) ||
    meets(scope.units, subject.units) ||
    meets(scope.portfolioUnits, subject.portfolioUnits) ||
    meets(scope.leaders, subject.leaders)
  );
}

/**
 * The scope as the query layer filters rows today (by unit; undefined: every unit): the
 * units the reader has a part in plus, for a leader, the units of the portfolio.
 */
export function toUnitScope(scope: ReadScope): { units?: readonly string[] } {
  return scope.all ? {} : { units: [...new Set([...scope.units, ...scope.portfolioUnits])] };
}
