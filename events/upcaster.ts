import { EventSchemaError } from './document-catalogue';

export type Data = Record<string, unknown>;
/** Turns data stored at version v into version v + 1. */
export type Upcaster = (data: Data) => Data;
/** Per type, step v lifts version v to v + 1; a type still at version 1 has none. */
export type UpcasterSteps<T extends string> = Partial<Record<T, Record<number, Upcaster>>>;

/**
 * Stored (type, schemaVersion, data) → data in the current shape, for one catalogue. Rejects
 * an unknown type, a version newer than this program knows, and a missing step, instead of
 * guessing. Stored events are never rewritten: a shape change bumps the catalogue's version
 * and adds a step.
 */
export function upcasterFor<T extends string>(
  catalogue: Record<T, { schemaVersion: number }>,
  isKnown: (type: string) => type is T,
  steps: UpcasterSteps<T>,
): (type: string, schemaVersion: number, data: Data) => Data {
  return (type, schemaVersion, data) => {
    if (!isKnown(type)) throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `无法读取事件: 未登记的事件类型 "${type}"`);
    const current = catalogue[type].schemaVersion;
    if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      throw new EventSchemaError('UNSUPPORTED_SCHEMA_VERSION', `无法读取事件 ${type}: 存储版本 v${String(schemaVersion)} 不受支持 (本程序认识 v1–v${current})`);
    }
    let result = data;
    for (let v = schemaVersion; v < current; v++) {
      const step = steps[type]?.[v];
      if (!step) throw new EventSchemaError('UNSUPPORTED_SCHEMA_VERSION', `无法读取事件 ${type}: 缺少 v${v} → v${v + 1} 的升级器`);
      result = step(result);
    }
    return result;
  };
}
