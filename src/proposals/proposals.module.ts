import { Module } from '@nestjs/common';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Directory } from '../directory';
import { CALENDAR, DIRECTORY } from '../domain-deps/domain-deps.module';
import { ProposalsController } from './http/proposals.controller';
import { PROPOSAL_AGGREGATE, proposalAggregate, type ProposalAggregate } from './proposal.aggregate';

/** 人大代表建议 / 政协委员提案: REST endpoints and the aggregate on the one command path. */
@Module({
  controllers: [ProposalsController],
  providers: [
    {
      provide: PROPOSAL_AGGREGATE,
      inject: [CALENDAR, DIRECTORY],
      // Default policy (3 months / 1 month / 1 month); pass `policy` here to configure it.
      useFactory: (calendar: WorkingCalendar, directory: Directory): ProposalAggregate => proposalAggregate({ calendar, directory }),
    },
  ],
  exports: [PROPOSAL_AGGREGATE],
})
export class ProposalsModule {}
