import { catalogue, EventSchemaError, isDocumentEventType } from './document-catalogue';
import type { DocumentEvent, DocumentEventType } from './document-events';

type Data = Record<string, unknown>;
/** Turns data stored at version v into version v + 1. */
type Upcaster = (data: Data) => Data;

/**
 * The one place upcasters live: UPCASTERS[type][v] lifts version v to v + 1. Empty while
 * every type is at version 1. When a shape changes, bump its schemaVersion in the
 * catalogue and add the step here; stored events are never rewritten.
 */
const UPCASTERS: Partial<Record<DocumentEventType, Record<number, Upcaster>>> = {};

/**
 * Stored (type, schemaVersion, data) → data in the current shape. Rejects an unknown type,
 * a version newer than this program knows, and a missing step, instead of guessing.
 */
export function upcast(type: string, schemaVersion: number, data: Data): Data {
  if (!isDocumentEventType(type)) {
    throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `无法读取事件: 未登记的事件类型 "${type}"`);
  }
  const current = catalogue[type].schemaVersion;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new EventSchemaError(
      'UNSUPPORTED_SCHEMA_VERSION',
      `无法读取事件 ${type}: 存储版本 v${String(schemaVersion)} 不受支持 (本程序认识 v1–v${current})`,
    );
  }
  let result = data;
  for (let v = schemaVersion; v < current; v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) {
      throw new EventSchemaError('UNSUPPORTED_SCHEMA_VERSION', `无法读取事件 ${type}: 缺少 v${v} → v${v + 1} 的升级器`);
    }
    result = step(result);
  }
  return result;
}

/** A stored document event back in the decider's shape (for AggregateDefinition.deserialize). */
export function deserializeDocumentEvent(type: string, schemaVersion: number, data: Data): DocumentEvent {
  return { type, data: upcast(type, schemaVersion, data) } as DocumentEvent;
}
