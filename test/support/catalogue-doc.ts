import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** docs/event-catalogue.md and the sources it describes, for the specs that keep it honest. */
export const root = join(__dirname, '..', '..');
export const doc = readFileSync(join(root, 'docs', 'event-catalogue.md'), 'utf8');
export const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

/** The text of one `## heading` section. */
export function section(heading: string): string {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/event-catalogue.md has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

/** Table rows of one `## heading` section, split into trimmed cells. */
export function rows(heading: string): string[][] {
  return section(heading)
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1) // the header row
    .map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
}

export const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
