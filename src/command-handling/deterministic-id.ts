import { createHash } from 'node:crypto';

/**
 * A UUID (RFC 9562 version 8 layout) derived from a name, so a retried command produces the
 * same event ids and the store can recognise the retry (idempotent re-append).
 */
export function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
