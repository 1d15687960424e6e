import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The page's files and their content types; served from memory, read once at start-up. */
export const ASSET_TYPES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/**
 * `src/dashboard/assets` is plain HTML/CSS/JS with no build step. Running from source
 * (ts-jest) it sits next to this file; from `dist/src/dashboard` it is found in the source
 * tree the build came from (a deployment copies `src/dashboard/assets` along with `dist`).
 */
export function loadDashboardAssets(dirs = [join(__dirname, 'assets'), join(__dirname, '../../../src/dashboard/assets')]): Map<string, string> {
  const dir = dirs.find((d) => existsSync(join(d, 'index.html')));
  if (!dir) throw new Error(`督查看板页面文件缺失:在 ${dirs.join(' 或 ')} 中找不到 index.html`);
  return new Map(Object.keys(ASSET_TYPES).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
