import { eventIdFor, uuidFrom, uuidV7 } from '../../src/command-handling/deterministic-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[78][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('uuidFrom is a stable function of the name', () => {
    expect(uuidFrom('a')).toBe(uuidFrom('a'));
    expect(uuidFrom('a')).not.toBe(uuidFrom('b'));
    expect(uuidFrom('a')).toMatch(UUID);
  });

  it('v7 command ids sort by time', () => {
    const early = uuidV7(Date.UTC(2026, 0, 1));
    const late = uuidV7(Date.UTC(2026, 0, 2));
    expect(early < late).toBe(true);
    expect(early).toMatch(UUID);
  });

  it('v7 ids at one instant differ, across refills of the random pool too', () => {
    const ids = Array.from({ length: 1000 }, () => uuidV7(Date.UTC(2026, 0, 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
  });

  it('event ids repeat for a retried command, differ per index, and keep the command time prefix', () => {
    const command = uuidV7(Date.UTC(2026, 10, 29));
    expect(eventIdFor(command, 0)).toBe(eventIdFor(command, 0));
    expect(eventIdFor(command, 0)).not.toBe(eventIdFor(command, 1));
    expect(eventIdFor(command, 1).slice(0, 13)).toBe(command.slice(0, 13));
    expect(eventIdFor(command, 1)).toMatch(UUID);
    const later = uuidV7(Date.UTC(2026, 10, 30));
    expect(eventIdFor(command, 5) < eventIdFor(later, 0)).toBe(true);
  });

  it('derived ids never change between versions (a retry after an upgrade is still recognised)', () => {
    expect(uuidFrom('document-x\nu1\nkey-1')).toBe('74e475bc-f09b-8b81-ab26-92f1d17f6027');
    expect(eventIdFor('0199a1b2-3c4d-7e5f-8a6b-7c8d9e0f1a2b', 1)).toBe('0199a1b2-3c4d-8224-a6b9-d6ea5f22541c');
  });
});
