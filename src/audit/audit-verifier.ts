import type { KeyObject } from 'node:crypto';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { sealedHeadMismatch, type AuditIssue } from './audit-issues';
import { ChainTracker } from './chain-tracker';
import { AUDIT_STREAM } from './seal-format';
import { checkSeals, type CheckedSeal } from './seal-parsing';

export interface VerifyProgress {
  events: number;
  position: GlobalPosition;
  head: GlobalPosition;
}

export interface VerifyOptions {
  publicKey: KeyObject;
  keyId: string;
  pageSize?: number;
  onProgress?: (progress: VerifyProgress) => void;
  /** SQLite only: the `streams` index (stream → last revision) to cross-check. */
  streamIndex?: Map<string, number>;
  /** Issues kept in the report; the rest are only counted. */
  maxIssues?: number;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  seals: { count: number; valid: number; last?: { sealNo: number; position: string; merkleRoot: string; sealedAt: string } };
  /** Events after the last seal: chained, but not yet sealed. */
  unsealedEvents: number;
  issues: AuditIssue[];
  issueCount: number;
}

type Reader = Pick<EventStore, 'readAll' | 'readStream' | 'headPosition'>;

/**
 * Recomputes every chain and checks every seal in one pass over the log (readAll pages),
 * holding only each stream's head in memory. Each seal is checked when the scan passes its
 * position: its signature, its Merkle root over the heads, its event count, and — where
 * the seal lists them — each changed stream's head, so the report names the stream.
 */
export async function verifyStore(store: Reader, options: VerifyOptions): Promise<VerifyReport> {
  const issues: AuditIssue[] = [];
  let issueCount = 0;
  const report = (found: AuditIssue[]) => {
    issueCount += found.length;
    for (const i of found) if (issues.length < (options.maxIssues ?? 10_000)) issues.push(i);
  };
  const checked = checkSeals(await store.readStream(AUDIT_STREAM), options.publicKey, options.keyId);
  report(checked.issues);
  const seals = checked.seals;
  const tracker = new ChainTracker();
  const expected = new Map<string, readonly [number, string]>();
  let partial = false;
  const checkSeal = ({ seal }: CheckedSeal) => {
    const at = { sealNo: seal.sealNo, position: seal.position };
    for (const [id, revision, hash] of seal.heads ?? []) expected.set(id, [revision, hash]);
    if (seal.heads === null) partial = true;
    if (tracker.events !== seal.events) {
      report([{ kind: 'SEAL_COUNT_MISMATCH', ...at, message: `封印记录截至该位置共 ${seal.events} 个事件,现有 ${tracker.events} 个 (events deleted or inserted)` }]);
    }
    if (tracker.root() === seal.merkleRoot && tracker.heads.size === seal.streams) return;
    const found: AuditIssue[] = [];
    for (const [id, [revision, hash]] of expected) {
      const head = tracker.head(id);
      if (!head) found.push({ kind: 'SEALED_STREAM_MISSING', ...at, streamId: id, message: `封印时该流已有第 ${revision} 版,现已不存在 (stream deleted)` });
      else if (head.revision !== revision || head.hash !== hash) {
        found.push({ kind: 'SEALED_HEAD_MISMATCH', ...at, streamId: id, revision, message: sealedHeadMismatch(revision, head) });
      }
    }
    if (!partial) {
      for (const id of tracker.heads.keys()) {
        if (!expected.has(id)) found.push({ kind: 'SEALED_HEAD_MISMATCH', ...at, streamId: id, message: '该流在封印位置之前有事件,但封印中没有它 (inserted)' });
      }
    }
    report([{ kind: 'SEAL_ROOT_MISMATCH', ...at, message: `截至位置 ${seal.position || '(start)'} 的各流末版与封印的 Merkle 根不符` }, ...found]);
  };

  const head = await store.headPosition();
  const lastSealed = seals[seals.length - 1]?.seal.position;
  // The newest seal's own event comes after what it seals; its signature covers it.
  const lastSealEvent = seals[seals.length - 1]?.eventPosition;
  let unsealed = 0;
  let next = 0;
  let position: GlobalPosition = '';
  const pageSize = options.pageSize ?? 2000;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: pageSize });
    for (const event of page) {
      while (next < seals.length && event.globalPosition > seals[next]!.seal.position) checkSeal(seals[next++]!);
      report(tracker.apply(event));
      if ((lastSealed === undefined || event.globalPosition > lastSealed) && event.globalPosition !== lastSealEvent) unsealed++;
    }
    if (page.length === 0) break;
    position = page[page.length - 1]!.globalPosition;
    options.onProgress?.({ events: tracker.events, position, head });
    if (page.length < pageSize) break;
  }
  while (next < seals.length) checkSeal(seals[next++]!);

  if (options.streamIndex) report(crossCheckIndex(options.streamIndex, tracker));
  const last = seals[seals.length - 1]?.seal;
  return {
    ok: issueCount === 0,
    events: tracker.events,
    streams: tracker.heads.size,
    seals: {
      count: seals.length,
      valid: seals.filter((s) => s.signatureValid).length,
      ...(last ? { last: { sealNo: last.sealNo, position: last.position, merkleRoot: last.merkleRoot, sealedAt: last.sealedAt } } : {}),
    },
    unsealedEvents: unsealed,
    issues,
    issueCount,
  };
}

function crossCheckIndex(index: Map<string, number>, tracker: ChainTracker): AuditIssue[] {
  const issues: AuditIssue[] = [];
  for (const [id, revision] of index) {
    const head = tracker.head(id);
    if (head?.revision !== revision) {
      issues.push({ kind: 'STREAM_INDEX_MISMATCH', streamId: id, revision, message: `流索引记录末版为第 ${revision} 版,事件中${head ? `为第 ${head.revision} 版` : '没有该流'} (tail deleted?)` });
    }
  }
  for (const id of tracker.heads.keys()) {
    if (!index.has(id)) issues.push({ kind: 'STREAM_INDEX_MISMATCH', streamId: id, message: '流索引中没有该流 (inserted?)' });
  }
  return issues;
}
