import { existsSync } from 'node:fs';
import type { ProjectionDefinition } from '../../../projections/projection';
import { loadConfig } from '../../config/app-config';
import { createEventStore } from '../../event-store/create-event-store';
import { formatLag } from '../../projections/lag';
import { loadAllProjections, loadRetiredProjections } from '../../projections/load-all-projections';
import { OwnerLock } from '../../projections/owner-lock';
import type { GenerationStatus } from '../../projections/projection-status';
import { describeProjections } from '../../projections/projection-status';
import { openReadOnly, readModelFile, readModelSpace } from '../../projections/read-model-database';
import { ProjectionRegistry } from '../../projections/registry';
import { type CliCommand, parseOptions } from '../cli-command';
import { mb } from './projections-compact';

/**
 * Reads the registry through a read-only connection (WAL: safe beside a running server) and
 * the store's head. Exits 1 when a projection has failed, so scripts and cron can alert.
 */
export const projectionsStatus = projectionsStatusCommand(loadAllProjections, loadRetiredProjections);

export function projectionsStatusCommand(definitionsOf: () => ProjectionDefinition[], retiredOf: () => string[] = () => []): CliCommand {
  return {
    words: ['projections', 'status'],
    usage: 'projections status [--json]',
    summary: '投影状态:检查点、落后事件数、状态、错误 (checkpoint, lag, state, error)',
    async run(args) {
      const { options } = parseOptions(args);
      const config = loadConfig();
      const file = readModelFile(config.dataDir);
      if (!existsSync(file)) {
        process.stdout.write(`${file} 尚不存在:服务器首次启动时创建读模型 (no read models yet)\n`);
        return 0;
      }
      const store = createEventStore(config);
      const db = openReadOnly(file);
      try {
        const statuses = await describeProjections(new ProjectionRegistry(db), definitionsOf(), store);
        const owner = OwnerLock.runningOwner(config.dataDir);
        const space = readModelSpace(db);
        if (options.json) {
          const json = { running: owner !== undefined, owner: owner ?? null, file: { path: file, ...space }, projections: statuses };
          process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        } else {
          const head = statuses[0]?.head ?? (await store.headPosition());
          process.stdout.write(
            `事件存储末尾 head: ${head || '(empty)'} · ${owner ? `运行中 run by ${owner.holder} since ${owner.since}` : '无进程运行投影 (no process is running projections)'}\n`,
          );
          const rows: string[][] = [['projection', 'code', 'generation', 'state', 'checkpoint', 'lag', 'error']];
          const row = (label: string, version: string, g: GenerationStatus | undefined, state: string) =>
            rows.push([
              label,
              version,
              g ? `g${g.generation} v${g.version}` : '—',
              state,
              g?.checkpoint || (g ? '(start)' : '—'),
              formatLag(g?.lag ?? null),
              g?.failure ? `${g.failure.eventType} @ ${g.failure.position}: ${g.failure.error.split('\n')[0]}` : '',
            ]);
          const retired = new Set(retiredOf());
          const code = (s: (typeof statuses)[number]) =>
            s.version !== null ? `v${s.version}` : retired.has(s.name) ? '(retired: dropped at next server start 下次启动时删除)' : '(not in code)';
          for (const s of statuses) {
            row(s.name, code(s), s.active, s.state);
            if (s.rebuild) row('  ↳ rebuild', '', s.rebuild, s.rebuild.state);
          }
          const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
          for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
          process.stdout.write(
            `读模型文件 read models: ${mb(space.bytes)}` +
              (space.reclaimableBytes > 0 ? `,其中 ${mb(space.reclaimableBytes)} 可回收 reclaimable (停止服务器后 projections compact)\n` : '\n'),
          );
        }
        return statuses.some((s) => s.failure) ? 1 : 0;
      } finally {
        db.close();
        await store.close();
      }
    },
  };
}
