import { BadRequestException } from '@nestjs/common';
import type { EventStore, GlobalPosition } from '../event-store/event-store.port';

const SHAPE = /^[0-9A-Za-z:._-]{1,128}$/;

/**
 * Where a subscriber resumes: `Last-Event-ID` (sent by EventSource on reconnect) wins over
 * `?from=` (for a fresh EventSource that remembers an id). None: start with a snapshot.
 * A `from` the store cannot read is a 400; a bad header falls back to a snapshot, so a
 * browser is never locked out by an id it kept from elsewhere.
 */
export async function resumePosition(
  store: EventStore,
  lastEventId: string | string[] | undefined,
  from: unknown,
): Promise<GlobalPosition | undefined> {
  const header = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (header) return (await readable(store, header.trim())) ? header.trim() : undefined;
  if (from === undefined || from === '') return undefined;
  if (typeof from !== 'string' || !(await readable(store, from))) {
    throw new BadRequestException({
      code: 'INVALID_POSITION',
      message: 'from 参数不是有效的事件位置:请使用收到的最后一条消息的 id (Last-Event-ID)',
    });
  }
  return from;
}

async function readable(store: EventStore, position: string): Promise<boolean> {
  if (!SHAPE.test(position)) return false;
  try {
    await store.readAll({ fromPosition: position, maxCount: 1 });
    return true;
  } catch {
    return false;
  }
}
