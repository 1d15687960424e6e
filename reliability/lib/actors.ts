import { mintToken, type TokenClaims } from '../../src/auth/tokens';
import type { Role } from '../../src/auth/roles';
import { loadDirectory } from '../../src/directory/directory-loader';

/** Fixed secret the harnesses start the server with, so they can mint their own tokens. */
export const SECRET = 'reliability-harness-secret-0123456789abcdef';
export const ISSUER = 'gongwen-duban';
export const AUDIENCE = 'gongwen-duban-api';

export const directory = loadDirectory();

export function token(claims: Partial<TokenClaims> & { unit: string; roles: Role[] }, expiresInSeconds = 12 * 3600, secret = SECRET): string {
  return mintToken(
    { sub: claims.sub ?? `${claims.roles[0]}@${claims.unit}`, name: claims.name ?? '可靠性测试', ...claims },
    { secret, issuer: ISSUER, audience: AUDIENCE, expiresInSeconds },
  );
}

/** Departments used by the workloads, each with its 分管 leader in the default directory. */
export const UNITS = ['natural-resources', 'education', 'industry-it', 'agriculture', 'public-security'] as const;

export interface Actors {
  office: string;
  director: string;
  supervisor: string;
  unit(code: string): string;
  /** Token of the 分管 leader of `unit` (claim `leader` = position). */
  leaderOf(unit: string): string;
}

export function actors(): Actors {
  const cache = new Map<string, string>();
  const memo = (key: string, make: () => string) => cache.get(key) ?? (cache.set(key, make()), cache.get(key)!);
  return {
    office: token({ sub: 'office-clerk', unit: directory.officeCode, roles: ['office_clerk'] }),
    director: token({ sub: 'office-director', unit: directory.officeCode, roles: ['office_director'] }),
    supervisor: token({ sub: 'supervisor', unit: directory.supervisionCode, roles: ['supervisor'] }),
    unit: (code) => memo(`unit:${code}`, () => token({ sub: `clerk-${code}`, unit: code, roles: ['unit_clerk'] })),
    leaderOf: (unit) =>
      memo(`leader:${unit}`, () => {
        const position = directory.portfolioLeaderOf(unit);
        const leader = position ? directory.leader(position) : undefined;
        if (!position || !leader) throw new Error(`no 分管 leader for ${unit}`);
        return token({ sub: `leader-${position}`, unit: directory.organCode, roles: [leader.role], leader: position });
      }),
  };
}
