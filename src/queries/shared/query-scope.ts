import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { toUnitScope, type ReadScope as SecurityReadScope } from '../../security/read-scope';

/**
 * Which units' items a reader may see: `units` undefined means all. Lists and exports take one;
 * by-id reads (history, state, events) are decided before the handler by the ReadScopeGuard.
 */
export interface QueryScope {
  units?: readonly string[];
}

export const ALL_UNITS: QueryScope = {};

export const inScope = (scope: QueryScope, units: readonly string[]): boolean =>
  !scope.units || units.some((u) => scope.units!.includes(u));

/**
 * The caller's read scope for lists and exports: the security read-scope policy
 * (src/security/read-scope.ts), which the global ReadScopeGuard put on the request.
 * No scope on the request (no verified actor) sees nothing.
 */
export const ReadScope = createParamDecorator((_: unknown, ctx: ExecutionContext): QueryScope => {
  const scope = ctx.switchToHttp().getRequest<{ readScope?: SecurityReadScope }>().readScope;
  return scope ? toUnitScope(scope) : { units: [] };
});
