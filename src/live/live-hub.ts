import type { EventStore, GlobalPosition, StoredEvent, Subscription } from '../event-store/event-store.port';
import { LiveBatch } from './live-batch';
import type { LiveOptions } from './live-options';

export type BatchListener = (batch: LiveBatch) => void;

interface HubLogger {
  warn(message: string): void;
  error(message: string): void;
}

/** Resolves once the read models the views use have applied `position`; throws to be retried. */
export type ReadModelGate = (position: GlobalPosition) => Promise<void>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * The one live subscription to the store that every SSE connection shares. Events are taken
 * in batches; a batch is handed out only after the read models have applied its last event,
 * so whatever a view reads for it already reflects it. `position` is the last event handed out.
 */
export class LiveHub {
  position: GlobalPosition = '';
  private readPosition: GlobalPosition = '';
  private buffer: StoredEvent[] = [];
  private flushing?: Promise<void>;
  private subscription?: Subscription;
  private running?: Promise<void>;
  private stopping = false;
  private ticker?: NodeJS.Timeout;
  private readonly listeners = new Set<BatchListener>();
  private readonly tickListeners = new Set<() => void>();
  private lastWarning = 0;
  private lastDelivery = 0;

  constructor(
    private readonly store: EventStore,
    private readonly gate: ReadModelGate,
    private readonly options: Pick<LiveOptions, 'maxBatchEvents' | 'refreshMs' | 'batchWindowMs'>,
    private readonly log: HubLogger,
  ) {}

  /** Live from the store's head: connections that need older events read them themselves. */
  async start(): Promise<void> {
    this.position = this.readPosition = await this.store.headPosition();
    this.running = this.run();
    if (this.options.refreshMs > 0) {
      this.ticker = setInterval(() => this.tick(), this.options.refreshMs);
      this.ticker.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.ticker);
    await this.subscription?.close().catch(() => undefined);
    await this.running;
    await this.flushing;
    this.listeners.clear();
    this.tickListeners.clear();
  }

  get stopped(): boolean {
    return this.stopping;
  }

  /** Batches after `position` (as it is now) go to `listener` until the returned function is called. */
  attach(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits (bounded, like a query's minPosition) until the read models applied `position`; false if they did not. */
  async reached(position: GlobalPosition): Promise<boolean> {
    if (position <= this.position) return true;
    return this.gate(position).then(
      () => true,
      () => false,
    );
  }

  onTick(listener: () => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Time moved (colours change without events): views re-read. Tests call it directly. */
  tick(): void {
    for (const listener of [...this.tickListeners]) listener();
  }

  get connections(): number {
    return this.listeners.size;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopping) {
      try {
        this.subscription = this.store.subscribeToAll({ fromPosition: this.readPosition });
        for await (const event of this.subscription) {
          this.buffer.push(event);
          this.readPosition = event.globalPosition;
          this.flushing ??= this.flush();
          // Read no further ahead than this while the read models catch up.
          if (this.buffer.length >= this.options.maxBatchEvents) await this.flushing;
          backoff = 100;
        }
      } catch (error) {
        if (!this.stopping) this.log.warn(`实时推送订阅中断,${backoff} ms 后从 ${this.readPosition || '起点'} 重新订阅: ${(error as Error).message}`);
      }
      if (this.stopping) return;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 5_000);
    }
  }

  private async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the page being read arrive whole
    try {
      while (this.buffer.length > 0 && !this.stopping) {
        const early = this.lastDelivery + this.options.batchWindowMs - Date.now();
        if (early > 0) await sleep(early);
        const events = this.buffer;
        this.buffer = [];
        const batch = new LiveBatch(events);
        if (!(await this.waitForReadModels(batch.last))) return;
        this.position = batch.last;
        this.lastDelivery = Date.now();
        for (const listener of [...this.listeners]) {
          try {
            listener(batch);
          } catch (error) {
            this.log.error(`实时推送分发失败: ${(error as Error).message}`);
          }
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Retries until the read models get there (a rebuild may take a while); false when stopping. */
  private async waitForReadModels(position: GlobalPosition): Promise<boolean> {
    for (let delay = 50; !this.stopping; delay = Math.min(delay * 2, 2_000)) {
      try {
        await this.gate(position);
        return true;
      } catch (error) {
        if (this.stopping) return false;
        if (Date.now() - this.lastWarning > 10_000) {
          this.lastWarning = Date.now();
          this.log.warn(`实时推送等待读模型到达 ${position}: ${(error as Error).message}`);
        }
        await sleep(delay);
      }
    }
    return false;
  }
}
