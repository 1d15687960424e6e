import { resolveAuthKeys } from '../../auth/auth-keys';
import { principalProblems } from '../../auth/known-principal';
import { isRole, ROLES, type Role } from '../../auth/roles';
import { mintToken } from '../../auth/tokens';
import { loadConfig } from '../../config/app-config';
import { DEFAULT_DIRECTORY_SOURCE, loadDirectory } from '../../directory/directory-loader';
import { type CliCommand, parseOptions } from '../cli-command';

const DURATION = /^(\d+)([smhd])$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/**
 * Mints a local token signed with the same secret the server uses (same DATA_DIR/env), only
 * for a unit and leader position of the directory that server loads (DIRECTORY_FILE or the
 * default): it refuses any other token.
 */
export const tokenMint: CliCommand = {
  words: ['token', 'mint'],
  usage: 'token mint --sub ID --unit CODE --roles R1,R2 [--name 名字] [--leader POS] [--expires 12h]',
  summary: '签发本地访问令牌 mint a local access token',
  async run(args) {
    const { options } = parseOptions(args);
    const str = (k: string) => (typeof options[k] === 'string' ? (options[k] as string) : undefined);
    const sub = str('sub');
    const unit = str('unit');
    const roles = (str('roles') ?? '').split(',').filter(Boolean);
    const expires = DURATION.exec(str('expires') ?? '12h');
    const problems = [
      !sub && '--sub 必填 (user id)',
      !unit && '--unit 必填 (unit code from the directory)',
      roles.length === 0 && `--roles 必填, one or more of: ${ROLES.join(', ')}`,
      ...roles.filter((r) => !isRole(r)).map((r) => `unknown role "${r}"; known: ${ROLES.join(', ')}`),
      !expires && '--expires like 30m, 12h, 7d',
    ].filter(Boolean);
    if (problems.length > 0) {
      process.stderr.write(`${problems.join('\n')}\nusage: ${this.usage}\n`);
      return 2;
    }
    const config = loadConfig();
    const directory = loadDirectory(config.directoryFile);
    const leader = str('leader');
    // The server would refuse such a token (403), so none is minted.
    const source = config.directoryFile ?? DEFAULT_DIRECTORY_SOURCE;
    const unknown = principalProblems(directory, unit!, leader).map(({ code }) =>
      code === 'TOKEN_UNKNOWN_UNIT'
        ? `单位不在组织目录中 unknown unit "${unit}" (${source}); known: ${directory.units().map((u) => u.code).join(', ')}`
        : `领导职位不在组织目录中 unknown leader position "${leader}" (${source}); known: ${directory.leaderPositions().join(', ')}`,
    );
    if (unknown.length > 0) {
      process.stderr.write(`${unknown.join('\n')}\n`);
      return 2;
    }
    const keys = resolveAuthKeys(config);
    if (keys.kind !== 'secret') {
      process.stderr.write('AUTH_PUBLIC_KEY is set: tokens come from the external issuer, not from this CLI.\n');
      return 2;
    }
    const token = mintToken(
      { sub: sub!, name: str('name') ?? sub!, unit: unit!, roles: roles as Role[], leader },
      {
        secret: keys.secret,
        issuer: config.auth.issuer,
        audience: config.auth.audience,
        expiresInSeconds: Number(expires![1]) * SECONDS[expires![2] as keyof typeof SECONDS],
      },
    );
    process.stdout.write(`${token}\n`);
    return 0;
  },
};
