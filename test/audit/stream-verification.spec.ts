import type { SealLedger } from '../../src/audit/seal-ledger';
import { verifyStream } from '../../src/audit/stream-verification';
import type { StoredEvent } from '../../src/event-store/event-store.port';

/** One stream against a seal that listed its head, as GET /…/verification reports it. */
describe('per-item verification: a sealed head that changed', () => {
  const STREAM = 'document-00000001';
  const event = (revision: number, hash: string) =>
    ({ streamId: STREAM, revision, globalPosition: String(revision + 1).padStart(20, '0'), eventId: `e${revision}`, type: 'x', data: {}, metadata: { hash } }) as unknown as StoredEvent;
  const ledgerSealing = (revision: number, hash: string) =>
    ({ issues: [], seals: [{ seal: { sealNo: 1, position: '99999999999999999999', heads: [[STREAM, revision, hash]] }, signatureValid: true }] }) as unknown as SealLedger;
  const mismatch = (events: StoredEvent[], ledger: SealLedger) => verifyStream(STREAM, events, ledger).issues.find((i) => i.kind === 'SEALED_HEAD_MISMATCH')?.message;

  it('the same revision with another hash (edited, chain recomputed) says the hash differs, as audit verify does', () => {
    expect(mismatch([event(0, 'a'), event(1, 'edited')], ledgerSealing(1, 'sealed'))).toBe('封印时该流末版为第 1 版,现为第 1 版(哈希不同)');
  });

  it('another revision names both', () => {
    expect(mismatch([event(0, 'a')], ledgerSealing(1, 'sealed'))).toBe('封印时该流末版为第 1 版,现为第 0 版');
  });
});
