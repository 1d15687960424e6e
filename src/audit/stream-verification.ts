import type { StoredEvent } from '../event-store/event-store.port';
import { sealedHeadMismatch, type AuditIssue } from './audit-issues';
import { ChainTracker } from './chain-tracker';
import type { StreamHead } from './merkle';
import type { SealLedger } from './seal-ledger';

export interface StreamVerification {
  streamId: string;
  events: number;
  /** intact: chain and every seal agree; tampered: see issues. */
  verdict: 'intact' | 'tampered';
  /** The newest seal covering the stream, and the revision it sealed. */
  sealed: { sealNo: number; position: string; sealedAt: string; revision: number; merkleRoot: string } | null;
  /** Revisions after the newest seal: chained, not yet sealed. */
  unsealedEvents: number;
  /** Seals listing only a Merkle root for this stream (too many changes to list): run `audit verify` for those. */
  rootOnlySeals: number;
  seals: { count: number; valid: number };
  issues: AuditIssue[];
}

function find(heads: StreamHead[], id: string): StreamHead | undefined {
  let lo = 0;
  let hi = heads.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const key = heads[mid]![0];
    if (key === id) return heads[mid];
    if (key < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/**
 * One stream against its own chain and every seal: at each sealed position the stream's
 * head must be the one the seal lists, or unchanged since the previous seal when unlisted.
 */
export function verifyStream(streamId: string, events: StoredEvent[], ledger: SealLedger): StreamVerification {
  const tracker = new ChainTracker();
  const issues: AuditIssue[] = [...ledger.issues];
  for (const e of events) issues.push(...tracker.apply(e));
  const headAt = (position: string) => {
    let head: StoredEvent | undefined;
    for (const e of events) if (e.globalPosition <= position) head = e;
    return head;
  };
  let previous: StoredEvent | undefined;
  let sealed: StreamVerification['sealed'] = null;
  let rootOnly = 0;
  for (const { seal } of ledger.seals) {
    const actual = headAt(seal.position);
    const at = { sealNo: seal.sealNo, position: seal.position, streamId };
    if (seal.heads === null) rootOnly++;
    else {
      const listed = find(seal.heads, streamId);
      if (listed && (actual?.revision !== listed[1] || actual.metadata.hash !== listed[2])) {
        issues.push({ kind: 'SEALED_HEAD_MISMATCH', ...at, revision: listed[1], message: sealedHeadMismatch(listed[1], actual) });
      } else if (!listed && actual?.eventId !== previous?.eventId) {
        issues.push({ kind: 'SEALED_HEAD_MISMATCH', ...at, revision: actual?.revision, message: '封印之前该流有变化,但封印没有记录 (inserted or deleted)' });
      }
    }
    previous = actual;
    if (actual) sealed = { sealNo: seal.sealNo, position: seal.position, sealedAt: seal.sealedAt, revision: actual.revision, merkleRoot: seal.merkleRoot };
  }
  const lastSealed = ledger.seals[ledger.seals.length - 1]?.seal.position;
  return {
    streamId,
    events: events.length,
    verdict: issues.length === 0 ? 'intact' : 'tampered',
    sealed,
    unsealedEvents: events.filter((e) => lastSealed === undefined || e.globalPosition > lastSealed).length,
    rootOnlySeals: rootOnly,
    seals: { count: ledger.seals.length, valid: ledger.seals.filter((s) => s.signatureValid).length },
    issues,
  };
}
