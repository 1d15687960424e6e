import type { AppendResult } from '../event-store.port';
import type { AppendRequest, BatchCommitter } from './batch-committer';

interface Pending {
  request: AppendRequest;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

const MAX_BATCH = 1000;

/**
 * Group commit. better-sqlite3 commits synchronously, so every append that arrives while a
 * commit (and its fsync) runs waits in the event loop and is flushed together in the next
 * transaction. Each caller is answered only after the transaction holding its events is
 * durable.
 */
export class GroupCommitWriter {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly committer: BatchCommitter,
    private readonly onCommitted: () => void,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything queued so far has been answered. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.scheduled) await new Promise((r) => setImmediate(r));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) this.schedule();
    const outcomes = this.committer.commit(batch.map((p) => p.request));
    let wrote = false;
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) {
        wrote = true;
        batch[i]!.resolve(outcome.result);
      } else batch[i]!.reject(outcome.error);
    });
    if (wrote) this.onCommitted();
  }
}
