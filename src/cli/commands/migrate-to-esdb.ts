import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EsdbEventStore } from '../../event-store/esdb/esdb-event-store';
import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store';
import { type CliCommand, parseOptions } from '../cli-command';
import { type MigrationCheckpointStore, MigrationConflictError, migrateEvents } from './migrate-events';

/**
 * `migrate to-eventstoredb`: copies the embedded store into EventStoreDB in global order,
 * keeping event ids. Restartable: progress is checkpointed per page, and re-sent events are
 * idempotent on the server, so an interrupted run is simply run again.
 */
export const migrateToEventStoreDb: CliCommand = {
  words: ['migrate', 'to-eventstoredb'],
  usage: 'migrate to-eventstoredb [--to esdb://…] [--from file] [--page-size n] [--checkpoint file] [--restart]',
  summary: '把内置 SQLite 事件库按全局顺序复制到 EventStoreDB,可断点续传 (copy events, resumable)',
  async run(args) {
    const { options } = parseOptions(args);
    const dataDir = resolve(process.env.DATA_DIR || './data');
    const from = resolve(typeof options.from === 'string' ? options.from : join(dataDir, 'events.sqlite'));
    const to = typeof options.to === 'string' ? options.to : process.env.EVENTSTORE_CONNECTION_STRING?.trim();
    const pageSize = typeof options['page-size'] === 'string' ? Number(options['page-size']) : 500;
    const checkpointFile = typeof options.checkpoint === 'string' ? resolve(options.checkpoint) : `${from}.migrate-to-eventstoredb.json`;
    if (!to) {
      process.stderr.write('需要目标 --to esdb://… 或 EVENTSTORE_CONNECTION_STRING (target connection string required)\n');
      return 2;
    }
    if (!existsSync(from)) {
      process.stderr.write(`源事件库不存在 source not found: ${from}\n`);
      return 2;
    }
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
      process.stderr.write('--page-size 应为 1–10000 的整数 (an integer from 1 to 10000)\n');
      return 2;
    }
    if (options.restart === true) rmSync(checkpointFile, { force: true });

    const source = new SqliteEventStore({ file: from });
    const target = EsdbEventStore.connect(to);
    const stop = new AbortController();
    const interrupt = () => {
      process.stderr.write('\n收到中断,保存检查点后退出 (stopping after this page)\n');
      stop.abort();
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      await target.ping();
      const total = (source.database.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      const checkpoint = fileCheckpoint(checkpointFile, from);
      const resumed = await checkpoint.load();
      process.stderr.write(
        `${from} → ${redact(to)}: ${total} 个事件 events` + (resumed ? `, 从检查点续传 resuming after ${resumed.copied}\n` : '\n'),
      );
      const result = await migrateEvents(source, target, checkpoint, {
        pageSize,
        signal: stop.signal,
        onProgress: ({ copied }) => process.stderr.write(`已复制 copied ${copied}/${total} (${((copied / Math.max(total, 1)) * 100).toFixed(1)}%)\n`),
      });
      if (!result.complete) {
        process.stderr.write(`已中断 interrupted after ${result.copied} events; run the same command again to resume\n`);
        return 130;
      }
      process.stdout.write(
        `完成 done: ${result.copied} 个事件已在 EventStoreDB 中 (all copied, ids preserved).\n` +
          '下一步 next: set EVENTSTORE_CONNECTION_STRING, start the app, then `projections rebuild` — read-model checkpoints refer to SQLite positions.\n',
      );
      return 0;
    } catch (error) {
      if (error instanceof MigrationConflictError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    } finally {
      process.off('SIGINT', interrupt);
      process.off('SIGTERM', interrupt);
      await Promise.allSettled([source.close(), target.close()]);
    }
  },
};

/** A JSON file next to the source, replaced atomically; it refuses to resume a different source. */
export function fileCheckpoint(file: string, source: string): MigrationCheckpointStore {
  return {
    async load() {
      if (!existsSync(file)) return undefined;
      const state = JSON.parse(readFileSync(file, 'utf8')) as { source: string; position: string; copied: number };
      if (state.source !== source) throw new Error(`checkpoint ${file} belongs to ${state.source}; pass --restart to start over`);
      return { position: state.position, copied: state.copied };
    },
    async save({ position, copied }) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ source, position, copied, savedAt: new Date().toISOString() }));
      renameSync(tmp, file);
    },
  };
}

const redact = (connection: string) => connection.replace(/\/\/[^@/]*@/, '//***@');
