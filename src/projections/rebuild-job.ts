import type { GlobalPosition } from '../event-store/event-store.port';
import type { Lag } from './lag';

export interface RebuildProgress {
  projections: string[];
  /** Events read by this rebuild so far. */
  processed: number;
  checkpoint: GlobalPosition;
  head: GlobalPosition;
  remaining: Lag;
  eventsPerSecond: number;
  /** Unknown while the remaining count is only a lower bound. */
  etaSeconds: number | null;
  elapsedMs: number;
  /** Every generation of this rebuild has switched over (or failed). */
  done: boolean;
}

export type ProgressListener = (progress: RebuildProgress) => void;

export interface RebuildResult {
  projections: string[];
  /** The new active generation of each. */
  generations: Record<string, number>;
  events: number;
  elapsedMs: number;
}

export class RebuildFailedError extends Error {
  readonly code = 'PROJECTION_REBUILD_FAILED';
  constructor(readonly failures: Record<string, string>) {
    super(`重建失败 rebuild failed: ${Object.entries(failures).map(([n, e]) => `${n}: ${e.split('\n')[0]}`).join('; ')}`);
  }
}

/** Throughput bookkeeping of one rebuild feed, reported at most every `intervalMs`. */
export class RebuildMeter {
  processed = 0;
  private readonly started = Date.now();
  private lastReport = 0;

  constructor(private readonly intervalMs = 250) {}

  due(): boolean {
    const now = Date.now();
    if (now - this.lastReport < this.intervalMs) return false;
    this.lastReport = now;
    return true;
  }

  progress(projections: string[], checkpoint: GlobalPosition, head: GlobalPosition, remaining: Lag, done: boolean): RebuildProgress {
    const elapsedMs = Date.now() - this.started;
    const eventsPerSecond = elapsedMs > 0 ? (this.processed * 1000) / elapsedMs : 0;
    const etaSeconds = remaining.exact && eventsPerSecond > 0 ? remaining.events / eventsPerSecond : null;
    return { projections, processed: this.processed, checkpoint, head, remaining, eventsPerSecond, etaSeconds, elapsedMs, done };
  }

  get elapsedMs(): number {
    return Date.now() - this.started;
  }
}
