import { Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CLOCK, type Clock } from '../command-handling/clock';
import type { CommandRequest } from '../command-handling/command-executor';
import { ExecuteCommand } from '../command-handling/execute.command';
import type { Directory } from '../directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { IssuanceController } from './http/issuance.controller';
import { IssueDocumentService } from './issue-document.service';
import { COMMAND_AUTHORIZER, type CommandAuthorizer } from '../security/command-authorizer';
import { ISSUANCE_AGGREGATE, issuanceAggregate, type IssuanceAggregate } from './issuance.aggregate';
import { DocumentNumberSequence } from './numbering/document-number-sequence';

/** Finishes any 印发 a crash interrupted between numbering and the issued event. */
@Injectable()
class IssueCompletionOnStartup implements OnApplicationBootstrap {
  constructor(private readonly service: IssueDocumentService) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.service.completePending();
  }
}

/** 发文: REST endpoints, the aggregate on the one command path, the 发文字号 sequence. */
@Module({
  controllers: [IssuanceController],
  providers: [
    // Typing `directory` as the decider's port checks that src/directory satisfies it.
    { provide: ISSUANCE_AGGREGATE, inject: [DIRECTORY], useFactory: (directory: Directory): IssuanceAggregate => issuanceAggregate({ directory }) },
    { provide: DocumentNumberSequence, inject: [EVENT_STORE], useFactory: (store: EventStore) => new DocumentNumberSequence(store) },
    {
      provide: IssueDocumentService,
      inject: [EVENT_STORE, CommandBus, ISSUANCE_AGGREGATE, DocumentNumberSequence, CLOCK, COMMAND_AUTHORIZER],
      useFactory: (store: EventStore, bus: CommandBus, aggregate: IssuanceAggregate, sequence: DocumentNumberSequence, clock: Clock, authorizer: CommandAuthorizer) =>
        new IssueDocumentService(store, { execute: (r: CommandRequest<{ type: string }>) => bus.execute(new ExecuteCommand(r)) }, aggregate, sequence, clock, authorizer),
    },
    IssueCompletionOnStartup,
  ],
  exports: [ISSUANCE_AGGREGATE, IssueDocumentService],
})
export class IssuanceModule {}
