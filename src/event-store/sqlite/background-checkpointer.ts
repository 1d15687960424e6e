import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

/**
 * How large the writer lets the WAL grow before it checkpoints itself (as pages: backstopPages).
 * Under steady load the writer seldom starts a transaction just when this thread has copied
 * everything, which is what lets SQLite reuse the WAL from its start; the writer's own
 * checkpoint at the backstop does, and by then it has little left to copy.
 */
export const BACKSTOP_BYTES = 16 * 1024 * 1024;
export const backstopPages = (pageSize: number): number => Math.ceil(BACKSTOP_BYTES / pageSize);
const SQLITE_DEFAULT_PAGES = 1000;
const COMMITS = 0;
const STOP = 1;

/**
 * Runs on its own thread with its own connection: after commits, at most every
 * `intervalMs`, copies the WAL into the database (PASSIVE: never waits for, nor blocks, the
 * writer). Plain JS (not a module file) so it runs alike under ts-jest, the TS hook and dist.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const signal = new Int32Array(workerData.signal);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
let seen = 0;
while (Atomics.load(signal, ${STOP}) === 0) {
  if (Atomics.wait(signal, ${COMMITS}, seen, 1000) === 'timed-out') continue;
  seen = Atomics.load(signal, ${COMMITS});
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy, disk full, I/O error: the writer's own checkpoint at the backstop still bounds the WAL.
  }
  Atomics.wait(signal, ${STOP}, 0, workerData.intervalMs);
}
db.close();
`;

/**
 * Keeps checkpoints (page copies and the database file's fsync) off the writer's thread.
 * The writer keeps a raised wal_autocheckpoint as a backstop, so the WAL stays bounded even
 * if this thread falls behind or dies; should it fail, the writer returns to SQLite's default.
 */
export class BackgroundCheckpointer {
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(private readonly db: Database.Database, intervalMs = 10) {
    db.pragma(`wal_autocheckpoint = ${backstopPages(Number(db.pragma('page_size', { simple: true })) || 4096)}`);
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: db.name, driver: require.resolve('better-sqlite3'), signal: this.signal.buffer, intervalMs },
    });
    // A store left open must not keep the process alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => {
      this.worker.once('error', () => this.fallBack());
      this.worker.once('exit', () => resolve());
    });
  }

  /** Called after each commit: wakes the thread (no message, no allocation). */
  nudge(): void {
    Atomics.add(this.signal, COMMITS, 1);
    Atomics.notify(this.signal, COMMITS);
  }

  /** Resolves once the thread has closed its connection. */
  async stop(): Promise<void> {
    this.worker.ref(); // or an otherwise idle process would exit before close() returns
    Atomics.store(this.signal, STOP, 1);
    Atomics.notify(this.signal, STOP);
    Atomics.notify(this.signal, COMMITS);
    await this.exited;
  }

  private fallBack(): void {
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  }
}
