import type { Source } from './obligation-vocabulary';

const PREFIXES: ReadonlyArray<[string, Source]> = [
  ['document-', 'document'],
  ['issuance-', 'issuance'],
  ['proposal-', 'proposal'],
];

/** `document-<uuid>` → { source: 'document', id }; undefined for other streams. */
export function sourceOf(streamId: string): { source: Source; id: string } | undefined {
  for (const [prefix, source] of PREFIXES) {
    if (streamId.startsWith(prefix)) return { source, id: streamId.slice(prefix.length) };
  }
  return undefined;
}

export const streamIdOf = (source: Source, id: string): string => `${source}-${id}`;

/** A stored value as a cell: strings stay, anything else (undefined, objects) is null. */
export const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
