// crypto.hash: one call, no Hash object (~40% cheaper than createHash for these short inputs).
import { hash, randomFillSync } from 'node:crypto';

function format(bytes: Buffer, version: number): string {
  bytes[6] = (bytes[6]! & 0x0f) | (version << 4);
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A UUID (RFC 9562 version 8 layout) derived from a name, so a retried command produces the
 * same event ids and the store can recognise the retry (idempotent re-append).
 */
export function uuidFrom(name: string): string {
  return format(hash('sha256', name, 'buffer'), 8);
}

// Random bytes drawn 4 KiB at a time, as crypto.randomUUID does: one randomBytes(16) call
// per command cost ~2% of the server's CPU.
const pool = Buffer.alloc(4096);
let used = pool.length;

function random16(): Buffer {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  pool.copy(bytes, 0, used, used + 16);
  used += 16;
  return bytes;
}

/** A time-ordered random UUID (version 7): new ids land at the right edge of an index. */
export function uuidV7(now: number): string {
  const bytes = random16();
  bytes.writeUIntBE(now, 0, 6);
  return format(bytes, 7);
}

/**
 * The id of the i-th event of a command: derived from the command id (so a retry repeats
 * it), keeping the command id's first 48 bits. When the command id is a v7 UUID those bits
 * are its timestamp, so event ids are time-ordered and an append touches the newest pages
 * of the event-id index instead of a random page per event (about 3× fewer bytes written).
 */
export function eventIdFor(commandId: string, index: number): string {
  const derived = hash('sha256', `${commandId}\n${index}`, 'buffer');
  Buffer.from(commandId.replace(/-/g, '').slice(0, 12), 'hex').copy(derived, 0);
  return format(derived, 8);
}
