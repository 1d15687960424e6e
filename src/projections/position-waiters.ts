import type { GlobalPosition } from '../event-store/event-store.port';

/** Per name: 'reached', 'failed' (will never get there), or 'waiting'. */
export type Reach = 'reached' | 'failed' | 'waiting';

/** `failed`: a generation that will never get there; `timedOut`: the delay passed; neither: reached. */
export interface WaitOutcome {
  failed?: string;
  timedOut?: boolean;
}

interface Waiter {
  names: readonly string[];
  position: GlobalPosition;
  settle(outcome: WaitOutcome): void;
}

/** Read-your-writes waiters, re-checked after every committed batch, switch-over and failure. */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly reach: (name: string, position: GlobalPosition) => Reach) {}

  wait(names: readonly string[], position: GlobalPosition, timeoutMs: number): Promise<WaitOutcome> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        names,
        position,
        settle: (outcome) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(outcome);
        },
      };
      const timer = setTimeout(() => waiter.settle({ timedOut: true }), timeoutMs);
      timer.unref();
      this.waiters.add(waiter);
      this.check(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.waiters]) this.check(waiter);
  }

  /** On shutdown: everyone still waiting gets a timeout answer now. */
  cancelAll(): void {
    for (const waiter of [...this.waiters]) waiter.settle({ timedOut: true });
  }

  private check(waiter: Waiter): void {
    let all = true;
    for (const name of waiter.names) {
      const reach = this.reach(name, waiter.position);
      if (reach === 'failed') return waiter.settle({ failed: name });
      if (reach === 'waiting') all = false;
    }
    if (all) waiter.settle({});
  }
}
