import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_EVENT_TYPES, catalogue } from '../../events/document-catalogue';
import { all, doc, read, root, rows } from '../support/catalogue-doc';

/**
 * docs/event-catalogue.md is written for people; this spec keeps it honest. It fails when an
 * event type, label, schema version or description in events/document-catalogue.ts, a refusal
 * or 退文 code in src/documents/domain/, or an endpoint of the documents controller is missing
 * from the page (or the page lists an event type that no longer exists).
 */
describe('docs/event-catalogue.md cannot drift from the code', () => {
  const events = rows('Events');

  it.each(DOCUMENT_EVENT_TYPES)('lists %s with its catalogue label, schemaVersion and description', (type) => {
    const row = events.find((cells) => cells[0] === `\`${type}\``);
    expect(row).toBeDefined();
    const [, label, version, description, fields] = row!;
    expect({ label, schemaVersion: Number(version), description }).toEqual({
      label: catalogue[type].label,
      schemaVersion: catalogue[type].schemaVersion,
      description: catalogue[type].description,
    });
    expect(fields).toMatch(/`\w+\??`/);
  });

  it('lists no event type the catalogue does not have', () => {
    const listed = events.map((cells) => cells[0]!.replace(/`/g, ''));
    expect(listed.sort()).toEqual([...DOCUMENT_EVENT_TYPES].sort());
  });

  it('lists every refusal code the documents domain and the deadline policy can answer with', () => {
    const domainDir = join(root, 'src', 'documents', 'domain');
    const codes = new Set<string>();
    for (const file of readdirSync(domainDir).filter((f) => f.endsWith('.ts'))) {
      const text = read('src', 'documents', 'domain', file);
      for (const pattern of [
        /(?:invalidState|forbidden|invalidInput)\(\s*'([A-Z][A-Z0-9_]+)'/g,
        /requireText\([^,]+,\s*'([A-Z][A-Z0-9_]+)'/g,
        /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g,
        /new DomainError\(\s*'\w+',\s*'([A-Z][A-Z0-9_]+)'/g,
      ]) {
        for (const code of all(text, pattern)) codes.add(code);
      }
    }
    // MONTHS_INVALID belongs to the 第二十七条 proposal deadlines, not to documents.
    for (const code of all(read('src', 'calendar', 'deadline-policy.ts'), /invalid\(\s*'([A-Z][A-Z0-9_]+)'/g)) {
      if (code !== 'MONTHS_INVALID') codes.add(code);
    }
    expect(codes.size).toBeGreaterThan(60);
    const missing = [...codes].filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('lists every automatic 退文 reason with its article', () => {
    const source = read('src', 'documents', 'domain', 'submission-rules.ts');
    const articles = Object.fromEntries([...source.matchAll(/const (ART\d+) = '(第[^']+条)'/g)].map((m) => [m[1]!, m[2]!]));
    const reasons = [...source.matchAll(/reason\(\s*(ART\d+),\s*'([A-Z][A-Z0-9_]+)'/g)].map((m) => [articles[m[1]!], m[2]!]);
    expect(reasons.length).toBeGreaterThanOrEqual(11);
    const table = rows('退文 reasons (recorded, not refused)').map(([article, code]) => [article, code!.replace(/`/g, '')]);
    for (const [article, code] of reasons) expect(table).toContainEqual([article, code]);
  });

  it('lists every endpoint of the documents controller', () => {
    const controller = read('src', 'documents', 'http', 'documents.controller.ts');
    const paths = all(controller, /@Post\('(:id\/[a-z-]+)'\)/g).map((p) => `POST /documents/${p}`);
    expect(paths.length).toBeGreaterThanOrEqual(21);
    const listed = rows('Commands and the events they record').map(([endpoint]) => endpoint!.replace(/`/g, ''));
    expect(listed).toEqual(expect.arrayContaining(['POST /documents', ...paths]));
  });
});
