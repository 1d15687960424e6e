import { JwtService } from '@nestjs/jwt';
import { createPublicKey, createSecretKey } from 'node:crypto';
import type { Actor } from '../domain/decider';
import type { AuthKeys } from './auth-keys';
import { LruMap } from '../common/lru-map';
import type { Directory } from '../directory';
import { principalProblems } from './known-principal';
import { isRole, type Role } from './roles';

/** Claims of a 公文督办 access token. */
export interface TokenClaims {
  sub: string;
  name: string;
  unit: string;
  roles: Role[];
  /** Leader position from the directory, for leaders (e.g. 'vice-mayor-2'). */
  leader?: string;
}

export class InvalidTokenError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 401: no usable token. 403: a genuine token for a unit or position this server does not know. */
    readonly status: 401 | 403 = 401,
  ) {
    super(message);
  }
}

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA'] as const;

/**
 * Verifies tokens with pinned algorithms, issuer, audience and a mandatory expiry, and that
 * they name a unit (and leader position) of the directory, whoever issued them.
 */
export class TokenVerifier {
  private readonly jwt: JwtService;
  /**
   * Tokens that verified, until their expiry: the same string verifies the same way (the keys
   * are fixed for the process), and a client sends one token with every request.
   */
  private readonly verified = new LruMap<string, { actor: Actor; expiresAtMs: number }>(10_000);
  constructor(
    private readonly keys: AuthKeys,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly directory: Directory,
  ) {
    // Key objects built once: given a string, jsonwebtoken first tries to parse it as a PEM
    // public key on every verify (and throws), which cost ~40% of a command's CPU.
    const key = keys.kind === 'secret' ? createSecretKey(Buffer.from(keys.secret)) : createPublicKey(keys.publicKey);
    this.jwt = new JwtService((keys.kind === 'secret' ? { secret: key } : { publicKey: key }) as never);
  }

  verify(token: string): Actor {
    const known = this.verified.get(token);
    // jsonwebtoken's own test: expired once floor(now / 1000) >= exp.
    if (known && Date.now() < known.expiresAtMs) return known.actor;
    let payload: Record<string, unknown>;
    try {
      payload = this.jwt.verify(token, {
        algorithms: this.keys.kind === 'secret' ? ['HS256'] : [...ASYMMETRIC],
        issuer: this.issuer,
        audience: this.audience,
      } as never);
    } catch (error) {
      throw explain(error);
    }
    // Frozen: every request bearing this token shares it.
    const actor = Object.freeze(actorFrom(payload));
    const [problem] = principalProblems(this.directory, actor.unit, actor.leaderId);
    if (problem) throw new InvalidTokenError(problem.code, problem.message, 403);
    Object.freeze(actor.roles);
    this.verified.set(token, { actor, expiresAtMs: Math.ceil(payload.exp as number) * 1000 });
    return actor;
  }
}

export function mintToken(
  claims: TokenClaims,
  options: { secret: string; issuer: string; audience: string; expiresInSeconds: number },
): string {
  return new JwtService({ secret: options.secret }).sign(
    { name: claims.name, unit: claims.unit, roles: claims.roles, ...(claims.leader ? { leader: claims.leader } : {}) },
    {
      algorithm: 'HS256',
      subject: claims.sub,
      issuer: options.issuer,
      audience: options.audience,
      expiresIn: options.expiresInSeconds,
    },
  );
}

function actorFrom(payload: Record<string, unknown>): Actor {
  const { sub, name, unit, roles, leader, exp } = payload;
  if (typeof exp !== 'number') throw new InvalidTokenError('TOKEN_NO_EXPIRY', '访问令牌缺少有效期(exp),请重新签发');
  if (typeof sub !== 'string' || !sub) throw new InvalidTokenError('TOKEN_CLAIMS_INVALID', '访问令牌缺少用户标识(sub)');
  if (typeof unit !== 'string' || !unit) throw new InvalidTokenError('TOKEN_CLAIMS_INVALID', '访问令牌缺少所属单位(unit)');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
    throw new InvalidTokenError('TOKEN_CLAIMS_INVALID', '访问令牌的角色(roles)缺失或不被识别');
  }
  return {
    id: sub,
    name: typeof name === 'string' && name ? name : sub,
    unit,
    roles: roles as Role[],
    ...(typeof leader === 'string' && leader ? { leaderId: leader } : {}),
  };
}

function explain(error: unknown): InvalidTokenError {
  const name = (error as { name?: string }).name;
  const message = (error as { message?: string }).message ?? '';
  if (name === 'TokenExpiredError') return new InvalidTokenError('TOKEN_EXPIRED', '访问令牌已过期,请重新登录');
  if (message.includes('issuer')) return new InvalidTokenError('TOKEN_WRONG_ISSUER', '访问令牌的签发者不受信任');
  if (message.includes('audience')) return new InvalidTokenError('TOKEN_WRONG_AUDIENCE', '访问令牌不是签发给本系统的');
  if (name === 'NotBeforeError') return new InvalidTokenError('TOKEN_NOT_YET_VALID', '访问令牌尚未生效');
  return new InvalidTokenError('TOKEN_INVALID', '访问令牌无效(格式或签名错误)');
}
