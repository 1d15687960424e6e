import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { IssuanceModule } from '../issuance/issuance.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { DocumentAuditController, IssuanceAuditController, ProposalAuditController } from './history/history.controllers';
import { HistoryService } from './history/history.service';
import { ObligationsController } from './obligations/obligations.controller';
import { ObligationsService } from './obligations/obligations.service';
import { PerformanceController } from './performance/performance.controller';
import { PerformanceService } from './performance/performance.service';
import { SubjectsService } from './subjects/subjects.service';
import { SummaryController } from './summary/summary.controller';
import { SummaryService } from './summary/summary.service';

/**
 * Reads over the projections (第三十二条 督查, auditing): obligations with 红/黄 and exports,
 * the dashboard summary, unit performance, and each item's history, past state and raw
 * events. ReadModels comes from the global ProjectionsModule.
 */
@Module({
  imports: [DocumentsModule, IssuanceModule, ProposalsModule],
  controllers: [SummaryController, ObligationsController, PerformanceController, DocumentAuditController, IssuanceAuditController, ProposalAuditController],
  providers: [ObligationsService, SummaryService, PerformanceService, SubjectsService, HistoryService],
  exports: [ObligationsService, SummaryService, PerformanceService, SubjectsService, HistoryService],
})
export class QueriesModule {}
