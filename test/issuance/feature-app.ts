import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { mintToken, type TokenClaims } from '../../src/auth/tokens';
import { CLOCK } from '../../src/command-handling/clock';
import { loadConfig, type AppConfig } from '../../src/config/app-config';
import { AllExceptionsFilter } from '../../src/http/all-exceptions.filter';
import { createValidationPipe } from '../../src/http/validation.pipe';
import { IssuanceModule } from '../../src/issuance/issuance.module';
import { ProposalsModule } from '../../src/proposals/proposals.module';
import { MutableClock, TEST_SECRET } from '../support/app';

/** The app's own modules plus the two feature modules, until the lead registers them in AppModule. */
@Module({})
class FeatureTestRoot {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: FeatureTestRoot, imports: [AppModule.forRoot(config), IssuanceModule, ProposalsModule] };
  }
}

export interface FeatureApp {
  app: NestFastifyApplication;
  clock: MutableClock;
  token(claims: Partial<TokenClaims> & Pick<TokenClaims, 'unit' | 'roles'>): string;
  close(): Promise<void>;
}

/** Same filters, pipes and auth as createApp, on a fresh SQLite data dir. */
export async function startFeatureApp(now: string): Promise<FeatureApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gw-feature-'));
  const config = loadConfig({ DATA_DIR: dataDir, AUTH_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(FeatureTestRoot.forRoot(config), new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  const clock = new MutableClock(new Date(now));
  (app.get(CLOCK) as { now: () => Date }).now = () => clock.now();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    clock,
    token: (claims) =>
      mintToken(
        { sub: claims.sub ?? `user-${claims.unit}-${claims.roles.join('-')}`, name: claims.name ?? '测试用户', ...claims },
        { secret: TEST_SECRET, issuer: config.auth.issuer, audience: config.auth.audience, expiresInSeconds: 3600 },
      ),
    close: () => app.close(),
  };
}
