import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/app-config';
import { checkConfiguredFiles } from '../../src/config/configured-files';

/** README: a bad value stops the server at start-up with a message naming the variable (exit 78). */
describe('files named by the configuration are checked at start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-config-files-'));
  const notJson = join(dir, 'not.json');
  writeFileSync(notJson, '{ not json');
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      checkConfiguredFiles(loadConfig({ DATA_DIR: dir, ...env }));
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).problems;
    }
  };

  it.each([
    ['DIRECTORY_FILE', '/nonexistent.json', '无法读取文件'],
    ['DIRECTORY_FILE', notJson, '不是合法的 JSON'],
    ['CALENDAR_OVERRIDE_FILE', '/nonexistent.json', '无法读取'],
    ['CALENDAR_OVERRIDE_FILE', notJson, '不是合法的 JSON'],
    ['AUTH_PUBLIC_KEY', '/nonexistent.pem', '无法读取公钥文件'],
    ['AUTH_PUBLIC_KEY', notJson, '不是可用的 PEM 公钥'],
    ['SEAL_KEY_FILE', '/nonexistent.pem', '无法读取审计封印密钥'],
    ['SEAL_KEY_FILE', notJson, '无法读取审计封印密钥'],
    ['SEAL_PUBLIC_KEY', '/nonexistent.pem', '无法读取审计封印密钥'],
  ])('%s=%s is a configuration error naming the variable and the problem', (variable, file, problem) => {
    const problems = problemsOf({ [variable]: file });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
    expect(problems[0]).toContain(problem);
    expect(problems[0]).toContain(file);
  });

  it('a seal key file that loads is no problem', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = join(dir, 'seal.pem');
    writeFileSync(pem, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(problemsOf({ SEAL_KEY_FILE: pem })).toEqual([]);
  });

  it('no files configured, nothing to check', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('the server exits 78 with the message and no stack trace', () => {
    const hook = join(__dirname, '..', 'support', 'ts-require-hook.js');
    const main = join(__dirname, '..', '..', 'src', 'main.ts');
    const run = spawnSync(process.execPath, ['-r', hook, main], {
      env: { ...process.env, DATA_DIR: dir, PORT: '0', DIRECTORY_FILE: '/nonexistent.json', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('DIRECTORY_FILE: 组织机构目录 /nonexistent.json 无效');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  }, 60_000);
});
