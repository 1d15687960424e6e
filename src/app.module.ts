import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CommandHandlingModule } from './command-handling/command-handling.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { ProjectionsModule } from './projections/projections.module';
import { DomainDepsModule } from './domain-deps/domain-deps.module';
import { DocumentsModule } from './documents/documents.module';
import { IssuanceModule } from './issuance/issuance.module';
import { ProposalsModule } from './proposals/proposals.module';
import { QueriesModule } from './queries/queries.module';
import { SecurityModule } from './security/security.module';
import { AuditModule } from './audit/audit.module';
import { LiveModule } from './live/live.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventStoreModule,
        AuthModule,
        SecurityModule,
        CommandHandlingModule,
        DomainDepsModule,
        ProjectionsModule.forRoot(),
        HealthModule,
        DocumentsModule,
        IssuanceModule,
        ProposalsModule,
        QueriesModule,
        AuditModule,
        LiveModule,
      ],
    };
  }
}
