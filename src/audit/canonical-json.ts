/**
 * Deterministic JSON: object keys sorted, no whitespace, undefined members dropped. The hash
 * chain depends on it, so the same event always serialises to the same bytes whichever
 * adapter stored it. Hand-rolled (no intermediate arrays): it runs for every event appended
 * and, in `audit verify`, for every event stored.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('non-finite number in event');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('bigint cannot be hashed as JSON');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const member = record[key];
        if (member === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(member);
        first = false;
      }
      return `${out}}`;
    }
    default:
      return 'null'; // undefined, functions, symbols: as JSON.stringify writes them in arrays
  }
}
