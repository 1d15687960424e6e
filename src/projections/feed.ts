import type Database from 'better-sqlite3';
import type { EventStore, GlobalPosition, StoredEvent, Subscription } from '../event-store/event-store.port';
import { isUnavailable } from '../event-store/sqlite/batch-committer';
import { BatchReader, type Batch } from './batch-reader';
import type { GenerationWriter } from './generation-writer';

export interface FeedHooks {
  /** After each committed batch (also an empty idle one). The feed waits for it before reading on. */
  afterBatch(feed: Feed, batch: Batch): void | Promise<void>;
  /** A generation stopped at an event; it has already left the feed. */
  failed(feed: Feed, writer: GenerationWriter): void;
  /** The store or the read-model file failed; the feed retries from its checkpoints. */
  trouble(feed: Feed, error: unknown): void;
}

export interface FeedOptions {
  store: EventStore;
  db: Database.Database;
  maxBatch: number;
  hooks: FeedHooks;
  /**
   * For rebuild feeds: commit without an fsync per batch. WAL keeps every commit atomic, so
   * a power cut can only take back the newest batches, rows and checkpoint together, and they
   * are replayed; the switch-over commits with the connection's own setting
   * (READ_MODELS_SYNCHRONOUS), which with FULL makes all of them durable.
   */
  relaxedSync?: boolean;
}

const yieldToEventLoop = () => new Promise((r) => setImmediate(r));

/**
 * One subscription feeding a set of generations. Each batch is applied to every generation
 * and their checkpoints are written in ONE transaction, so a crash loses the whole batch or
 * nothing. The subscription starts at the lowest checkpoint; a generation skips what it has.
 */
export class Feed {
  private readonly writers = new Set<GenerationWriter>();
  /** Every event after this has yet to reach the writers (buffered or in the store). */
  private dispatched: GlobalPosition = '';
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private active = false;
  private resubscribe = false;
  private stopping = false;
  private wake: () => void = () => undefined;
  private readonly fast: Database.Transaction<(events: StoredEvent[], writers: GenerationWriter[]) => void>;
  private readonly careful: Database.Transaction<(events: StoredEvent[], writers: GenerationWriter[]) => void>;
  private readonly savepoint: Database.Transaction<(writer: GenerationWriter, event: StoredEvent) => void>;

  constructor(private readonly options: FeedOptions) {
    const { db } = options;
    this.fast = db.transaction((events, writers) => {
      for (const w of writers) w.beginBatch();
      for (const e of events) for (const w of writers) w.apply(e);
      for (const w of writers) w.saveProgress();
    });
    // Nested better-sqlite3 transactions are savepoints: a failing event leaves no partial rows.
    this.savepoint = db.transaction((writer, event) => writer.apply(event));
    this.careful = db.transaction((events, writers) => {
      for (const w of writers) w.beginBatch(false);
      for (const e of events) {
        for (const w of writers) {
          if (w.failedInBatch) continue;
          try {
            this.savepoint(w, e);
          } catch (error) {
            if (isUnavailable(error)) throw error;
            w.failAt(e, error);
          }
        }
      }
      for (const w of writers) w.saveProgress();
    });
  }

  get position(): GlobalPosition {
    return this.dispatched;
  }

  get members(): GenerationWriter[] {
    return [...this.writers];
  }

  get running(): boolean {
    return this.active;
  }

  /**
   * A generation joins. One behind what the subscription has already handed out makes the
   * feed resubscribe from it (the others skip what they have).
   */
  add(writer: GenerationWriter): void {
    this.writers.add(writer);
    if (this.active) {
      if (writer.checkpoint < this.dispatched) {
        this.resubscribe = true;
        void this.subscription?.close();
      }
      return;
    }
    if (this.stopping) return;
    this.active = true;
    this.loop = this.run();
  }

  remove(writer: GenerationWriter): void {
    this.writers.delete(writer);
  }

  /** Closes the subscription; events already read are still written. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.subscription?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      await null; // generations added in the same tick all count for the starting position
      let backoff = 100;
      while (!this.stopping && this.writers.size > 0) {
        if ((await this.follow()) || this.resubscribe) {
          this.resubscribe = false;
          backoff = 100;
          continue;
        }
        if (this.stopping || this.writers.size === 0) break;
        // The store failed or the subscription ended by itself: resubscribe from the checkpoints.
        await this.pause(backoff);
        backoff = Math.min(backoff * 2, 30_000);
      }
    } finally {
      this.active = false;
    }
  }

  /** One subscription from the lowest checkpoint; true when it ended because the feed emptied. */
  private async follow(): Promise<boolean> {
    const from = this.members.map((w) => w.checkpoint).reduce((a, b) => (b < a ? b : a));
    this.dispatched = from;
    const subscription = (this.subscription = this.options.store.subscribeToAll({ fromPosition: from }));
    const reader = new BatchReader(subscription[Symbol.asyncIterator](), this.options.maxBatch);
    try {
      for (;;) {
        const batch = await reader.next();
        if (batch.events.length > 0) this.commit(batch.events);
        await this.options.hooks.afterBatch(this, batch);
        if (this.stopping || batch.done) return false;
        if (this.writers.size === 0) return true;
        // A long catch-up never leaves the microtask queue; let HTTP and timers in.
        if (!batch.idle) await yieldToEventLoop();
      }
    } catch (error) {
      if (!this.stopping) this.options.hooks.trouble(this, error);
      return false;
    } finally {
      await subscription.close().catch(() => undefined);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private commit(events: StoredEvent[]): void {
    const writers = this.members;
    const { db, relaxedSync } = this.options;
    const synchronous = relaxedSync ? (db.pragma('synchronous', { simple: true }) as number) : undefined;
    if (relaxedSync) db.pragma('synchronous = NORMAL');
    try {
      this.fast(events, writers);
    } catch (error) {
      if (isUnavailable(error)) throw error;
      // Some generation failed on an event: redo the batch so the others (and its earlier events) commit.
      this.careful(events, writers);
    } finally {
      if (synchronous !== undefined) db.pragma(`synchronous = ${synchronous}`);
    }
    this.dispatched = events[events.length - 1]!.globalPosition;
    for (const w of writers) {
      w.commitBatch();
      if (w.state === 'failed') {
        this.writers.delete(w);
        this.options.hooks.failed(this, w);
      }
    }
  }
}
