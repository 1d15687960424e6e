import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../../src/event-store/event-store.port';

/** A plain test event; `n` makes payloads distinguishable. */
export function anEvent(n = 0, overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'test.happened',
    schemaVersion: 1,
    data: { n, text: `事件 ${n}` },
    metadata: {
      actor: { id: 'u-1', name: '测试员' },
      unit: 'zjg-gov-office',
      role: 'office_clerk',
      commandId: randomUUID(),
      correlationId: 'c-1',
      causationId: 'c-1',
    },
    recordedAt: '2026-11-29T03:00:00.000Z',
    ...overrides,
  };
}

export const events = (count: number, from = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => anEvent(from + i));
