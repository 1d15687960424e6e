import type { Actor } from '../domain/decider';
import type { CommandExecutor, CommandResult } from '../command-handling/command-executor';
import type { Clock } from '../command-handling/clock';
import { PreconditionFailedError } from '../command-handling/command-errors';
import type { CommandAuthorizer } from '../security/command-authorizer';
import { foldStream } from '../command-handling/fold';
import type { EventStore } from '../event-store/event-store.port';
import { numberKeyFor } from './domain/after-signing-decisions';
import type { IssuanceState } from './domain/issuance-state';
import type { IssuanceAggregate } from './issuance.aggregate';
import { DocumentNumberSequence, type NumberReservation } from './numbering/document-number-sequence';

export interface IssueRequest {
  id: string;
  actor: Actor;
  ifMatch?: number;
  idempotencyKey?: string;
  correlationId?: string;
}

export interface IssueResult extends CommandResult {
  documentNumber: string;
}

/**
 * 印发 = reserve a 发文字号 in the sequence stream, then append `issued` to the document.
 * Both steps are idempotent per document, so any retry (by the client, or by
 * `completePending` after a crash between them) finishes the same issue with the same number.
 */
export class IssueDocumentService {
  constructor(
    private readonly store: EventStore,
    /** The CommandExecutor, or the CommandBus behind the same signature (IssuanceModule). */
    private readonly executor: Pick<CommandExecutor, 'execute'>,
    private readonly aggregate: IssuanceAggregate,
    private readonly sequence: DocumentNumberSequence,
    private readonly clock: Clock,
    /** The permission matrix: asked before a number is reserved, not only when issuing. */
    private readonly authorizer?: CommandAuthorizer,
  ) {}

  async issue(request: IssueRequest): Promise<IssueResult> {
    const streamId = `${this.aggregate.name}-${request.id}`;
    const { state, revision } = foldStream(this.aggregate, await this.store.readStream(streamId));
    if (request.ifMatch !== undefined && request.ifMatch !== revision) throw new PreconditionFailedError(request.ifMatch, revision);
    // Without this, an actor the matrix refuses could still take a number, and start-up
    // repair would then issue the document on their behalf.
    this.authorizer?.authorize({ aggregate: this.aggregate.name, command: { type: 'issue' }, state, actor: request.actor });
    const now = this.clock.now();
    const key = numberKeyFor(state);
    // Dry run with a placeholder number: every refusal (not signed, wrong actor …) happens
    // before a number is taken, so a reservation is only made for a document that will issue.
    this.aggregate.decider.decide(
      { type: 'issue', number: state.issued ?? { code: key?.code ?? '', year: key?.year ?? 0, sequence: 1 } },
      state,
      { now, actor: request.actor, deps: this.aggregate.deps() },
    );
    const reservation = state.issued
      ? { ...state.issued, documentId: streamId }
      : await this.sequence.reserve({ code: key!.code, year: key!.year, documentId: streamId, actor: request.actor, now });
    const result = await this.executor.execute({
      aggregate: this.aggregate,
      id: request.id,
      command: { type: 'issue', number: { code: reservation.code, year: reservation.year, sequence: reservation.sequence } },
      actor: request.actor,
      ...(request.ifMatch !== undefined ? { ifMatch: request.ifMatch } : {}),
      ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
      ...(request.correlationId ? { correlationId: request.correlationId } : {}),
    });
    return { ...result, documentNumber: reservation.documentNumber };
  }

  /**
   * Start-up repair: every number reserved for a document that has no `issued` event yet is
   * issued now, so a crash between the two appends never leaves a gap. Returns what it did.
   * It reads only the sequence streams named in the index, and only their newest
   * reservations: this runs at every start, so any earlier interruption was already repaired.
   */
  async completePending(recentPerSequence = 50): Promise<NumberReservation[]> {
    const completed: NumberReservation[] = [];
    for (const { streamId } of await this.sequence.sequences()) {
      for (const reservation of await this.sequence.tail(streamId, recentPerSequence)) {
        const id = reservation.documentId.slice(this.aggregate.name.length + 1);
        const { state } = foldStream(this.aggregate, await this.store.readStream(reservation.documentId));
        if (state.status !== 'signed') continue;
        await this.issue({ id, actor: systemActorFor(state, this.aggregate.deps().directory.officeCode) });
        completed.push(reservation);
      }
    }
    return completed;
  }
}

/** Who completes an interrupted issue: the issuer's own 文秘 role, marked as the system. */
function systemActorFor(state: IssuanceState, officeCode: string): Actor {
  const department = state.draft?.issuer.kind === 'department';
  return {
    id: 'system:issue-completion',
    name: '系统 (补全中断的印发)',
    unit: department ? state.draft!.issuer.unit : officeCode,
    roles: [department ? 'unit_clerk' : 'office_clerk'],
  };
}
