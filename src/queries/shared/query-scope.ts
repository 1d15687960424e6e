import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../../domain/decider';

/**
 * Which units' items a reader may see: `units` undefined means all. Every query takes one, and
 * this file is the one place that decides it (the security issue replaces `scopeOf`).
 */
export interface QueryScope {
  units?: readonly string[];
}

export const ALL_UNITS: QueryScope = {};

/** Roles that read across units: the office, leaders, the 督查室 (第三十二条) and auditors. */
const READS_ALL = new Set([
  'office_clerk',
  'office_director',
  'office_deputy_director',
  'mayor',
  'executive_vice_mayor',
  'vice_mayor',
  'supervisor',
  'auditor',
]);

/** Interim policy: unit clerks and 司法局 reviewers see their own unit; everyone else all. */
export function scopeOf(actor: Actor | undefined): QueryScope {
  if (!actor) return { units: [] };
  return actor.roles.some((r) => READS_ALL.has(r)) ? ALL_UNITS : { units: [actor.unit] };
}

export const inScope = (scope: QueryScope, units: readonly string[]): boolean =>
  !scope.units || units.some((u) => scope.units!.includes(u));

/** The caller's read scope, from the verified actor. */
export const ReadScope = createParamDecorator((_: unknown, ctx: ExecutionContext): QueryScope =>
  scopeOf(ctx.switchToHttp().getRequest<{ actor?: Actor }>().actor),
);
