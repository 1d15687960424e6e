import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

export type AuthKeys =
  | { kind: 'secret'; secret: string; generatedFile?: string }
  | { kind: 'public-key'; publicKey: string };

/**
 * The configured secret or public key. With neither, a secret is generated once into
 * `<dataDir>/auth-secret` (mode 0600) so the embedded default works out of the box and
 * `token mint` on the same machine signs tokens the server accepts.
 */
export function resolveAuthKeys(config: Pick<AppConfig, 'auth' | 'dataDir'>): AuthKeys {
  if (config.auth.secret) return { kind: 'secret', secret: config.auth.secret };
  if (config.auth.publicKey) {
    const value = config.auth.publicKey;
    const pem = value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
    return { kind: 'public-key', publicKey: pem };
  }
  const file = join(config.dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return { kind: 'secret', secret: readFileSync(file, 'utf8').trim(), generatedFile: file };
}
