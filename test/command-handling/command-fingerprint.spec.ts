import { commandFingerprint, isSameCommand } from '../../src/command-handling/command-fingerprint';
import type { EventMetadata } from '../../src/event-store/event-store.port';

const metadata = (extra: Partial<EventMetadata>): EventMetadata => ({
  actor: { id: 'u', name: 'u' },
  unit: 'zjg-gov-office',
  role: 'office_clerk',
  commandId: 'c',
  correlationId: 'c',
  causationId: 'c',
  ...extra,
});

describe('command fingerprint (Idempotency-Key)', () => {
  it('is the same for the same command whatever the key order or omitted optional fields', () => {
    const f = commandFingerprint({ type: 'urge', text: '催一' });
    expect(f).toMatch(/^[0-9a-f]{64}$/);
    expect(commandFingerprint({ text: '催一', type: 'urge' })).toBe(f);
    expect(commandFingerprint({ type: 'urge', text: '催一', note: undefined })).toBe(f);
  });

  it('differs when the type or any field differs, nested ones included', () => {
    const f = commandFingerprint({ type: 'urge', text: '催一' });
    expect(commandFingerprint({ type: 'urge', text: '催二' })).not.toBe(f);
    expect(commandFingerprint({ type: 'explainProgress', text: '催一' })).not.toBe(f);
    expect(commandFingerprint({ type: 'assign', units: ['a', 'b'] })).not.toBe(commandFingerprint({ type: 'assign', units: ['b', 'a'] }));
  });

  it('an earlier command with a fingerprint is the same command only if the fingerprints match', () => {
    const f = commandFingerprint({ type: 'urge', text: '催一' });
    expect(isSameCommand(metadata({ commandType: 'urge', commandFingerprint: f }), { type: 'urge' }, f)).toBe(true);
    expect(isSameCommand(metadata({ commandType: 'urge', commandFingerprint: f }), { type: 'urge' }, commandFingerprint({ type: 'urge', text: '催二' }))).toBe(false);
  });

  it('an earlier command stored without a fingerprint (before it was recorded) is compared by type', () => {
    const f = commandFingerprint({ type: 'urge', text: '催二' });
    expect(isSameCommand(metadata({ commandType: 'urge' }), { type: 'urge' }, f)).toBe(true);
    expect(isSameCommand(metadata({ commandType: 'explainProgress' }), { type: 'urge' }, f)).toBe(false);
  });
});
