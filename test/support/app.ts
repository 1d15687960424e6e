import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createApp } from '../../src/app.factory';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { mintToken, type TokenClaims } from '../../src/auth/tokens';
import { CLOCK, type Clock } from '../../src/command-handling/clock';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  clock: MutableClock;
  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'unit' | 'roles'>): string;
  close(): Promise<void>;
}

/** A clock tests can move; the app reads time only through it. */
export class MutableClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** The real app (all modules, filters, pipes) on a fresh temp data dir, driven by inject(). */
export async function startTestApp(env: Record<string, string> = {}, now = '2026-11-30T01:00:00.000Z'): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent', ...env });
  const app = await createApp(config, pino({ level: 'silent' }));
  const clock = new MutableClock(new Date(now));
  // Swap the clock before init: every command then sees test time.
  (app.get(CLOCK) as { now: () => Date }).now = () => clock.now();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    clock,
    token: (claims) =>
      mintToken(
        { sub: claims.sub ?? `user-${claims.unit}`, name: claims.name ?? '测试用户', ...claims },
        { secret: TEST_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresInSeconds: 3600 },
      ),
    close: () => app.close(),
  };
}
