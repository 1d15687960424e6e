import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface OwnerInfo {
  pid: number;
  host: string;
  holder: string;
  since: string;
}

export class ReadModelsLockedError extends Error {
  readonly code = 'READ_MODELS_LOCKED';
  constructor(readonly owner: OwnerInfo | undefined) {
    super(
      `读模型正被另一个进程使用${owner ? `(${owner.holder}, pid ${owner.pid}@${owner.host}, 自 ${owner.since})` : ''},` +
        '同一数据目录同时只能有一个进程运行投影',
    );
  }
}

/**
 * Only one process at a time may write the read models: two runners would each apply the same
 * events. The lock is an EXCLUSIVE transaction held open on a small SQLite file, i.e. an OS
 * file lock: the kernel releases it when the process dies (even by SIGKILL), so there is no
 * stale lock to clean up, and a second connection in the same process is refused too. The
 * owner file beside it only says who holds the lock, for messages.
 */
export class OwnerLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly ownerFile?: string,
  ) {}

  static acquire(dataDir: string, holder: string): OwnerLock {
    const db = lock(dataDir);
    const info: OwnerInfo = { pid: process.pid, host: hostname(), holder, since: new Date().toISOString() };
    writeFileSync(ownerFile(dataDir), `${JSON.stringify(info)}\n`);
    return new OwnerLock(db, ownerFile(dataDir));
  }

  /** Who holds (or last held) the lock; informational only. */
  static owner(dataDir: string): OwnerInfo | undefined {
    try {
      return JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as OwnerInfo;
    } catch {
      return undefined;
    }
  }

  /**
   * The owner if it looks alive (its pid exists on this host), without touching the lock, so
   * a status check can never make a starting server fail.
   */
  static runningOwner(dataDir: string): OwnerInfo | undefined {
    const owner = OwnerLock.owner(dataDir);
    if (!owner || owner.host !== hostname()) return owner;
    try {
      process.kill(owner.pid, 0);
      return owner;
    } catch (error) {
      return (error as { code?: string }).code === 'EPERM' ? owner : undefined;
    }
  }

  /** True when some process holds the lock right now (probes it, briefly taking it if free). */
  static isHeld(dataDir: string): boolean {
    try {
      new OwnerLock(lock(dataDir)).release();
      return false;
    } catch (error) {
      if (error instanceof ReadModelsLockedError) return true;
      throw error;
    }
  }

  release(): void {
    if (!this.db.open) return;
    if (this.ownerFile) rmSync(this.ownerFile, { force: true });
    this.db.exec('ROLLBACK');
    this.db.close();
  }
}

function lock(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'read-models.lock'));
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new ReadModelsLockedError(OwnerLock.owner(dataDir));
    throw error;
  }
}

const ownerFile = (dataDir: string) => join(dataDir, 'read-models.owner.json');
