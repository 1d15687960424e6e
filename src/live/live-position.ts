import { BadRequestException } from '@nestjs/common';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';

const SHAPE = /^[0-9A-Za-z:._-]{1,128}$/;

/**
 * Where a subscriber resumes: `Last-Event-ID` (sent by EventSource on reconnect) wins over
 * `?from=` (for a fresh EventSource that remembers an id). None: start with a snapshot.
 * A `from` the store cannot read is a 400; a bad header falls back to a snapshot, because
 * EventSource gives up for good on an error status, and a browser must never be locked out
 * by an id it kept from elsewhere (docs/live.md).
 */
export async function resumePosition(
  store: EventStore,
  lastEventId: string | string[] | undefined,
  from: unknown,
): Promise<GlobalPosition | undefined> {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (header) return readable(store, header.trim());
  if (from === undefined || from === '') return undefined;
  const position = typeof from === 'string' ? await readable(store, from) : undefined;
  if (position === undefined) {
    throw new BadRequestException({
      code: 'INVALID_POSITION',
      message: 'from 参数不是有效的事件位置:请使用收到的最后一条消息的 id (Last-Event-ID)',
    });
  }
  return position;
}

/** The position as the store writes it, or undefined when the store cannot read from it. */
async function readable(store: EventStore, raw: string): Promise<GlobalPosition | undefined> {
  if (!SHAPE.test(raw)) return undefined;
  const position = fixedWidth(raw, await store.headPosition());
  try {
    await store.readAll({ fromPosition: position, maxCount: 1 });
    return position;
  } catch {
    return undefined;
  }
}

/**
 * Positions compare as strings, so a decimal one typed without its leading zeros (`140`)
 * would sort after every real one and read as "in the future". Where the store's positions
 * are fixed-width decimals (the embedded store), it is widened to their width.
 */
function fixedWidth(position: string, head: GlobalPosition): string {
  if (!/^\d+$/.test(position) || !/^\d+$/.test(head)) return position;
  const digits = position.replace(/^0+(?=\d)/, '');
  return digits.length <= head.length ? digits.padStart(head.length, '0') : position;
}
