import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CatalogueEntry } from '../../events/document-catalogue';
import { issuanceCatalogue } from '../../events/issuance-catalogue';
import { issuanceNumberCatalogue } from '../../events/issuance-number-events';
import { proposalCatalogue } from '../../events/proposal-catalogue';
import { all, read, root, rows, section } from '../support/catalogue-doc';

/**
 * The 发文 and 建议/提案 sections of docs/event-catalogue.md against the code, as
 * documents-catalogue-doc.e2e.spec.ts does for 收文: every event type with its catalogue
 * label, version and description, every endpoint, every refusal code the domain can answer with.
 */
const AGGREGATES = [
  {
    noun: '发文',
    catalogue: { ...issuanceCatalogue, ...issuanceNumberCatalogue } as Record<string, CatalogueEntry>,
    sources: [['src', 'issuance', 'domain'], ['src', 'issuance', 'numbering']],
    // Dates are checked by the one shared helper (src/domain/require-date.ts).
    extraCodes: ['DATE_INVALID'],
    controller: ['src', 'issuance', 'http', 'issuance.controller.ts'],
    path: '/issuances',
  },
  {
    noun: '建议/提案',
    catalogue: proposalCatalogue as Record<string, CatalogueEntry>,
    sources: [['src', 'proposals', 'domain']],
    // The 第二十七条 month arithmetic lives with the other deadline rules (src/calendar/deadline-policy.ts).
    extraCodes: ['MONTHS_INVALID', 'DATE_INVALID'],
    controller: ['src', 'proposals', 'http', 'proposals.controller.ts'],
    path: '/proposals',
  },
];

/** Codes a domain source can answer with, the generated field codes of the require* helpers included. */
function refusalCodes(text: string): string[] {
  const field = (name: string) => name.toUpperCase();
  return [
    ...all(text, /(?:invalidState|forbidden|invalid)\(\s*'([A-Z][A-Z0-9_]+)'/g),
    ...all(text, /\bcode:\s*'([A-Z][A-Z0-9_]+)'/g),
    ...all(text, /new DomainError\(\s*'\w+',\s*'([A-Z][A-Z0-9_]+)'/g),
    // requireText(value, 'field', '中文', max?) → FIELD_REQUIRED / FIELD_TOO_LONG
    ...all(text, /requireText\([^;]*?'([A-Za-z]+)',\s*'[^']*\p{Script=Han}/gu).flatMap((f) => [`${field(f)}_REQUIRED`, `${field(f)}_TOO_LONG`]),
    // requireIsoDate / requireInstant / requireOneOf(value, [allowed], 'field', '中文') and uniqueUnits → FIELD_INVALID
    ...all(text, /(?:requireIsoDate|requireInstant|requireOneOf|uniqueUnits)\b[^;]*?'([A-Za-z]+)',\s*'[^']*\p{Script=Han}/gu).map((f) => `${field(f)}_INVALID`),
  ];
}

describe.each(AGGREGATES)('docs/event-catalogue.md: $noun cannot drift from the code', ({ noun, catalogue, sources, extraCodes, controller, path }) => {
  const events = rows(`${noun} events`);
  const types = Object.keys(catalogue);

  it.each(types)('lists %s with its catalogue label, schemaVersion, description and key data fields', (type) => {
    const row = events.find((cells) => cells[0] === `\`${type}\``);
    expect(row).toBeDefined();
    const [, label, version, description, fields, recordedBy] = row!;
    const entry = catalogue[type]!;
    expect({ label, schemaVersion: Number(version), description }).toEqual({ label: entry.label, schemaVersion: entry.schemaVersion, description: entry.description });
    expect(fields).toMatch(/`\w+\??`/);
    expect(recordedBy).toContain(`\`POST ${path}`);
  });

  it('lists no event type the catalogue does not have', () => {
    expect(events.map((cells) => cells[0]!.replace(/`/g, '')).sort()).toEqual([...types].sort());
  });

  it('says which endpoint records each event, for every endpoint of the controller', () => {
    const posts = all(read(...controller), /@Post\('(:id\/[A-Za-z/:-]+)'\)/g).map((p) => `POST ${path}/${p}`);
    expect(posts.length).toBeGreaterThanOrEqual(8);
    const recordedBy = events.map((cells) => cells[5]!).join('\n');
    const missing = [`POST ${path}`, ...posts].filter((endpoint) => !recordedBy.includes(`\`${endpoint}\``));
    expect(missing).toEqual([]);
  });

  it('lists every refusal code the domain can answer with, and no other', () => {
    const codes = new Set(extraCodes);
    for (const dir of sources) {
      for (const file of readdirSync(join(root, ...dir)).filter((f) => f.endsWith('.ts'))) {
        for (const code of refusalCodes(read(...dir, file))) codes.add(code);
      }
    }
    expect(codes.size).toBeGreaterThan(30);
    const refusals = section(`${noun} refusals`);
    expect([...codes].filter((code) => !refusals.includes(`\`${code}\``))).toEqual([]);
    // …and no code in the table's first column that the domain no longer has.
    const listed = rows(`${noun} refusals`).flatMap(([cell]) => all(cell!, /`([A-Z][A-Z0-9_]+)`/g));
    expect(listed.filter((code) => !codes.has(code))).toEqual([]);
  });
});
