import { hash } from 'node:crypto';
import { canonicalJson } from '../audit/canonical-json';
import type { EventMetadata } from '../event-store/event-store.port';

/**
 * What an Idempotency-Key promises is "the same command again". The fingerprint is SHA-256
 * over the canonical JSON of the validated command: its type and every field the user sent,
 * so key order or an omitted optional field is not a difference and anything else is.
 * Server-side data (the time, computed deadlines) is decided later and never part of it.
 */
export function commandFingerprint<Command extends { type: string }>(command: Command): string {
  return hash('sha256', canonicalJson(command), 'hex');
}

/**
 * Whether an earlier command's stored events (`metadata` of its first one) were written by the
 * same command. Events written before fingerprints were recorded have none: for them only the
 * command type can be compared, as it was then.
 */
export function isSameCommand(earlier: EventMetadata, command: { type: string }, fingerprint: string): boolean {
  if (typeof earlier.commandFingerprint === 'string') return earlier.commandFingerprint === fingerprint;
  return earlier.commandType === command.type;
}
