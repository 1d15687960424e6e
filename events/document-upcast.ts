import { catalogue, isDocumentEventType } from './document-catalogue';
import type { DocumentEvent, DocumentEventType } from './document-events';
import { upcasterFor, type Data, type UpcasterSteps } from './upcaster';

/** The one place document upcasters live (see upcaster.ts). */
const UPCASTERS: UpcasterSteps<DocumentEventType> = {};

/** Stored (type, schemaVersion, data) → data in the current shape. */
export const upcast = upcasterFor(catalogue, isDocumentEventType, UPCASTERS);

/** A stored document event back in the decider's shape (for AggregateDefinition.deserialize). */
export function deserializeDocumentEvent(type: string, schemaVersion: number, data: Data): DocumentEvent {
  return { type, data: upcast(type, schemaVersion, data) } as DocumentEvent;
}
