import { type CanActivate, type ExecutionContext, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../auth/public.decorator';
import { TokenVerifier } from '../auth/tokens';
import type { Actor } from '../domain/decider';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { ReadScopeService } from './read-scope.service';
import type { ReadScope } from './read-scope';

/** Every by-id read: the item itself and its history, state, events, verification, live timeline. */
const BY_ID = /^(?:\/live)?\/(documents|issuances|proposals)\/:id(?:\/|$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KINDS = {
  documents: { aggregate: 'document', code: 'DOCUMENT_NOT_FOUND', noun: '文档' },
  issuances: { aggregate: 'issuance', code: 'ISSUANCE_NOT_FOUND', noun: '发文' },
  proposals: { aggregate: 'proposal', code: 'PROPOSAL_NOT_FOUND', noun: '建议/提案' },
} as const;

/** Exactly what the endpoints answer for an id that does not exist. */
export const itemNotFound = (kind: keyof typeof KINDS, id: string) =>
  new NotFoundException({ code: KINDS[kind].code, message: `未找到${KINDS[kind].noun} ${id}` });

interface ScopedRequest {
  method: string;
  headers: Record<string, string | undefined>;
  params?: Record<string, string>;
  routeOptions?: { url?: string };
  actor?: Actor;
  /** The reader's scope (src/security/read-scope.ts) for list queries, exports and SSE. */
  readScope?: ReadScope;
}

/**
 * Global: attaches the reader's scope to every authenticated request, and answers a by-id
 * read of an item outside it exactly as for a missing item (404), so existence never leaks.
 * Independent of guard order: without a verified actor yet it verifies the token itself.
 */
@Injectable()
export class ReadScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly scopes: ReadScopeService,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<ScopedRequest>();
    const actor = request.actor ?? this.verify(request);
    if (!actor) return true; // the auth guard answers 401
    request.actor = actor;
    const scope = this.scopes.scopeFor(actor);
    request.readScope = scope;
    const match = BY_ID.exec(request.routeOptions?.url ?? '');
    const id = request.params?.id;
    if (request.method !== 'GET' || !match || scope.all || !id || !UUID.test(id)) return true;
    const kind = match[1] as keyof typeof KINDS;
    const streamId = `${KINDS[kind].aggregate}-${id.toLowerCase()}`;
    const events = await this.store.readStream(streamId);
    if (events.length === 0) return true; // the endpoint's own 404
    if (!this.scopes.canReadStream(actor, streamId, events)) throw itemNotFound(kind, id.toLowerCase());
    return true;
  }

  private verify(request: ScopedRequest): Actor | undefined {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      return this.verifier.verify(token);
    } catch {
      return undefined;
    }
  }
}
