import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../../src/event-store/event-store.port';
import { eventIdFor, uuidV7 } from '../../src/command-handling/deterministic-id';

/** The workload: 1 event per append, 10k streams, ~500 B per event. */
export const STREAMS = 10_000;
const FILLER = '督办'.repeat(20) + 'x'.repeat(153); // data + metadata ≈ 500 B of JSON

/**
 * Event ids are minted exactly as the command path mints them (a v7 command id, event ids
 * derived from it), unless BENCH_EVENT_IDS=random measures fully random ids for comparison
 * (the event_id index then takes a random page per event).
 */
export const RANDOM_IDS = process.env.BENCH_EVENT_IDS === 'random';

export function makeEvent(n: number): EventToAppend {
  const commandId = uuidV7(Date.now());
  return {
    eventId: RANDOM_IDS ? randomUUID() : eventIdFor(commandId, 0),
    type: 'bench.document-registered',
    schemaVersion: 1,
    data: { n, title: FILLER, unit: 'zjg-gov-office' },
    metadata: {
      actor: { id: 'u-bench', name: '压测' },
      unit: 'zjg-gov-office',
      role: 'office_clerk',
      commandId,
      correlationId: 'bench',
      causationId: 'bench',
    },
    recordedAt: new Date().toISOString(),
  };
}

export const streamName = (i: number): string => `document-${i % STREAMS}`;

/** A fresh database file in its own temp dir; the returned function deletes it. */
export function tempDatabase(label: string): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `gwdb-bench-${label}-`));
  return { file: join(dir, 'events.sqlite'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RowResult {
  events: number;
  seconds: number;
}

/** One contender with its database kept open across rounds. */
export interface Session {
  run(seconds: number): Promise<RowResult>;
  close(): Promise<void>;
}

/** Runs `work` until the deadline it is given and reports how long it really took. */
export async function timed(seconds: number, work: (deadline: number) => Promise<number>): Promise<RowResult> {
  const start = performance.now();
  const events = await work(start + seconds * 1000);
  return { events, seconds: (performance.now() - start) / 1000 };
}

export const perSecond = (r: RowResult): number => r.events / r.seconds;
