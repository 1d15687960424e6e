import { catalogue as documentCatalogue, type CatalogueEntry } from '../events/document-catalogue';
import { issuanceCatalogue } from '../events/issuance-catalogue';
import { proposalCatalogue } from '../events/proposal-catalogue';
import { keyData } from './history-key-data';
import type { ProjectionDefinition } from './projection';
import { sourceOf, text } from './stream-source';
import { currentData } from './upcast';

const LABELS: Record<string, CatalogueEntry> = { ...documentCatalogue, ...issuanceCatalogue, ...proposalCatalogue };

/**
 * Auditable history: one entry per event of every tracked item — who (actor, role, unit),
 * when, what (the catalogue's Chinese label) and the key data. Keyed by (stream, revision),
 * so it is idempotent as it stands. The readable sentence is made at query time, with the
 * directory's names.
 */
export const historyProjection: ProjectionDefinition = {
  name: 'history',
  version: 1,
  description: '审计: 每件公文的办理过程 (谁、何时、做了什么、关键数据)',
  tables: {
    entries: {
      columns: {
        stream_id: 'TEXT',
        revision: 'INTEGER',
        source: 'TEXT NOT NULL',
        doc_id: 'TEXT NOT NULL',
        position: 'TEXT NOT NULL',
        recorded_at: 'TEXT NOT NULL',
        type: 'TEXT NOT NULL',
        label: 'TEXT NOT NULL',
        actor_id: 'TEXT',
        actor_name: 'TEXT',
        role: 'TEXT',
        unit: 'TEXT',
        data: 'TEXT NOT NULL',
      },
      primaryKey: ['stream_id', 'revision'],
    },
  },
  eventTypes: Object.keys(LABELS),
  apply(e) {
    const stream = sourceOf(e.streamId);
    if (!stream) return [];
    const m = e.metadata ?? ({} as typeof e.metadata);
    return [
      {
        op: 'upsert',
        table: 'entries',
        row: {
          stream_id: e.streamId,
          revision: e.revision,
          source: stream.source,
          doc_id: stream.id,
          position: e.globalPosition,
          recorded_at: e.recordedAt,
          type: e.type,
          label: LABELS[e.type]?.label ?? e.type,
          actor_id: text(m.actor?.id),
          actor_name: text(m.actor?.name),
          role: text(m.role),
          unit: text(m.unit),
          data: JSON.stringify(keyData(currentData(stream.source, e))),
        },
      },
    ];
  },
};
