import type { StoredEvent } from '../src/event-store/event-store.port';
import { deserializeDocumentEvent } from '../events/document-upcast';
import { deserializeIssuanceEvent } from '../events/issuance-upcast';
import { deserializeProposalEvent } from '../events/proposal-upcast';
import type { Source } from './obligation-vocabulary';

const DESERIALIZERS: Record<Source, (type: string, version: number, data: Record<string, unknown>) => { data: unknown }> = {
  document: deserializeDocumentEvent,
  issuance: deserializeIssuanceEvent,
  proposal: deserializeProposalEvent,
};

/** The event's data in its current shape (the one upcaster per stream kind). */
export const currentData = (source: Source, e: StoredEvent): Record<string, unknown> =>
  DESERIALIZERS[source](e.type, e.schemaVersion, e.data).data as Record<string, unknown>;
