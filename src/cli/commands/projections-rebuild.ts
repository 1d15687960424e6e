import type { ProjectionDefinition } from '../../../projections/projection';
import { loadConfig, type AppConfig } from '../../config/app-config';
import { createEventStore } from '../../event-store/create-event-store';
import type { EventStore } from '../../event-store/event-store.port';
import { eventsBetween } from '../../projections/lag';
import { loadAllProjections } from '../../projections/load-all-projections';
import { ReadModelsLockedError } from '../../projections/owner-lock';
import { ProjectionRunner } from '../../projections/projection-runner';
import { openReadModelDatabase, readModelFile } from '../../projections/read-model-database';
import { ProjectionRegistry } from '../../projections/registry';
import { type CliCommand, parseOptions } from '../cli-command';
import { ProgressBar } from './projections-progress';

/**
 * Rebuilds into new generations and switches readers over once caught up.
 *
 * Two processes: only one process may write the read models (an OS file lock, see
 * src/projections/owner-lock.ts). With no server running, this command takes the lock and
 * rebuilds itself (a server started meanwhile refuses to start until it is done). With a
 * server running, it does not touch the tables: it records a rebuild request in the registry
 * (one small write; WAL and busy_timeout make it safe beside the server), the server picks it
 * up within a second and rebuilds in the background while the old generation keeps serving,
 * and this command follows the progress from the registry until the switch-over.
 */
export const projectionsRebuild = projectionsRebuildCommand(loadAllProjections);

/** `definitions` is a function so the list loads only when the command runs (and tests can pass theirs). */
export function projectionsRebuildCommand(definitionsOf: () => ProjectionDefinition[]): CliCommand {
  return {
    words: ['projections', 'rebuild'],
    usage: 'projections rebuild [name…]',
    summary: '重建投影(无名称则全部),显示进度 rebuild projections with a progress bar',
    async run(args) {
      const { positional } = parseOptions(args);
      const definitions = definitionsOf();
      const known = definitions.map((d) => d.name);
      const names = positional.length > 0 ? positional : known;
      const unknown = names.filter((n) => !known.includes(n));
      if (names.length === 0 || unknown.length > 0) {
        process.stderr.write(`${unknown.length ? `未知投影 unknown: ${unknown.join(', ')}\n` : ''}已注册 registered: ${known.join(', ') || '(none)'}\n`);
        return 2;
      }
      const config = loadConfig();
      const store = createEventStore(config);
      const runner = new ProjectionRunner({
        store,
        dataDir: config.dataDir,
        synchronous: config.readModelSynchronous,
        definitions,
        holder: `CLI projections rebuild (pid ${process.pid})`,
        retireGraceMs: 0, // no readers in this process
      });
      const bar = new ProgressBar();
      const label = `重建 ${names.join(',')}`;
      try {
        try {
          runner.open();
        } catch (error) {
          if (!(error instanceof ReadModelsLockedError)) throw error;
          process.stderr.write(`${error.message}\n→ 请求该进程重建 asking it to rebuild, following its progress…\n`);
          return await requestAndFollow(config, store, names, bar, label);
        }
        const result = await runner.rebuild(names, (p) =>
          bar.update({ label, done: p.processed, remaining: p.remaining.exact ? p.remaining.events : null, eventsPerSecond: p.eventsPerSecond, etaSeconds: p.etaSeconds }),
        );
        const seconds = result.elapsedMs / 1000;
        bar.finish(
          `完成 done: ${Object.entries(result.generations).map(([n, g]) => `${n}→g${g}`).join(', ')} · ` +
            `${result.events.toLocaleString('en-US')} 事件 in ${seconds.toFixed(1)}s (${Math.round(result.events / Math.max(seconds, 0.001)).toLocaleString('en-US')} ev/s)`,
        );
        return 0;
      } catch (error) {
        bar.finish(`失败 failed: ${(error as Error).message}`);
        return 1;
      } finally {
        await runner.stop();
        await store.close();
      }
    },
  };
}

/** The server owns the read models: ask through the registry, then watch the new generations. */
async function requestAndFollow(config: AppConfig, store: EventStore, names: string[], bar: ProgressBar, label: string): Promise<number> {
  const db = openReadModelDatabase(readModelFile(config.dataDir), config.readModelSynchronous);
  try {
    const registry = new ProjectionRegistry(db);
    const before = new Map(names.map((n) => [n, registry.projection(n)?.activeGeneration ?? 0]));
    db.transaction(() => names.forEach((n) => registry.requestRebuild(n)))();
    const started = Date.now();
    let firstRemaining: number | undefined;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const pending = names.filter((n) => (registry.projection(n)?.activeGeneration ?? 0) <= before.get(n)!);
      if (pending.length === 0) {
        bar.finish(`完成 done: ${names.map((n) => `${n}→g${registry.projection(n)!.activeGeneration}`).join(', ')}`);
        return 0;
      }
      const building = pending.map((n) => registry.generations(n).filter((g) => g.generation > before.get(n)! && g.state !== 'retired').at(-1));
      const failed = building.find((g) => g?.state === 'failed');
      if (failed) {
        bar.finish(`失败 failed: ${failed.name} at ${failed.failure?.position} (${failed.failure?.eventType}): ${failed.failure?.error.split('\n')[0]}`);
        return 1;
      }
      if (building.some((g) => g === undefined)) {
        if (Date.now() - started > 10_000) {
          bar.finish('持有读模型的进程未接受重建请求(它可能是另一个 CLI 重建进程);请求已保留,服务器下次启动时执行');
          return 1;
        }
        continue;
      }
      const checkpoint = building.map((g) => g!.checkpoint).reduce((a, b) => (b < a ? b : a));
      const remaining = await eventsBetween(store, checkpoint, await store.headPosition());
      firstRemaining ??= remaining.events;
      const done = Math.max(0, firstRemaining - remaining.events);
      const rate = (done * 1000) / Math.max(1, Date.now() - started);
      bar.update({ label, done, remaining: remaining.exact ? remaining.events : null, eventsPerSecond: rate, etaSeconds: rate > 0 && remaining.exact ? remaining.events / rate : null });
    }
  } finally {
    db.close();
  }
}
