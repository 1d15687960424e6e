import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { OwnerLock, ReadModelsLockedError } from '../../projections/owner-lock';
import { openReadModelDatabase, readModelFile, readModelSpace } from '../../projections/read-model-database';
import type { CliCommand } from '../cli-command';

/** Sizes as the CLI prints them. */
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Gives back the space of dropped generations (each rebuild leaves the old tables' pages free;
 * SQLite reuses them but never shrinks the file by itself). VACUUM rewrites the whole file, so
 * it takes the owner lock: with a server running it refuses instead of stalling the server's
 * projections. In WAL mode the rewrite passes through a temporary copy and the -wal file,
 * so it needs about twice the live data in free disk space; it checks before starting.
 */
export const projectionsCompact: CliCommand = {
  words: ['projections', 'compact'],
  usage: 'projections compact',
  summary: '压缩读模型文件,收回重建后旧代留下的空间(须先停止服务器) reclaim the space of dropped generations',
  async run() {
    const config = loadConfig();
    const file = readModelFile(config.dataDir);
    if (!existsSync(file)) {
      process.stdout.write(`${file} 尚不存在,无需压缩 (no read models yet)\n`);
      return 0;
    }
    let lock: OwnerLock;
    try {
      lock = OwnerLock.acquire(config.dataDir, `CLI projections compact (pid ${process.pid})`);
    } catch (error) {
      if (!(error instanceof ReadModelsLockedError)) throw error;
      process.stderr.write(`${error.message}\n压缩须重写整个文件,请先停止该进程 (stop it first: VACUUM rewrites the whole file)\n`);
      return 1;
    }
    const db = openReadModelDatabase(file, config.readModelSynchronous);
    try {
      const before = readModelSpace(db);
      if (before.reclaimableBytes === 0) {
        process.stdout.write(`${file}: ${mb(before.bytes)},没有可回收的空间 (nothing to reclaim)\n`);
        return 0;
      }
      const live = before.bytes - before.reclaimableBytes;
      const disk = statfsSync(dirname(file));
      const available = disk.bavail * disk.bsize;
      if (available < 2 * live) {
        process.stderr.write(`磁盘空间不足:压缩约需 ${mb(2 * live)},可用 ${mb(available)} (not enough free disk space)\n`);
        return 1;
      }
      process.stdout.write(`压缩 compacting ${file}: ${mb(before.bytes)},可回收 reclaimable ${mb(before.reclaimableBytes)} …\n`);
      const started = Date.now();
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const after = readModelSpace(db);
      process.stdout.write(`完成 done in ${((Date.now() - started) / 1000).toFixed(1)}s: ${mb(before.bytes)} → ${mb(after.bytes)}\n`);
      return 0;
    } finally {
      db.close();
      lock.release();
    }
  },
};
