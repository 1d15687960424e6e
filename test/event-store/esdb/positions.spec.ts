import fc from 'fast-check';
import { START } from '../../../src/event-store/event-store.port';
import { decodePosition, encodePosition } from '../../../src/event-store/esdb/positions';

const uint64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('EventStoreDB positions', () => {
  it('encode as fixed-width zero-padded hex, commit then prepare', () => {
    expect(encodePosition({ commit: 0n, prepare: 0n })).toBe('0000000000000000-0000000000000000');
    expect(encodePosition({ commit: 255n, prepare: 4096n })).toBe('00000000000000ff-0000000000001000');
    expect(encodePosition({ commit: (1n << 64n) - 1n, prepare: 1n })).toBe('ffffffffffffffff-0000000000000001');
  });

  it('round-trip any uint64 pair', () => {
    fc.assert(
      fc.property(uint64, uint64, (commit, prepare) => {
        expect(decodePosition(encodePosition({ commit, prepare }))).toEqual({ commit, prepare });
      }),
    );
  });

  it('plain string comparison orders positions as $all does: by commit, then prepare', () => {
    fc.assert(
      fc.property(uint64, uint64, uint64, uint64, (c1, p1, c2, p2) => {
        const a = encodePosition({ commit: c1, prepare: p1 });
        const b = encodePosition({ commit: c2, prepare: p2 });
        const tuple = c1 === c2 ? Math.sign(Number(p1 - p2)) : Math.sign(Number(c1 - c2));
        expect(Math.sign(a < b ? -1 : a > b ? 1 : 0)).toBe(tuple);
      }),
    );
  });

  it('every position sorts after START', () => {
    expect(START < encodePosition({ commit: 0n, prepare: 0n })).toBe(true);
  });

  it('START and undefined mean the beginning', () => {
    expect(decodePosition(START)).toBe('start');
    expect(decodePosition(undefined)).toBe('start');
  });

  it('refuse positions from another adapter or out of range', () => {
    expect(() => decodePosition('0000000000000042')).toThrow(RangeError); // an SQLite position
    expect(() => decodePosition('00000000000000FF-0000000000000000')).toThrow(RangeError); // upper case is not ours
    expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodePosition({ commit: 1n << 64n, prepare: 0n })).toThrow(RangeError);
  });
});
