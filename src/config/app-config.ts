import { isAbsolute, resolve } from 'node:path';
import type { SynchronousMode } from '../event-store/sqlite/schema';

/** Everything configurable, read once from the environment at start-up (README: 配置). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  sqliteSynchronous: SynchronousMode;
  /** Read models are derived and rebuilt from the events: atomic commits suffice (NORMAL). */
  readModelSynchronous: SynchronousMode;
  /** Unset: the embedded SQLite store. */
  eventStoreConnectionString?: string;
  auth: {
    /** HS256 shared secret; when neither it nor publicKey is set, one is generated in dataDir. */
    secret?: string;
    /** PEM public key (or a path to one) for RS256/ES256/EdDSA tokens from an external issuer. */
    publicKey?: string;
    issuer: string;
    audience: string;
  };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  corsOrigins: string[];
  bodyLimitBytes: number;
  readYourWritesTimeoutMs: number;
  /** Writes per token per minute on command endpoints. */
  writeRateLimitPerMinute: number;
  calendarOverrideFile?: string;
  directoryFile?: string;
  audit: {
    /** Periodic seal interval; 0 turns periodic sealing off (on demand still works). */
    sealIntervalMs: number;
    /** Ed25519 private key, PEM (PKCS#8) in the environment … */
    sealPrivateKey?: string;
    /** … or a path to one. With neither, one is generated into dataDir (mode 0600). */
    sealKeyFile?: string;
    /** Ed25519 public key (PEM or path) for verify-only machines, e.g. an auditor's. */
    sealPublicKey?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const SYNC_MODES: SynchronousMode[] = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const LOG_LEVELS: AppConfig['logLevel'][] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Validates every variable and reports all problems at once, naming the variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: 应为 ${min}–${max} 之间的整数 (an integer from ${min} to ${max})`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: T[], fallback: T, normalise = (s: string) => s): T => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = normalise(raw) as T;
    if (!allowed.includes(value)) {
      problems.push(`${name}=${JSON.stringify(raw)}: 取值应为 ${allowed.join(' | ')} (one of these)`);
      return fallback;
    }
    return value;
  };
  const path = (raw: string) => (isAbsolute(raw) ? raw : resolve(cwd, raw));

  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim() || undefined;
  if (connection && !/^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover):\/\//.test(connection)) {
    problems.push('EVENTSTORE_CONNECTION_STRING: 应以 esdb:// 或 esdb+discover:// 开头 (must start with esdb:// or esdb+discover://)');
  }
  const secret = env.AUTH_TOKEN_SECRET || undefined;
  if (secret !== undefined && secret.length < 32) {
    problems.push('AUTH_TOKEN_SECRET: 至少 32 个字符 (at least 32 characters)');
  }
  const publicKey = env.AUTH_PUBLIC_KEY || undefined;
  if (secret && publicKey) problems.push('AUTH_TOKEN_SECRET 与 AUTH_PUBLIC_KEY 只能设置一个 (set only one of them)');
  const sealPrivateKey = env.SEAL_PRIVATE_KEY?.replace(/\\n/g, '\n') || undefined;
  const sealKeyFile = env.SEAL_KEY_FILE || undefined;
  if (sealPrivateKey && sealKeyFile) problems.push('SEAL_PRIVATE_KEY 与 SEAL_KEY_FILE 只能设置一个 (set only one of them)');
  if (sealPrivateKey && !sealPrivateKey.includes('-----BEGIN')) problems.push('SEAL_PRIVATE_KEY: 应为 PEM 格式的 Ed25519 私钥 (a PEM Ed25519 private key)');

  const config: AppConfig = {
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path(env.DATA_DIR || './data'),
    sqliteSynchronous: oneOf('SQLITE_SYNCHRONOUS', SYNC_MODES, 'FULL', (s) => s.toUpperCase()),
    readModelSynchronous: oneOf('READ_MODELS_SYNCHRONOUS', SYNC_MODES, 'NORMAL', (s) => s.toUpperCase()),
    eventStoreConnectionString: connection,
    auth: {
      secret,
      publicKey,
      issuer: env.AUTH_ISSUER || 'gongwen-duban',
      audience: env.AUTH_AUDIENCE || 'gongwen-duban-api',
    },
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info', (s) => s.toLowerCase()),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    readYourWritesTimeoutMs: int('READ_YOUR_WRITES_TIMEOUT_MS', 5000, 0, 60000),
    writeRateLimitPerMinute: int('WRITE_RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000),
    calendarOverrideFile: env.CALENDAR_OVERRIDE_FILE ? path(env.CALENDAR_OVERRIDE_FILE) : undefined,
    directoryFile: env.DIRECTORY_FILE ? path(env.DIRECTORY_FILE) : undefined,
    audit: {
      sealIntervalMs: int('SEAL_INTERVAL_MS', 10 * 60 * 1000, 0, 7 * 24 * 3600 * 1000),
      sealPrivateKey,
      sealKeyFile: sealKeyFile ? path(sealKeyFile) : undefined,
      sealPublicKey: env.SEAL_PUBLIC_KEY ? (env.SEAL_PUBLIC_KEY.includes('-----BEGIN') ? env.SEAL_PUBLIC_KEY.replace(/\\n/g, '\n') : path(env.SEAL_PUBLIC_KEY)) : undefined,
    },
  };
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS: ${JSON.stringify(origin)} 不是合法的来源 (expected like https://host:port)`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
