import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { resolveAuthKeys } from './auth-keys';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './tokens';

@Global()
@Module({
  providers: [
    {
      provide: TokenVerifier,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new TokenVerifier(resolveAuthKeys(config), config.auth.issuer, config.auth.audience),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
