import { createHash } from 'node:crypto';

/** One stream's head as a seal sees it: the last revision at or before the sealed position. */
export type StreamHead = readonly [streamId: string, revision: number, hash: string];

const sha256 = (...parts: (string | Buffer)[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

// Domain-separated (RFC 6962 style) so no leaf can be passed off as an inner node.
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const leafHash = ([streamId, revision, hash]: StreamHead): Buffer =>
  sha256(LEAF, JSON.stringify([streamId, revision, hash]));

/** Merkle root (hex) over heads sorted by stream id; an odd node is carried up unchanged. */
export function merkleRoot(heads: Iterable<StreamHead>): string {
  const sorted = [...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (sorted.length === 0) return sha256('').toString('hex');
  let level = sorted.map(leafHash);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? sha256(NODE, level[i]!, level[i + 1]!) : level[i]!);
    level = next;
  }
  return level[0]!.toString('hex');
}
