import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { resolveAuthKeys } from '../../src/auth/auth-keys';
import { mintToken, TokenVerifier } from '../../src/auth/tokens';
import { loadDirectory } from '../../src/directory/directory-loader';

const secret = 's'.repeat(40);
const directory = loadDirectory();
const verifier = new TokenVerifier({ kind: 'secret', secret }, 'gongwen-duban', 'gongwen-duban-api', directory);
const mint = (overrides: Partial<{ issuer: string; audience: string; expiresInSeconds: number; secret: string; unit: string; leader: string }> = {}) =>
  mintToken(
    { sub: 'u-7', name: '李办', unit: overrides.unit ?? 'development-reform', roles: ['unit_clerk'], leader: overrides.leader },
    { secret, issuer: 'gongwen-duban', audience: 'gongwen-duban-api', expiresInSeconds: 600, ...overrides },
  );

describe('access tokens', () => {
  it('a minted token verifies into the actor', () => {
    expect(verifier.verify(mint())).toEqual({ id: 'u-7', name: '李办', unit: 'development-reform', roles: ['unit_clerk'] });
  });

  it.each([
    ['expired', () => mint({ expiresInSeconds: -10 }), 'TOKEN_EXPIRED'],
    ['wrong issuer', () => mint({ issuer: 'evil' }), 'TOKEN_WRONG_ISSUER'],
    ['wrong audience', () => mint({ audience: 'other' }), 'TOKEN_WRONG_AUDIENCE'],
    ['wrong signature', () => mint({ secret: 'x'.repeat(40) }), 'TOKEN_INVALID'],
    ['malformed', () => 'not.a.jwt', 'TOKEN_INVALID'],
    ['alg none', () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`, 'TOKEN_INVALID'],
  ])('refuses a %s token', (_, token, code) => {
    expect(() => verifier.verify(token())).toThrow(expect.objectContaining({ code }));
  });

  it('keeps refusing a token once it expires, though it verified before', () => {
    const token = mint({ expiresInSeconds: 60 });
    const exp = (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp;
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(exp * 1000 - 1);
      expect(verifier.verify(token)).toMatchObject({ id: 'u-7' });
      expect(verifier.verify(token)).toMatchObject({ id: 'u-7' });
      now.mockReturnValue(exp * 1000);
      expect(() => verifier.verify(token)).toThrow(expect.objectContaining({ code: 'TOKEN_EXPIRED' }));
    } finally {
      now.mockRestore();
    }
  });

  it('a verified token does not vouch for the same claims with another signature', () => {
    const token = mint();
    verifier.verify(token);
    const forged = `${token.slice(0, token.lastIndexOf('.'))}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect(() => verifier.verify(forged)).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  it('refuses (403) a genuine token for a unit or leader position the directory does not know', () => {
    expect(() => verifier.verify(mint({ unit: 'nope' }))).toThrow(expect.objectContaining({ code: 'TOKEN_UNKNOWN_UNIT', status: 403, message: expect.stringContaining('nope') }));
    expect(() => verifier.verify(mint({ unit: 'zjg-gov', leader: 'vice-mayor-9' }))).toThrow(expect.objectContaining({ code: 'TOKEN_UNKNOWN_LEADER', status: 403 }));
    expect(verifier.verify(mint({ unit: 'zjg-gov', leader: 'vice-mayor-1' }))).toMatchObject({ unit: 'zjg-gov', leaderId: 'vice-mayor-1' });
  });

  it('refuses a token without expiry or with unknown roles', () => {
    const jwt = new JwtService({ secret });
    const base = { issuer: 'gongwen-duban', audience: 'gongwen-duban-api', subject: 'u' };
    expect(() => verifier.verify(jwt.sign({ unit: 'a', roles: ['unit_clerk'] }, base))).toThrow(expect.objectContaining({ code: 'TOKEN_NO_EXPIRY' }));
    expect(() => verifier.verify(jwt.sign({ unit: 'a', roles: ['king'] }, { ...base, expiresIn: 60 }))).toThrow(
      expect.objectContaining({ code: 'TOKEN_CLAIMS_INVALID' }),
    );
  });

  it('verifies tokens of an external issuer with its public key (RS256)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const external = new TokenVerifier({ kind: 'public-key', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }, 'https://sso', 'gw', directory);
    const sign = (unit: string) =>
      new JwtService({ privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }).sign(
        { unit, roles: ['supervisor'] },
        { algorithm: 'RS256', issuer: 'https://sso', audience: 'gw', subject: 'dc-1', expiresIn: 60 },
      );
    expect(external.verify(sign('zjg-gov-office-supervision'))).toMatchObject({ id: 'dc-1', roles: ['supervisor'] });
    // The external issuer's tokens meet the same directory.
    expect(() => external.verify(sign('zjg-dcs'))).toThrow(expect.objectContaining({ code: 'TOKEN_UNKNOWN_UNIT' }));
    // An HS256 token signed with the public key text must not pass (algorithm confusion).
    expect(() => external.verify(mint())).toThrow(expect.objectContaining({ code: 'TOKEN_INVALID' }));
  });

  it('generates a private secret file once when none is configured', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-auth-'));
    const config = { dataDir, auth: { issuer: 'i', audience: 'a' } };
    const first = resolveAuthKeys(config);
    const second = resolveAuthKeys(config);
    expect(first).toEqual(second);
    expect(first.kind === 'secret' && first.secret.length).toBeGreaterThanOrEqual(48);
    const file = join(dataDir, 'auth-secret');
    expect(readFileSync(file, 'utf8')).toBe(first.kind === 'secret' ? first.secret : '');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
