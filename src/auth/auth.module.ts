import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Directory } from '../directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import { resolveAuthKeys } from './auth-keys';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './tokens';

@Global()
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG, DIRECTORY],
      useFactory: (config: AppConfig, directory: Directory) => new TokenVerifier(resolveAuthKeys(config), config.auth.issuer, config.auth.audience, directory),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
