import { START, type GlobalPosition } from '../event-store.port';

/** EventStoreDB's position in its transaction log (the client's `Position`). */
export interface EsdbPosition {
  commit: bigint;
  prepare: bigint;
}

// 16 hex digits hold any uint64, so every encoded position has the same width and plain
// string comparison orders them as (commit, prepare) — the order of $all.
const WIDTH = 16;
const PATTERN = /^([0-9a-f]{16})-([0-9a-f]{16})$/;
const MAX = (1n << 64n) - 1n;

export function encodePosition(position: EsdbPosition): GlobalPosition {
  return `${hex(position.commit, 'commit')}-${hex(position.prepare, 'prepare')}`;
}

/** START (or nothing) means "from the beginning"; anything else must be one of ours. */
export function decodePosition(position: GlobalPosition | undefined): EsdbPosition | 'start' {
  if (position === undefined || position === START) return 'start';
  const match = PATTERN.exec(position);
  if (!match) throw new RangeError(`not an EventStoreDB position: ${JSON.stringify(position)}`);
  return { commit: BigInt(`0x${match[1]}`), prepare: BigInt(`0x${match[2]}`) };
}

function hex(value: bigint, name: string): string {
  if (typeof value !== 'bigint' || value < 0n || value > MAX) {
    throw new RangeError(`EventStoreDB ${name} position out of range: ${String(value)}`);
  }
  return value.toString(16).padStart(WIDTH, '0');
}
