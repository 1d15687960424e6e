import { Inject, Injectable } from '@nestjs/common';
import type { AggregateDefinition } from '../command-handling/aggregate-definition';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Directory } from '../directory';
import { CALENDAR, DIRECTORY } from '../domain-deps/domain-deps.module';
import { schemaVersionOf } from '../../events/document-catalogue';
import { deserializeDocumentEvent } from '../../events/document-upcast';
import type { DocumentEvent } from '../../events/document-events';
import { documentDecider } from './domain/document.decider';
import type { DocumentCommand } from './domain/document-commands';
import type { DocumentDeps } from './domain/document-deps';
import type { DocumentState } from './domain/document-state';

/** 收文/交办 documents: streams `document-<uuid>`. */
@Injectable()
export class DocumentAggregate implements AggregateDefinition<DocumentState, DocumentCommand, DocumentEvent, DocumentDeps> {
  readonly name = 'document';
  readonly decider = documentDecider;
  readonly schemaVersionOf = schemaVersionOf;
  readonly deserialize = deserializeDocumentEvent;
  private readonly resolved: DocumentDeps;

  constructor(@Inject(CALENDAR) calendar: WorkingCalendar, @Inject(DIRECTORY) directory: Directory) {
    this.resolved = { calendar, directory };
  }

  deps = (): DocumentDeps => this.resolved;
}
