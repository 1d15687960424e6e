import type { Actor } from '../../domain/decider';
import { DomainError } from '../../domain/domain-error';
import type { EventStore, EventToAppend, StoredEvent } from '../../event-store/event-store.port';
import { ConcurrencyError, DuplicateEventIdError } from '../../event-store/errors';
import { chainEvents } from '../../audit/hash-chain';
import { uuidFrom } from '../../command-handling/deterministic-id';
import {
  DOCUMENT_NUMBER_INDEX_STREAM,
  DOCUMENT_NUMBER_RESERVED,
  DOCUMENT_NUMBER_SEQUENCE_OPENED,
  issuanceNumberCatalogue,
  type DocumentNumberReservedData,
  type DocumentNumberSequenceOpenedData,
} from '../../../events/issuance-number-events';
import { formatDocumentNumber, isDocumentCode, type DocumentNumber } from './document-number';

export interface NumberReservation extends DocumentNumber {
  documentNumber: string;
  documentId: string;
}

export interface ReserveRequest {
  code: string;
  year: number;
  documentId: string;
  actor: Actor;
  now: Date;
}

/**
 * Gap-free, duplicate-free 发文字号 per (机关代字, year).
 *
 * Events in different issuance streams cannot see each other, so the numbers live in their
 * own stream per code and year: number = stream revision + 1, appended with the exact
 * expected revision. Two issuers racing for the same next revision: the store accepts one,
 * the other gets a ConcurrencyError, re-reads and takes the next number. A revision can
 * hold only one event, so no number is given twice; revisions are contiguous, so none is
 * skipped.
 *
 * The reservation names the document. A retry for the same document finds it and reuses
 * it; the event id is derived from (stream, document), so two concurrent retries of the
 * same document collapse into one event (idempotent re-append) or see each other's.
 *
 * Within one process, reservations for the same code and year queue behind each other
 * (a keyed promise chain), so they do not thrash on conflicts; across processes (several
 * app instances on EventStoreDB) the expected revision alone keeps the guarantee.
 *
 * A crash after the reservation but before the document's `issued` event leaves a number
 * that belongs to a signed document not yet marked issued. It is completed, not skipped:
 * retrying the issue reuses the number, and `IssueDocumentService.completePending` (run at
 * start-up) issues every reserved-but-unissued document. Nothing can stop that issue,
 * because a signed document has no way out but 印发 (see the issuance decider).
 */
export class DocumentNumberSequence {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly maxAttempts = 10_000,
  ) {}

  static streamId(code: string, year: number): string {
    return `docnumber-${code}-${year}`;
  }

  reserve(request: ReserveRequest): Promise<NumberReservation> {
    const key = DocumentNumberSequence.streamId(request.code, request.year);
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.reserveNow(request), () => this.reserveNow(request));
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private async reserveNow(request: ReserveRequest): Promise<NumberReservation> {
    const { code, year, documentId } = request;
    if (!isDocumentCode(code)) throw new DomainError('invalid', 'DOCUMENT_CODE_INVALID', `机关代字「${String(code)}」不合法`);
    if (!Number.isInteger(year) || year < 2000 || year > 9999) {
      throw new DomainError('invalid', 'DOCUMENT_YEAR_INVALID', `发文年份 ${String(year)} 不合法`);
    }
    const streamId = DocumentNumberSequence.streamId(code, year);
    const commandId = uuidFrom(`${streamId}\n${documentId}`);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const stored = await this.store.readStream(streamId);
      const mine = stored.find((e) => (e.data as unknown as DocumentNumberReservedData).documentId === documentId);
      if (mine) return toReservation(mine);

      const revision = stored.length - 1;
      if (revision === -1) await this.registerSequence(code, year, request);
      const sequence = revision + 2; // the event lands at revision + 1; numbers start at 1
      const data: DocumentNumberReservedData = {
        code,
        year,
        sequence,
        documentNumber: formatDocumentNumber({ code, year, sequence }),
        documentId,
      };
      const event: EventToAppend = {
        eventId: commandId,
        type: DOCUMENT_NUMBER_RESERVED,
        schemaVersion: issuanceNumberCatalogue[DOCUMENT_NUMBER_RESERVED].schemaVersion,
        data: data as unknown as Record<string, unknown>,
        metadata: {
          actor: { id: request.actor.id, name: request.actor.name },
          unit: request.actor.unit,
          role: request.actor.roles.join(','),
          commandId,
          commandType: 'reserveDocumentNumber',
          correlationId: commandId,
          causationId: commandId,
        },
        recordedAt: request.now.toISOString(),
      };
      const [sealed] = chainEvents(streamId, revision, stored[revision]?.metadata.hash, [event]);
      try {
        const appended = await this.store.appendToStream(streamId, [sealed!], {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        // An idempotent replay answers with where the earlier identical append landed.
        const landed = appended.nextExpectedRevision + 1;
        return landed === sequence ? toReservation({ data } as unknown as StoredEvent) : this.find(code, year, documentId).then(must);
      } catch (error) {
        if (error instanceof ConcurrencyError || error instanceof DuplicateEventIdError) {
          // Lost the race (or our own retry won elsewhere): re-read and try the next number.
          if (attempt % 8 === 0) await new Promise((r) => setTimeout(r, Math.random() * 5));
          continue;
        }
        throw error;
      }
    }
    throw new DomainError('invalid_state', 'DOCUMENT_NUMBER_CONTENDED', `发文字号 ${code}〔${year}〕 编号冲突过多,请稍后重试`);
  }

  /** Every sequence stream ever opened (from the index stream), oldest first. */
  async sequences(): Promise<DocumentNumberSequenceOpenedData[]> {
    const index = await this.store.readStream(DOCUMENT_NUMBER_INDEX_STREAM);
    return index.map((e) => e.data as unknown as DocumentNumberSequenceOpenedData);
  }

  /** The newest `count` reservations of one sequence, oldest first. */
  async tail(streamId: string, count: number): Promise<NumberReservation[]> {
    const stored = await this.store.readStream(streamId, { direction: 'backwards', maxCount: count });
    return stored.reverse().map(toReservation);
  }

  /** Lists the sequence in the index before its first number; idempotent per sequence. */
  private async registerSequence(code: string, year: number, request: ReserveRequest): Promise<void> {
    const streamId = DocumentNumberSequence.streamId(code, year);
    const eventId = uuidFrom(`${DOCUMENT_NUMBER_INDEX_STREAM}\n${streamId}`);
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const index = await this.store.readStream(DOCUMENT_NUMBER_INDEX_STREAM);
      if (index.some((e) => e.eventId === eventId)) return;
      const last = index[index.length - 1];
      const data: DocumentNumberSequenceOpenedData = { code, year, streamId };
      const [sealed] = chainEvents(DOCUMENT_NUMBER_INDEX_STREAM, index.length - 1, last?.metadata.hash, [
        {
          eventId,
          type: DOCUMENT_NUMBER_SEQUENCE_OPENED,
          schemaVersion: issuanceNumberCatalogue[DOCUMENT_NUMBER_SEQUENCE_OPENED].schemaVersion,
          data: data as unknown as Record<string, unknown>,
          metadata: {
            actor: { id: request.actor.id, name: request.actor.name },
            unit: request.actor.unit,
            role: request.actor.roles.join(','),
            commandId: eventId,
            commandType: 'openDocumentNumberSequence',
            correlationId: eventId,
            causationId: eventId,
          },
          recordedAt: request.now.toISOString(),
        },
      ]);
      try {
        await this.store.appendToStream(DOCUMENT_NUMBER_INDEX_STREAM, [sealed!], {
          expectedRevision: index.length === 0 ? 'no_stream' : index.length - 1,
        });
        return;
      } catch (error) {
        if (error instanceof ConcurrencyError || error instanceof DuplicateEventIdError) continue;
        throw error;
      }
    }
  }

  async find(code: string, year: number, documentId: string): Promise<NumberReservation | undefined> {
    return (await this.list(code, year)).find((r) => r.documentId === documentId);
  }

  /** Every number given for a code and year, in order (sequence 1, 2, 3, …). */
  async list(code: string, year: number): Promise<NumberReservation[]> {
    const stored = await this.store.readStream(DocumentNumberSequence.streamId(code, year));
    return stored.map(toReservation);
  }
}

function toReservation(event: Pick<StoredEvent, 'data'>): NumberReservation {
  const d = event.data as unknown as DocumentNumberReservedData;
  return { code: d.code, year: d.year, sequence: d.sequence, documentNumber: d.documentNumber, documentId: d.documentId };
}

function must(r: NumberReservation | undefined): NumberReservation {
  if (!r) throw new Error('reservation vanished after an idempotent append'); // cannot happen: events are immutable
  return r;
}
