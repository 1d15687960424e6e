import { resolveSealKeys } from '../../audit/seal-keys';
import { Sealer } from '../../audit/sealer';
import { loadConfig } from '../../config/app-config';
import { createEventStore } from '../../event-store/create-event-store';
import { type CliCommand, parseOptions } from '../cli-command';

/** Seals now from the command line (needs the private seal key, as the server uses). */
export const auditSeal: CliCommand = {
  words: ['audit', 'seal'],
  usage: 'audit seal [--json]',
  summary: '立即审计封印:签名的 Merkle 根,写入审计流 audit-seals',
  async run(args) {
    const { options } = parseOptions(args);
    const config = loadConfig();
    const keys = resolveSealKeys(config, { generate: true });
    if (keys.generated) process.stderr.write(`已生成审计封印密钥 ${keys.generated} (mode 0600),请备份\n`);
    const store = createEventStore(config);
    try {
      const { seal, created } = await new Sealer(store, keys, () => new Date()).seal({
        id: 'cli:audit-seal',
        name: '命令行审计封印',
        unit: 'system',
        roles: [],
      });
      const { heads, ...summary } = seal;
      if (options.json) process.stdout.write(`${JSON.stringify({ ...summary, changedStreams: heads?.length ?? null, created }, null, 2)}\n`);
      else {
        process.stdout.write(
          `${created ? '已封印' : '自上次封印后没有新事件,最新封印'} #${seal.sealNo}: 至位置 ${seal.position || '(空)'}, ${seal.events} 个事件, ${seal.streams} 个流\nMerkle 根 ${seal.merkleRoot}\n锚定 anchor: ${seal.sealNo}:${seal.merkleRoot}\n`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
