import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalJson } from '../../src/audit/canonical-json';
import type { CheckResult } from './plugins';
import { runCli, type ServerMode } from './server';

/** Rows of every active generation's tables, keyed `projection.table`, order-independent. */
function dump(file: string): Map<string, string> {
  const db = new Database(file, { readonly: true });
  try {
    const out = new Map<string, string>();
    const active = db.prepare('SELECT name, active_generation AS g FROM projection_registry WHERE active_generation IS NOT NULL').all() as { name: string; g: number }[];
    for (const { name, g } of active) {
      const prefix = `rm_${name}_g${g}_`;
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ESCAPE '\\'").all(`${prefix.replace(/_/g, '\\_')}%`) as { name: string }[]).map((t) => t.name);
      for (const t of tables) {
        const rows = (db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => canonicalJson(r)).sort();
        out.set(`${name}.${t.slice(prefix.length)}`, rows.join('\n'));
      }
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * Projections equal a fresh rebuild: copy the (stopped) data dir, run `projections rebuild` on
 * the copy, compare the active generations' rows table by table.
 */
export function compareWithRebuild(mode: ServerMode, dataDir: string): CheckResult {
  const name = 'projections';
  const file = join(dataDir, 'read-models.sqlite');
  if (!existsSync(file)) return { name, status: 'not_run', detail: 'no read-models.sqlite in the data dir' };
  const status = runCli(mode, ['projections', 'status', '--json'], { DATA_DIR: dataDir });
  let projections: { name: string; active?: { lag?: { events: number } } }[] = [];
  try {
    projections = JSON.parse(status.output.slice(status.output.indexOf('{'))).projections ?? [];
  } catch {
    return { name, status: 'not_run', detail: `projections status --json unreadable: ${status.output.slice(0, 200)}` };
  }
  if (projections.length === 0) return { name, status: 'not_run', detail: 'no projections registered yet (projections rebuild exists)' };
  const behind = projections.filter((p) => (p.active?.lag?.events ?? 1) > 0).map((p) => p.name);
  if (behind.length > 0) return { name, status: 'not_run', detail: `not caught up at shutdown, nothing to compare: ${behind.join(', ')}` };
  const copy = mkdtempSync(join(tmpdir(), 'gw-rebuild-'));
  for (const f of readdirSync(dataDir)) if (/^(events|read-models)\.sqlite(-wal|-shm)?$/.test(f)) copyFileSync(join(dataDir, f), join(copy, f));
  const rebuild = runCli(mode, ['projections', 'rebuild'], { DATA_DIR: copy }, 300_000);
  if (rebuild.status !== 0) return { name, status: 'failed', detail: `projections rebuild exit ${rebuild.status}: ${rebuild.output.slice(-300)}` };
  const [live, fresh] = [dump(file), dump(join(copy, 'read-models.sqlite'))];
  const differ = [...new Set([...live.keys(), ...fresh.keys()])].filter((k) => live.get(k) !== fresh.get(k));
  return differ.length === 0
    ? { name, status: 'passed', detail: `${live.size} tables of ${projections.length} projections equal a fresh rebuild` }
    : { name, status: 'failed', detail: `differ from a fresh rebuild: ${differ.join(', ')}` };
}
