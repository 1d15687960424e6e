import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { keyIdOf } from './seal-format';

export interface SealKeys {
  /** Absent on verify-only machines (SEAL_PUBLIC_KEY alone). */
  privateKey?: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  keyId: string;
  /** Where the key came from, for logs and the CLI (never the key itself). */
  source: string;
  /** Set when this call generated a new key file. */
  generated?: string;
}

export class SealKeyError extends Error {}

export const generatedKeyFile = (dataDir: string) => join(dataDir, 'audit-seal-key.pem');

function ed25519(key: KeyObject, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new SealKeyError(`${source}: 审计封印密钥须为 Ed25519 (got ${key.asymmetricKeyType})`);
  return key;
}

const fromPrivate = (privateKey: KeyObject, source: string, generated?: string): SealKeys => {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, publicKeyPem, keyId: keyIdOf(publicKey), source, ...(generated ? { generated } : {}) };
};

const pemOrFile = (value: string) => (value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8'));

/** A key that does not load names its file (OpenSSL's own message does not). */
function named<T>(source: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.includes(source) ? message : `${source}: ${message}`);
  }
}

/**
 * The seal key: SEAL_PRIVATE_KEY (PEM), else SEAL_KEY_FILE, else `<dataDir>/audit-seal-key.pem`
 * — generated there (mode 0600) when `generate` is set and it does not exist yet. A
 * verify-only setup may give SEAL_PUBLIC_KEY alone.
 */
export function resolveSealKeys(config: Pick<AppConfig, 'audit' | 'dataDir'>, options: { generate: boolean }): SealKeys {
  const { sealPrivateKey, sealKeyFile, sealPublicKey } = config.audit;
  let keys: SealKeys | undefined;
  try {
    if (sealPrivateKey) keys = fromPrivate(ed25519(createPrivateKey(sealPrivateKey), 'SEAL_PRIVATE_KEY'), 'SEAL_PRIVATE_KEY');
    else if (sealKeyFile) keys = fromPrivate(ed25519(named(sealKeyFile, () => createPrivateKey(readFileSync(sealKeyFile, 'utf8'))), 'SEAL_KEY_FILE'), sealKeyFile);
    else {
      const file = generatedKeyFile(config.dataDir);
      if (existsSync(file)) keys = fromPrivate(ed25519(createPrivateKey(readFileSync(file, 'utf8')), file), file);
      else if (options.generate) {
        mkdirSync(config.dataDir, { recursive: true });
        const { privateKey } = generateKeyPairSync('ed25519');
        writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
        chmodSync(file, 0o600);
        keys = fromPrivate(privateKey, file, file);
      }
    }
    if (sealPublicKey) {
      const publicKey = ed25519(named(sealPublicKey.includes('-----BEGIN') ? 'PEM' : sealPublicKey, () => createPublicKey(pemOrFile(sealPublicKey))), 'SEAL_PUBLIC_KEY');
      if (keys && keyIdOf(publicKey) !== keys.keyId) throw new SealKeyError('SEAL_PUBLIC_KEY 与封印私钥不是一对 (does not match the private key)');
      keys ??= { publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey), source: 'SEAL_PUBLIC_KEY' };
    }
  } catch (error) {
    if (error instanceof SealKeyError) throw error;
    throw new SealKeyError(`无法读取审计封印密钥 (cannot load the seal key): ${(error as Error).message}`);
  }
  if (!keys) throw new SealKeyError(`没有审计封印密钥: 请设置 SEAL_PUBLIC_KEY、SEAL_KEY_FILE 或 SEAL_PRIVATE_KEY,或在 ${config.dataDir} 运行过服务器 (no seal key configured)`);
  return keys;
}
