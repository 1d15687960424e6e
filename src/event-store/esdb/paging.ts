import { START, type GlobalPosition } from '../event-store.port';

/** One record of $all: its position, and the event when it is ours (undefined: skipped). */
export interface LogItem<T> {
  position: GlobalPosition;
  value: T | undefined;
}

/** Reads at most `count` records of $all forwards, starting AT `from` (inclusive, like the server). */
export type ForwardReader<T> = (from: GlobalPosition, count: number) => Promise<LogItem<T>[]>;
/** Reads at most `count` records backwards from `from` ('end': the newest), newest first. */
export type BackwardReader<T> = (from: GlobalPosition | 'end', count: number) => Promise<LogItem<T>[]>;

/** Records strictly after `after`: the server's read is inclusive, the port's is exclusive. */
export function dropThrough<T>(items: LogItem<T>[], after: GlobalPosition): LogItem<T>[] {
  return after === START ? items : items.filter((item) => item.position > after);
}

/**
 * One page of the port's readAll: up to `maxCount` of our events strictly after `after`.
 * Skipped records (system events, other namespaces) do not count, and the page is empty only
 * when the log holds nothing more, because callers stop paging at an empty page.
 */
export async function readPageAfter<T>(read: ForwardReader<T>, after: GlobalPosition, maxCount: number, batch = 256): Promise<T[]> {
  const page: T[] = [];
  let cursor = after;
  while (page.length < maxCount) {
    // One more than wanted, because the record at the cursor itself comes back first.
    const requested = Math.max(maxCount - page.length, batch) + (cursor === START ? 0 : 1);
    const items = await read(cursor, requested);
    const fresh = dropThrough(items, cursor);
    for (const item of fresh) {
      cursor = item.position;
      if (item.value === undefined) continue;
      page.push(item.value);
      if (page.length === maxCount) return page;
    }
    if (fresh.length === 0 || items.length < requested) break;
  }
  return page;
}

/** Position of the newest record that is ours, or START when there is none. */
export async function lastPosition<T>(read: BackwardReader<T>, batch = 256): Promise<GlobalPosition> {
  let cursor: GlobalPosition | 'end' = 'end';
  for (;;) {
    const items = await read(cursor, batch);
    const before = cursor;
    const fresh = before === 'end' ? items : items.filter((item) => item.position < before);
    for (const item of fresh) {
      if (item.value !== undefined) return item.position;
      cursor = item.position;
    }
    if (fresh.length === 0 || items.length < batch) return START;
  }
}
