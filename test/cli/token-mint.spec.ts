import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenMint } from '../../src/cli/commands/token-mint';
import { TokenVerifier } from '../../src/auth/tokens';
import { loadDirectory } from '../../src/directory/directory-loader';
import { directoryFileWithUnit } from '../support/directory-file';

const SECRET = 'cli-test-secret-that-is-long-enough-0123456789';

/** `token mint` in-process, against the directory the server would load. */
describe('token mint', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-cli-mint-'));
  let out = '';
  let err = '';
  const mint = async (...args: string[]) => {
    out = '';
    err = '';
    const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
    try {
      return await tokenMint.run(args);
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  };
  const verify = (directoryFile?: string) =>
    new TokenVerifier({ kind: 'secret', secret: SECRET }, 'gongwen-duban', 'gongwen-duban-api', loadDirectory(directoryFile)).verify(out.trim());

  beforeEach(() => {
    process.env.DATA_DIR = dataDir;
    process.env.AUTH_TOKEN_SECRET = SECRET;
    delete process.env.DIRECTORY_FILE;
  });
  afterAll(() => {
    for (const name of ['DATA_DIR', 'AUTH_TOKEN_SECRET', 'DIRECTORY_FILE']) delete process.env[name];
  });

  it('mints a token the server accepts for a unit and leader position of the directory', async () => {
    expect(await mint('--sub', 'vm-1', '--unit', 'zjg-gov', '--roles', 'vice_mayor', '--leader', 'vice-mayor-1')).toBe(0);
    expect(verify()).toMatchObject({ id: 'vm-1', unit: 'zjg-gov', leaderId: 'vice-mayor-1' });
  });

  it('refuses a unit the directory does not know, naming the directory and the known units; prints no token', async () => {
    expect(await mint('--sub', 'x', '--unit', 'nope', '--roles', 'unit_clerk')).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown unit "nope" (config/directory.default.json)');
    expect(err).toContain('finance');
  });

  it('refuses a leader position the directory does not know', async () => {
    expect(await mint('--sub', 'x', '--unit', 'zjg-gov', '--roles', 'vice_mayor', '--leader', 'vice-mayor-9')).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown leader position "vice-mayor-9"');
    expect(err).toContain('vice-mayor-1');
  });

  it('refuses an unknown role', async () => {
    expect(await mint('--sub', 'x', '--unit', 'finance', '--roles', 'king')).toBe(2);
    expect(err).toContain('unknown role "king"');
  });

  it('checks against DIRECTORY_FILE when the server is configured with one', async () => {
    const file = directoryFileWithUnit('new-bureau');
    expect(await mint('--sub', 'x', '--unit', 'new-bureau', '--roles', 'unit_clerk')).toBe(2);
    process.env.DIRECTORY_FILE = file;
    expect(await mint('--sub', 'x', '--unit', 'new-bureau', '--roles', 'unit_clerk')).toBe(0);
    expect(verify(file)).toMatchObject({ unit: 'new-bureau' });
  });
});
