import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A DIRECTORY_FILE like the default directory with one more department (分管 by the last
 * leader, so it validates): a unit only a server started with this file knows.
 */
export function directoryFileWithUnit(code: string): string {
  const data = JSON.parse(readFileSync(join(__dirname, '..', '..', 'config', 'directory.default.json'), 'utf8'));
  data.units.push({ code, name: '张家港市测试新设局', kind: 'department' });
  data.leaders[data.leaders.length - 1].portfolio.push(code);
  const file = join(mkdtempSync(join(tmpdir(), 'gw-directory-')), 'directory.json');
  writeFileSync(file, JSON.stringify(data));
  return file;
}
