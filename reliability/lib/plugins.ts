import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithRebuild } from './read-model-compare';
import { cliUsage, runCli, type ServerMode } from './server';

export interface CheckResult {
  name: string;
  status: 'passed' | 'failed' | 'not_run';
  detail: string;
}

/**
 * Checks owned by other modules, run when they exist: `audit verify` (hash chains) and
 * `projections verify` — or, failing that, `projections rebuild` on a copy compared table by
 * table (read models equal a fresh rebuild). Otherwise say plainly why not.
 */
export function externalChecks(mode: ServerMode, dataDir: string): CheckResult[] {
  const usage = cliUsage(mode);
  const has = (words: string) => new RegExp(`^\\s*${words.replace(' ', '\\s+')}\\b`, 'm').test(usage);
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const run = (name: string, args: string[]): CheckResult => {
    const r = runCli(mode, args, env);
    return { name, status: r.status === 0 ? 'passed' : 'failed', detail: `exit ${r.status}: ${r.output.split('\n').slice(-5).join(' | ')}` };
  };
  const results: CheckResult[] = [];
  results.push(
    has('audit verify')
      ? run('audit_cli', ['audit', 'verify'])
      : { name: 'audit_cli', status: 'not_run', detail: 'no `audit verify` CLI command yet; hash chains recomputed here with eventHash instead' },
  );
  if (has('projections verify')) results.push(run('projections', ['projections', 'verify']));
  else if (has('projections rebuild') && has('projections status')) results.push(compareWithRebuild(mode, dataDir));
  else {
    const readModels = existsSync(join(dataDir, 'read-models.sqlite'));
    results.push({
      name: 'projections',
      status: 'not_run',
      detail: `no \`projections verify\` CLI command yet (rebuild-and-compare lives with the projections module); read-models.sqlite ${readModels ? 'present' : 'absent'}`,
    });
  }
  return results;
}
