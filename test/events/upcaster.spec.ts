import { upcasterFor, type UpcasterSteps } from '../../events/upcaster';

/** The one upcasting routine every catalogue uses, exercised with a catalogue that has real steps. */
type T = 'x.renamed' | 'x.plain';
const catalogue = { 'x.renamed': { schemaVersion: 3 }, 'x.plain': { schemaVersion: 2 } };
const isKnown = (t: string): t is T => t in catalogue;
const steps: UpcasterSteps<T> = {
  'x.renamed': {
    1: ({ name, ...rest }) => ({ ...rest, title: name }),
    2: (d) => ({ ...d, version: 3 }),
  },
};
const upcast = upcasterFor(catalogue, isKnown, steps);

describe('upcasterFor', () => {
  it('lifts stored data step by step to the current version, and leaves current data as it is', () => {
    expect(upcast('x.renamed', 1, { name: '通知', n: 1 })).toEqual({ title: '通知', n: 1, version: 3 });
    expect(upcast('x.renamed', 2, { title: '通知' })).toEqual({ title: '通知', version: 3 });
    const current = { title: '通知', version: 3 };
    expect(upcast('x.renamed', 3, current)).toBe(current);
  });

  it('refuses instead of guessing: unknown type, a version newer than known, a missing step', () => {
    expect(() => upcast('x.unknown', 1, {})).toThrow(expect.objectContaining({ code: 'UNKNOWN_EVENT_TYPE' }));
    expect(() => upcast('x.renamed', 4, {})).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SCHEMA_VERSION' }));
    expect(() => upcast('x.renamed', 0, {})).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SCHEMA_VERSION' }));
    expect(() => upcast('x.plain', 1, {})).toThrow(/缺少 v1 → v2 的升级器/);
  });
});
