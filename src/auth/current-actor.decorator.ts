import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '../domain/decider';

/** The actor verified by the auth guard; never taken from the request body. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ actor: Actor }>().actor;
});
