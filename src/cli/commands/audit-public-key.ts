import { resolveSealKeys } from '../../audit/seal-keys';
import { loadConfig } from '../../config/app-config';
import type { CliCommand } from '../cli-command';

/** Prints the seal public key (PEM) and its id; the private key is never printed. */
export const auditPublicKey: CliCommand = {
  words: ['audit', 'public-key'],
  usage: 'audit public-key',
  summary: '打印审计封印公钥 (Ed25519 PEM) 及其 keyId',
  async run() {
    const keys = resolveSealKeys(loadConfig(), { generate: false });
    process.stdout.write(`# keyId ${keys.keyId}\n${keys.publicKeyPem}`);
    return 0;
  },
};
