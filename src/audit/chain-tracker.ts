import type { StoredEvent } from '../event-store/event-store.port';
import type { AuditIssue } from './audit-issues';
import { eventHash, GENESIS_HASH } from './hash-chain';
import { leafHash, merkleRoot, type StreamHead } from './merkle';

interface Head {
  revision: number;
  hash: string;
}

/**
 * Follows the log in global order keeping only each stream's head, and checks every event
 * against it: revision continuity, the link to the previous hash, and the hash itself.
 * After a finding it follows the stored data, so one alteration is reported once.
 */
export class ChainTracker {
  readonly heads = new Map<string, Head>();
  events = 0;

  apply(event: StoredEvent): AuditIssue[] {
    this.events++;
    const at = { streamId: event.streamId, revision: event.revision, position: event.globalPosition };
    const head = this.heads.get(event.streamId);
    const { prevHash, hash } = event.metadata ?? {};
    const issues: AuditIssue[] = [];
    const expected = head ? head.revision + 1 : 0;
    if (event.revision > expected) {
      issues.push({ kind: 'REVISION_GAP', ...at, message: `缺少第 ${expected}${event.revision - 1 > expected ? `–${event.revision - 1}` : ''} 版 (revisions missing: deleted)` });
    } else if (event.revision < expected) {
      issues.push({ kind: 'REVISION_ORDER', ...at, message: `第 ${event.revision} 版出现在第 ${expected - 1} 版之后 (reordered or repeated)` });
    }
    if (typeof hash !== 'string' || typeof prevHash !== 'string') {
      issues.push({ kind: 'UNCHAINED', ...at, message: '事件缺少哈希链字段 prevHash/hash' });
    } else {
      if (event.revision === expected && prevHash !== (head?.hash ?? GENESIS_HASH)) {
        issues.push({ kind: 'PREV_HASH_MISMATCH', ...at, message: 'prevHash 与上一版的哈希不符 (an earlier event was replaced)' });
      }
      let recomputed: string | undefined;
      try {
        recomputed = eventHash(prevHash, event);
      } catch {
        recomputed = undefined;
      }
      if (recomputed !== hash) issues.push({ kind: 'HASH_MISMATCH', ...at, message: '事件内容与其哈希不符 (modified)' });
    }
    this.heads.set(event.streamId, { revision: event.revision, hash: typeof hash === 'string' ? hash : '' });
    return issues;
  }

  head(streamId: string): Head | undefined {
    return this.heads.get(streamId);
  }

  snapshot(): StreamHead[] {
    return [...this.heads].map(([id, h]) => [id, h.revision, h.hash] as const);
  }

  root(): string {
    return merkleRoot(this.snapshot());
  }
}

export { leafHash };
