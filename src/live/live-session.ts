import type { EventStore, GlobalPosition } from '../event-store/event-store.port';
import { LiveBatch } from './live-batch';
import type { LiveHub } from './live-hub';
import type { LiveOptions } from './live-options';
import type { DerivedMessage, LiveCursor } from './live-view';
import type { SseConnection } from './sse-connection';

type Options = Pick<LiveOptions, 'maxPendingEvents' | 'catchUpPageSize' | 'drainTimeoutMs'>;


/**
 * One SSE connection from start to end:
 * - no position: a `snapshot` (id = the hub's position), then live;
 * - a position: every message derived from the events after it (read from the store up to the
 *   hub's position), then live. Live batches that arrive meanwhile wait in a bounded queue;
 *   past the bound the client is dropped as slow and resumes by id.
 */
export class LiveSession {
  private queue: LiveBatch[] = [];
  private queuedEvents = 0;
  private pumping = false;
  private ready = false;
  /** Messages with ids at or below this were delivered (or are covered by the snapshot). */
  private floor: GlobalPosition = '';
  private detach: Array<() => void> = [];

  constructor(
    private readonly connection: SseConnection,
    private readonly hub: LiveHub,
    private readonly store: EventStore,
    private readonly cursor: LiveCursor,
    private readonly options: Options,
  ) {
    connection.onClose(() => this.stop());
  }

  /** `from`: resume after this position (already validated); undefined for a snapshot. */
  async start(from: GlobalPosition | undefined): Promise<void> {
    // Attach first: nothing after `attachedAt` can be missed while we read what came before.
    this.detach.push(this.hub.attach((batch) => this.enqueue(batch)));
    if (this.cursor.refresh) this.detach.push(this.hub.onTick(() => this.enqueueRefresh()));
    const attachedAt = this.hub.position;
    try {
      const head = await this.store.headPosition();
      if (from === undefined || from > head) {
        // Unknown or future positions (another data directory) start over with a snapshot. Once
        // the read models reached the head, it shows every write acknowledged before the request
        // and carries the head's id; events up to it that the hub hands out later are skipped.
        const at = (await this.hub.reached(head)) && head > attachedAt ? head : attachedAt;
        const data = await this.cursor.snapshot();
        this.floor = at;
        this.connection.send({ event: 'snapshot', id: at, data });
      } else {
        this.floor = from;
        await this.catchUp(from, attachedAt);
      }
    } catch (error) {
      this.connection.close('read_model_failed', { detail: (error as Error).message });
      return;
    }
    this.ready = true;
    void this.pump();
  }

  private async catchUp(from: GlobalPosition, until: GlobalPosition): Promise<void> {
    let after = from;
    while (after < until && this.connection.isOpen) {
      const page = (await this.store.readAll({ fromPosition: after, maxCount: this.options.catchUpPageSize })).filter(
        (e) => e.globalPosition <= until,
      );
      if (page.length === 0) return;
      const batch = new LiveBatch(page);
      if (!(await this.deliver(await this.cursor.derive(batch)))) return;
      after = batch.last;
      this.floor = after > this.floor ? after : this.floor;
    }
  }

  private enqueue(batch: LiveBatch): void {
    this.queue.push(batch);
    this.queuedEvents += batch.events.length;
    if (this.queuedEvents > this.options.maxPendingEvents) {
      this.connection.close('slow_client', { pendingEvents: this.queuedEvents, limitEvents: this.options.maxPendingEvents });
      return;
    }
    if (this.ready) void this.pump();
  }

  private refreshWanted = false;

  private enqueueRefresh(): void {
    this.refreshWanted = true;
    if (this.ready) void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.connection.isOpen && (this.queue.length > 0 || this.refreshWanted)) {
        const batch = this.queue.shift();
        if (batch) {
          this.queuedEvents -= batch.events.length;
          if (batch.last <= this.floor) continue;
          if (!(await this.deliver(await this.cursor.derive(batch)))) return;
          this.floor = batch.last;
        } else {
          this.refreshWanted = false;
          const message = await this.cursor.refresh?.();
          if (message) this.connection.send(message);
        }
      }
    } catch (error) {
      this.connection.close('read_model_failed', { detail: (error as Error).message });
    } finally {
      this.pumping = false;
    }
  }

  /**
   * Sends in order, pausing whenever the socket holds more than half the bound: live batches
   * then wait in the (bounded) queue. A socket that does not drain in time is dropped as slow.
   */
  private async deliver(messages: readonly DerivedMessage[]): Promise<boolean> {
    for (const message of messages) {
      if (message.id <= this.floor) continue; // covered by the snapshot or the client's position
      if (!this.connection.send(message)) return false;
      if (this.connection.congested && !(await this.connection.drained(this.options.drainTimeoutMs))) {
        this.connection.close('slow_client', { stalledMs: this.options.drainTimeoutMs, bufferedBytes: this.connection.bufferedBytes });
        return false;
      }
    }
    return this.connection.isOpen;
  }

  private stop(): void {
    for (const detach of this.detach.splice(0)) detach();
    this.queue = [];
    this.queuedEvents = 0;
  }
}
