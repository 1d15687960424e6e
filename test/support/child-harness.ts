import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventStore, StoredEvent } from '../../src/event-store/event-store.port';
import { START } from '../../src/event-store/event-store.port';

export interface AppenderConfig {
  file: string;
  prefix: string;
  streamCount: number;
  workers: number;
  /** Total appends before the child closes the store and exits; omit to run until killed. */
  appends?: number;
  /** A stream every child also appends to, at the revision it just read (conflicts expected). */
  shared?: string;
  pollIntervalMs?: number;
  /** Wait after 'ready' until `go()` is called. */
  waitForGo?: boolean;
  /**
   * Keep appending past `appends` until the shared stream shows an append by another
   * process, so that two children provably overlap however the OS schedules them.
   */
  untilOtherSeen?: boolean;
}

export type ChildLine =
  | { t: 'ready' }
  | { t: 'done'; attempts: number; sawOther: boolean }
  | { t: 'ack'; s: string; r: number; ids: string[] }
  | { t: 'conflict'; s: string }
  | { t: 'error'; m: string };

export interface AppenderChild {
  process: ChildProcess;
  lines: ChildLine[];
  acks(): Extract<ChildLine, { t: 'ack' }>[];
  /** Resolves when a line satisfies the predicate (or rejects if the child exits first). */
  waitFor(predicate: (line: ChildLine) => boolean): Promise<void>;
  /** Releases a child started with `waitForGo`. */
  go(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Spawns test/support/child-appender.js in a real OS process. */
export function spawnAppender(config: AppenderConfig): AppenderChild {
  const child = spawn(process.execPath, [join(__dirname, 'child-appender.js'), JSON.stringify(config)], {
    stdio: [config.waitForGo ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const lines: ChildLine[] = [];
  const waiters: Array<{ predicate: (l: ChildLine) => boolean; resolve: () => void; reject: (e: Error) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as ChildLine;
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.predicate(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  // 'close' (not 'exit') so that every stdout line has been read before we look at them.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code ?? signal}) first:\n${stderr}`));
      resolve({ code, signal, stderr });
    }),
  );
  return {
    process: child,
    lines,
    acks: () => lines.filter((l): l is Extract<ChildLine, { t: 'ack' }> => l.t === 'ack'),
    waitFor: (predicate) =>
      lines.some(predicate) ? Promise.resolve() : new Promise((resolve, reject) => waiters.push({ predicate, resolve, reject })),
    go: () => child.stdin!.end('go\n'),
    exited,
  };
}

/** The whole log, page by page, as the port promises to serve it. */
export async function readWholeLog(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (let from = START; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: 1000 });
    if (page.length === 0) return all;
    all.push(...page);
    from = page[page.length - 1]!.globalPosition;
  }
}

/**
 * Every acknowledged event is stored exactly once, in its stream at the acknowledged
 * revision, and every stream's revisions run 0..n-1 without a gap. Returns a list of problems.
 */
export function checkLog(log: StoredEvent[], acks: Extract<ChildLine, { t: 'ack' }>[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, StoredEvent[]>();
  const byStream = new Map<string, number[]>();
  for (const e of log) {
    if (!byId.has(e.eventId)) byId.set(e.eventId, []);
    byId.get(e.eventId)!.push(e);
    if (!byStream.has(e.streamId)) byStream.set(e.streamId, []);
    byStream.get(e.streamId)!.push(e.revision);
  }
  for (const ack of acks) {
    ack.ids.forEach((id, i) => {
      const found = byId.get(id) ?? [];
      const revision = ack.r - ack.ids.length + 1 + i;
      if (found.length !== 1) problems.push(`${id} stored ${found.length} times`);
      else if (found[0]!.streamId !== ack.s || found[0]!.revision !== revision) {
        problems.push(`${id} at ${found[0]!.streamId}@${found[0]!.revision}, acknowledged at ${ack.s}@${revision}`);
      }
    });
  }
  for (const [stream, revisions] of byStream) {
    const sorted = [...revisions].sort((a, b) => a - b);
    if (sorted.some((r, i) => r !== i)) problems.push(`${stream} revisions not gapless: ${sorted.slice(0, 20).join(',')}…`);
  }
  return problems;
}
