/** What `audit verify` can find, each naming the stream/revision or seal it concerns. */
export type AuditIssueKind =
  | 'UNCHAINED' // an event without prevHash/hash (hash fields stripped)
  | 'HASH_MISMATCH' // the event's content no longer matches its hash: modified
  | 'PREV_HASH_MISMATCH' // does not link to the previous event: an earlier event replaced
  | 'REVISION_GAP' // revisions missing: events deleted
  | 'REVISION_ORDER' // a revision out of order or repeated: events reordered
  | 'SEAL_MALFORMED'
  | 'SEAL_SIGNATURE_INVALID' // forged or altered seal
  | 'SEAL_KEY_UNKNOWN' // signed with a key that is not the trusted one
  | 'SEAL_SEQUENCE' // seal numbers or positions out of order
  | 'SEAL_ROOT_MISMATCH' // the heads up to the sealed position differ from what was sealed
  | 'SEAL_COUNT_MISMATCH' // a different number of events up to the sealed position
  | 'SEALED_HEAD_MISMATCH' // a stream's head differs from the one the seal recorded
  | 'SEALED_STREAM_MISSING' // a sealed stream has vanished
  | 'STREAM_INDEX_MISMATCH'; // SQLite: the streams index disagrees with the events (deleted tail?)

export interface AuditIssue {
  kind: AuditIssueKind;
  message: string;
  streamId?: string;
  revision?: number;
  position?: string;
  sealNo?: number;
}

export const describeIssue = (i: AuditIssue): string =>
  [
    i.kind,
    i.sealNo !== undefined ? `seal #${i.sealNo}` : undefined,
    i.streamId !== undefined ? `stream ${i.streamId}` : undefined,
    i.revision !== undefined ? `revision ${i.revision}` : undefined,
    i.position ? `position ${i.position}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ') + `: ${i.message}`;

/**
 * SEALED_HEAD_MISMATCH's message, worded once for `audit verify` and per-item verification:
 * the same revision with a different hash is an event edited and its chain recomputed.
 */
export const sealedHeadMismatch = (sealedRevision: number, now: { revision: number } | undefined): string =>
  `封印时该流末版为第 ${sealedRevision} 版,现为${now ? `第 ${now.revision} 版${now.revision === sealedRevision ? '(哈希不同)' : ''}` : '空'}`;
