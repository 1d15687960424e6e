import { type CanActivate, type ExecutionContext, HttpException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor } from '../domain/decider';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, TokenVerifier } from './tokens';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; query?: Record<string, unknown>; actor?: Actor }>();
    const token = bearer(request.headers.authorization);
    if (!token) {
      throw new UnauthorizedException({ code: 'TOKEN_MISSING', message: '缺少访问令牌:请在 Authorization 头中提供 Bearer 令牌' });
    }
    try {
      request.actor = this.verifier.verify(token);
      return true;
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new HttpException({ code: error.code, message: error.message }, error.status);
      throw error;
    }
  }
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
