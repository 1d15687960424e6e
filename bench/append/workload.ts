import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../../src/event-store/event-store.port';

/** The workload: 1 event per append, 10k streams, ~500 B per event. */
export const STREAMS = 10_000;
const FILLER = '督办'.repeat(20) + 'x'.repeat(153); // data + metadata ≈ 500 B of JSON

/**
 * BENCH_EVENT_IDS=v7 swaps the random (v4-like) ids the product mints today for time-ordered
 * UUIDv7-layout ids, to measure what that proposal would buy (the event_id index then grows at
 * its right edge instead of dirtying a random page per event).
 */
export const TIME_ORDERED_IDS = process.env.BENCH_EVENT_IDS === 'v7';
let sequence = 0;
function timeOrderedId(): string {
  const prefix = (Date.now() * 4096 + (sequence++ % 4096)).toString(16).padStart(15, '0').slice(-15);
  return `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-7${prefix.slice(12)}${randomUUID().slice(18)}`;
}

export function makeEvent(n: number): EventToAppend {
  return {
    eventId: TIME_ORDERED_IDS ? timeOrderedId() : randomUUID(),
    type: 'bench.document-registered',
    schemaVersion: 1,
    data: { n, title: FILLER, unit: 'zjg-gov-office' },
    metadata: {
      actor: { id: 'u-bench', name: '压测' },
      unit: 'zjg-gov-office',
      role: 'office_clerk',
      commandId: randomUUID(),
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
