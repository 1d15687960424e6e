import { canonicalJson } from '../../src/audit/canonical-json';
import { chainEvents, eventHash, GENESIS_HASH } from '../../src/audit/hash-chain';
import { events } from '../support/events';

describe('hash chain', () => {
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('links each event to the previous one from the genesis hash', () => {
    const chained = chainEvents('document-1', -1, undefined, events(3));
    expect(chained[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    expect(chained[1]!.metadata.prevHash).toBe(chained[0]!.metadata.hash);
    expect(chained[2]!.metadata.prevHash).toBe(chained[1]!.metadata.hash);
    const again = chainEvents('document-1', -1, undefined, events(3).map((e, i) => ({ ...chained[i]!, metadata: { ...chained[i]!.metadata } })));
    expect(again.map((e) => e.metadata.hash)).toEqual(chained.map((e) => e.metadata.hash));
  });

  it('any change to what the hash covers changes the hash', () => {
    const [e] = chainEvents('document-1', 4, 'f'.repeat(64), events(1));
    const base = { ...e!, streamId: 'document-1', revision: 5 };
    const h = eventHash('f'.repeat(64), base);
    expect(h).toBe(e!.metadata.hash);
    expect(eventHash('e'.repeat(64), base)).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, revision: 6 })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, streamId: 'document-2' })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, type: 'x' })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, schemaVersion: 2 })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, data: { ...base.data, n: 99 } })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, metadata: { ...base.metadata, unit: 'other' } })).not.toBe(h);
    expect(eventHash('f'.repeat(64), { ...base, recordedAt: '2030-01-01T00:00:00.000Z' })).not.toBe(h);
  });

  it('the hash of a known event never changes between versions (stored chains must keep verifying)', () => {
    const metadata = { actor: { id: 'u', name: 'n' }, unit: 'u', role: 'r', commandId: 'c', correlationId: 'c', causationId: 'c' };
    const event = { streamId: 'document-x', revision: 0, type: 'document.submitted', schemaVersion: 1, data: { title: '关于' }, metadata, recordedAt: '2026-09-28T01:30:00.000Z' };
    expect(eventHash(GENESIS_HASH, event)).toBe('978f96fb6d1ab968b70abfb193cf238517c3bbc8175613350c6ad28cb2cc6f81');
  });
});
