import { hash } from 'node:crypto';
import type { EventToAppend } from '../event-store/event-store.port';
import { canonicalJson } from './canonical-json';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface HashableEvent {
  streamId: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

/** SHA-256 over the previous hash and everything that identifies the event (issue 5 §3). */
export function eventHash(prevHash: string, event: HashableEvent): string {
  const { prevHash: _p, hash: _h, ...metadata } = event.metadata;
  const body = canonicalJson({
    prevHash,
    streamId: event.streamId,
    revision: event.revision,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata,
    recordedAt: event.recordedAt,
  });
  return hash('sha256', body, 'hex');
}

/** Stamps prevHash/hash on events about to follow `lastRevision` (-1: new stream). */
export function chainEvents(
  streamId: string,
  lastRevision: number,
  lastHash: string | undefined,
  events: EventToAppend[],
): EventToAppend[] {
  let prevHash = lastHash ?? GENESIS_HASH;
  return events.map((event, i) => {
    const metadata = { ...event.metadata, prevHash };
    const hash = eventHash(prevHash, { ...event, streamId, revision: lastRevision + 1 + i, metadata });
    prevHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}
