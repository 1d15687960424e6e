import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store';
import { DocumentNumberSequence } from '../../src/issuance/numbering/document-number-sequence';
import { formatDocumentNumber, parseDocumentNumber } from '../../src/issuance/numbering/document-number';
import type { Actor } from '../../src/domain/decider';
import { eventHash, GENESIS_HASH } from '../../src/audit/hash-chain';

const clerk: Actor = { id: 'u-office', name: '文电科', unit: 'zjg-gov-office', roles: ['office_clerk'] };
const now = new Date('2026-03-02T02:00:00Z');

describe('发文字号 sequence (no gap, no duplicate per 机关代字 and year)', () => {
  let store: SqliteEventStore;
  let sequence: DocumentNumberSequence;
  beforeEach(() => {
    store = new SqliteEventStore({ file: ':memory:' });
    sequence = new DocumentNumberSequence(store);
  });
  afterEach(() => store.close());

  const reserve = (documentId: string, code = '张政发', year = 2026) =>
    sequence.reserve({ code, year, documentId, actor: clerk, now });

  it('formats and parses the official form 张政发〔2026〕21号', () => {
    expect(formatDocumentNumber({ code: '张政发', year: 2026, sequence: 21 })).toBe('张政发〔2026〕21号');
    expect(parseDocumentNumber('张政办发〔2026〕3号')).toEqual({ code: '张政办发', year: 2026, sequence: 3 });
    expect(parseDocumentNumber('张政发〔2026〕021号')).toBeUndefined(); // 不编虚位
  });

  it('numbers from 1 per code and year; a retry for the same document reuses its number', async () => {
    expect((await reserve('issuance-a')).documentNumber).toBe('张政发〔2026〕1号');
    expect((await reserve('issuance-b')).documentNumber).toBe('张政发〔2026〕2号');
    expect((await reserve('issuance-c', '张政办发')).documentNumber).toBe('张政办发〔2026〕1号');
    expect((await reserve('issuance-d', '张政发', 2027)).documentNumber).toBe('张政发〔2027〕1号');
    expect((await reserve('issuance-a')).documentNumber).toBe('张政发〔2026〕1号');
    expect(await store.readStream(DocumentNumberSequence.streamId('张政发', 2026))).toHaveLength(2);
  });

  it('300 concurrent issuers over two codes never duplicate or skip a number', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `issuance-${i}`);
    const results = await Promise.all(ids.map((id, i) => reserve(id, i % 3 === 0 ? '张政办发' : '张政发')));
    for (const code of ['张政发', '张政办发']) {
      const numbers = results.filter((r) => r.code === code).map((r) => r.sequence).sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
      const listed = await sequence.list(code, 2026);
      expect(listed.map((r) => r.sequence)).toEqual(numbers);
      expect(new Set(listed.map((r) => r.documentId)).size).toBe(listed.length);
    }
  });

  it('four app instances (separate sequences, one store) racing 240 issues never duplicate or skip', async () => {
    const instances = Array.from({ length: 4 }, () => new DocumentNumberSequence(store));
    const results = await Promise.all(
      Array.from({ length: 240 }, (_, i) =>
        instances[i % 4]!.reserve({ code: '张政发', year: 2026, documentId: `issuance-${i}`, actor: clerk, now }),
      ),
    );
    expect(results.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.documentNumber)).size).toBe(240);
  });

  it('concurrent retries of the same documents, mixed with others, still give each document exactly one number', async () => {
    const instances = Array.from({ length: 5 }, () => new DocumentNumberSequence(store));
    const calls = Array.from({ length: 200 }, (_, i) =>
      instances[i % 5]!.reserve({ code: '张政发', year: 2026, documentId: `issuance-${i % 40}`, actor: clerk, now }),
    );
    const results = await Promise.all(calls);
    // …and across instances: a second instance retrying every document finds the same numbers.
    const again = await Promise.all(Array.from({ length: 40 }, (_, i) => new DocumentNumberSequence(store).reserve({ code: '张政发', year: 2026, documentId: `issuance-${i}`, actor: clerk, now })));
    results.push(...again);
    const byDocument = new Map<string, Set<number>>();
    for (const r of results) byDocument.set(r.documentId, (byDocument.get(r.documentId) ?? new Set()).add(r.sequence));
    expect([...byDocument.values()].every((s) => s.size === 1)).toBe(true);
    const listed = await sequence.list('张政发', 2026);
    expect(listed.map((r) => r.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('the sequence stream is hash-chained like every other stream', async () => {
    await reserve('issuance-a');
    await reserve('issuance-b');
    const stored = await store.readStream(DocumentNumberSequence.streamId('张政发', 2026));
    expect(stored[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(stored[1]!.metadata.prevHash).toBe(stored[0]!.metadata.hash);
    expect(eventHash(stored[1]!.metadata.prevHash!, stored[1]!)).toBe(stored[1]!.metadata.hash);
  });

  it('refuses a malformed 机关代字', async () => {
    await expect(reserve('issuance-a', 'ZF-1')).rejects.toMatchObject({ code: 'DOCUMENT_CODE_INVALID' });
  });
});
