export interface ProgressFigures {
  label: string;
  done: number;
  /** Unknown (null) or a lower bound when the store cannot count cheaply. */
  remaining: number | null;
  eventsPerSecond: number;
  etaSeconds: number | null;
}

const WIDTH = 30;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${Math.ceil(seconds % 60)}s` : `${Math.floor(m / 60)}h${m % 60}m`;
}

/** A one-line progress bar on stderr (stdout stays clean for scripts); plain lines when not a TTY. */
export class ProgressBar {
  private lastPlain = 0;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(p: ProgressFigures): void {
    const total = p.remaining === null ? null : p.done + p.remaining;
    const ratio = total ? Math.min(1, p.done / total) : 0;
    const bar = total === null ? '' : `[${'█'.repeat(Math.round(ratio * WIDTH)).padEnd(WIDTH, '░')}] ${(ratio * 100).toFixed(0).padStart(3)}% `;
    const line =
      `${p.label} ${bar}${fmt(p.done)}${total === null ? '' : `/${fmt(total)}`} 事件 events · ` +
      `${fmt(p.eventsPerSecond)} 事件/秒 ev/s · 剩余 ETA ${p.etaSeconds === null ? '?' : duration(p.etaSeconds)}`;
    if (this.out.isTTY) {
      this.out.write(`\r${line}\x1b[K`);
    } else if (Date.now() - this.lastPlain >= 2000) {
      this.lastPlain = Date.now();
      this.out.write(`${line}\n`);
    }
  }

  finish(message: string): void {
    this.out.write(`${this.out.isTTY ? '\r\x1b[K' : ''}${message}\n`);
  }
}
