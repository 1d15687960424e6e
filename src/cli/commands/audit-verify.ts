import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeIssue } from '../../audit/audit-issues';
import { verifyStore } from '../../audit/audit-verifier';
import { keyIdOf, publicKeyFromPem } from '../../audit/seal-format';
import { resolveSealKeys } from '../../audit/seal-keys';
import { loadConfig } from '../../config/app-config';
import { createEventStore } from '../../event-store/create-event-store';
import { type CliCommand, parseOptions } from '../cli-command';
import { progressBar } from './audit-progress';

/**
 * Recomputes every hash chain and checks every seal; exits 1 naming each stream/revision or
 * seal that fails. `--anchor N:root` also checks a seal recorded outside the system, which
 * is what detects a store truncated back to an earlier, consistent state.
 */
export const auditVerify: CliCommand = {
  words: ['audit', 'verify'],
  usage: 'audit verify [--public-key file] [--anchor N:root] [--json] [--quiet]',
  summary: '审计核验:重算全部哈希链,核对每个封印的签名与 Merkle 根',
  async run(args) {
    const { options } = parseOptions(args);
    const anchored = options.anchor === undefined ? undefined : parseAnchor(options.anchor);
    if (anchored === null) {
      process.stderr.write(`--anchor 应为 N:merkleRoot (封印号:64 位十六进制 Merkle 根, as printed by audit seal), got ${JSON.stringify(options.anchor)}\nusage: ${this.usage}\n`);
      return 2;
    }
    const config = loadConfig();
    const { publicKey, keyId } = typeof options['public-key'] === 'string'
      ? (() => {
          const key = publicKeyFromPem(readFileSync(options['public-key'] as string, 'utf8'));
          return { publicKey: key, keyId: keyIdOf(key) };
        })()
      : resolveSealKeys(config, { generate: false });
    const store = createEventStore(config);
    const bar = options.quiet || options.json ? undefined : progressBar();
    const started = Date.now();
    try {
      const report = await verifyStore(store, {
        publicKey,
        keyId,
        ...(bar ? { onProgress: (p: { events: number; position: string; head: string }) => bar.update(p.events, p.position, p.head) } : {}),
        ...(config.eventStoreConnectionString ? {} : { streamIndex: sqliteStreamIndex(join(config.dataDir, 'events.sqlite')) }),
      });
      bar?.done();
      const anchor = anchored ? checkAnchor(anchored, await store.readStream('audit-seals')) : undefined;
      const seconds = (Date.now() - started) / 1000;
      const ok = report.ok && anchor !== false;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...report, ok, anchor: anchor ?? null, seconds }, null, 2)}\n`);
      } else {
        const last = report.seals.last;
        const out = [
          `${ok ? '✓ 未发现篡改 (clean)' : '✗ 发现篡改 (TAMPERED)'} · ${report.events} 个事件, ${report.streams} 个流, ${seconds.toFixed(1)} 秒 · 公钥 ${keyId}`,
          `封印 seals: ${report.seals.count} 个 (${report.seals.valid} 个签名有效)${last ? `, 最新 #${last.sealNo} 至位置 ${last.position} (${last.sealedAt}), Merkle 根 ${last.merkleRoot}` : ''}`,
          `未封印 unsealed: ${report.unsealedEvents} 个事件${last ? '' : ' (尚无封印: POST /audit/seals 或 audit seal)'}`,
          ...(anchor === undefined ? [] : [anchor ? `✓ 外部锚定的封印 ${options.anchor} 一致` : `✗ 外部锚定的封印 ${options.anchor} 不存在或不一致 (store truncated or replaced?)`]),
          ...report.issues.map((i) => `  ${describeIssue(i)}`),
          ...(report.issueCount > report.issues.length ? [`  … 另有 ${report.issueCount - report.issues.length} 处`] : []),
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      }
      return ok ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

/** The embedded store's own stream index, read-only (safe beside a running server). */
function sqliteStreamIndex(file: string): Map<string, number> | undefined {
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT stream_id AS id, revision FROM streams').all() as { id: string; revision: number }[];
    return new Map(rows.map((r) => [r.id, r.revision]));
  } finally {
    db.close();
  }
}

type Anchor = { sealNo: number; merkleRoot: string };

/** `N:merkleRoot`; null when malformed, a usage error rather than a tamper finding. */
function parseAnchor(value: string | true): Anchor | null {
  const match = typeof value === 'string' ? /^([1-9]\d{0,15}):([0-9a-fA-F]{64})$/.exec(value.trim()) : null;
  return match ? { sealNo: Number(match[1]), merkleRoot: match[2]!.toLowerCase() } : null;
}

function checkAnchor(anchor: Anchor, seals: { data: Record<string, unknown> }[]): boolean {
  return seals.some((s) => s.data.sealNo === anchor.sealNo && s.data.merkleRoot === anchor.merkleRoot);
}
