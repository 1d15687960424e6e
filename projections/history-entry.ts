import { catalogue as documentCatalogue, type CatalogueEntry } from '../events/document-catalogue';
import { issuanceCatalogue } from '../events/issuance-catalogue';
import { proposalCatalogue } from '../events/proposal-catalogue';
import type { StoredEvent } from '../src/event-store/event-store.port';
import { keyData, type Json } from './history-key-data';
import type { Source } from './obligation-vocabulary';
import { sourceOf, text } from './stream-source';
import { currentData } from './upcast';

const LABELS: Record<string, CatalogueEntry> = { ...documentCatalogue, ...issuanceCatalogue, ...proposalCatalogue };

/** One event of a tracked item as its auditable history shows it. */
export interface HistoryEntryFields {
  streamId: string;
  source: Source;
  /** The item's id (the stream id without its `<source>-` prefix). */
  id: string;
  revision: number;
  position: string;
  /** When it was recorded (UTC ISO). */
  recordedAt: string;
  type: string;
  /** What, in Chinese (the event catalogue's label). */
  label: string;
  actorId: string | null;
  actorName: string | null;
  role: string | null;
  unit: string | null;
  /** The key data of the event's data in its current shape (history-key-data.ts). */
  data: Record<string, Json>;
}

/**
 * Auditable history, folded on read: one entry per event of a tracked item — who (actor,
 * role, unit), when, what (the catalogue's Chinese label) and the key data. Pure: the
 * history service maps a stream read from the event store with it, so the timeline is
 * always current and can never diverge from the stored events. The readable sentence is
 * made at query time, with the directory's names.
 *
 * Undefined for an event that is not part of a history: a stream that is not a tracked
 * item, or an event type no catalogue lists.
 */
export function historyEntry(e: StoredEvent): HistoryEntryFields | undefined {
  const label = LABELS[e.type]?.label;
  if (label === undefined) return undefined;
  const stream = sourceOf(e.streamId);
  if (!stream) return undefined;
  const m = e.metadata ?? ({} as typeof e.metadata);
  return {
    streamId: e.streamId,
    source: stream.source,
    id: stream.id,
    revision: e.revision,
    position: e.globalPosition,
    recordedAt: e.recordedAt,
    type: e.type,
    label,
    actorId: text(m.actor?.id),
    actorName: text(m.actor?.name),
    role: text(m.role),
    unit: text(m.unit),
    data: keyData(currentData(stream.source, e)),
  };
}
