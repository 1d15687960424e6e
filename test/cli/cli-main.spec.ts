import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unknownFlags } from '../../src/cli/cli-command';
import { COMMANDS } from '../../src/cli/commands';

/** `gongwen …` as a shell runs it: exit codes and usage errors (2) before any work is done. */
describe('CLI entry point', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-cli-main-'));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['-r', join(__dirname, '..', 'support', 'ts-require-hook.js'), join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('no command prints the usage and exits 2; help exits 0', () => {
    const none = cli();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('用法 usage');
    expect(cli('help').status).toBe(0);
  }, 60_000);

  it('an unknown flag is refused with exit 2 naming it and the usage, before the command runs', () => {
    const run = cli('audit', 'seal', '--bogus');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('未知选项 unknown option --bogus');
    expect(run.stderr).toContain('usage: gongwen audit seal [--json]');
    expect(run.stdout).toBe('');
  }, 60_000);

  it.each(COMMANDS.map((c) => [c.words.join(' '), c] as const))('%s: every flag of its usage is known, --bogus is not', (_, command) => {
    const flags = command.usage.match(/--[a-z][a-z-]*/g) ?? [];
    expect(unknownFlags(command, flags.flatMap((f) => [f, 'x']))).toEqual([]);
    expect(unknownFlags(command, ['--bogus', '--json=1'])).toEqual(command.usage.includes('--json') ? ['--bogus'] : ['--bogus', '--json']);
  });
});
