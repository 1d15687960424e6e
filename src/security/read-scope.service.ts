import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../domain/decider';
import type { Directory } from '../directory';
import { DIRECTORY } from '../domain-deps/domain-deps.module';
import type { StoredEvent } from '../event-store/event-store.port';
import { canRead, readScopeFor, type ReadScope } from './read-scope';
import { subjectOfStream, type ReadSubject } from './read-subjects';

/**
 * The read policy as a service: list endpoints, exports and SSE take `scopeFor(actor)` and
 * filter with it (or with `canRead` per row); by-id endpoints are covered by ReadScopeGuard.
 */
@Injectable()
export class ReadScopeService {
  constructor(@Inject(DIRECTORY) private readonly directory: Directory) {}

  scopeFor(actor: Actor): ReadScope {
    return readScopeFor(actor, this.directory);
  }

  canRead(actor: Actor, subject: ReadSubject): boolean {
    return canRead(this.scopeFor(actor), subject);
  }

  /** For a stream read by id; streams with no read subject (audit, sequences) need the all scope. */
  canReadStream(actor: Actor, streamId: string, events: StoredEvent[]): boolean {
    const scope = this.scopeFor(actor);
    if (scope.all) return true;
    const subject = subjectOfStream(streamId, events);
    return subject !== undefined && canRead(scope, subject);
  }
}
