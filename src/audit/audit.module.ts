import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuditController } from './audit.controller';
import { AuditService, SEAL_KEYS } from './audit.service';
import { resolveSealKeys } from './seal-keys';

/** Signed seals over the hash chains (issue 5 §4–5). */
@Module({
  controllers: [AuditController],
  providers: [
    // Resolved at start-up: a bad key stops the app with a message naming the variable.
    { provide: SEAL_KEYS, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveSealKeys(config, { generate: true }) },
    AuditService,
  ],
  exports: [AuditService],
})
export class AuditModule {}
