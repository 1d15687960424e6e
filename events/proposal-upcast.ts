import { EventSchemaError } from './document-catalogue';
import { isProposalEventType, proposalCatalogue } from './proposal-catalogue';
import type { ProposalEvent, ProposalEventType } from './proposal-events';

type Data = Record<string, unknown>;

/** UPCASTERS[type][v] lifts stored version v to v + 1. Empty while every type is at v1. */
const UPCASTERS: Partial<Record<ProposalEventType, Record<number, (data: Data) => Data>>> = {};

/** A stored proposal event back in the decider's shape; rejects what it cannot read. */
export function deserializeProposalEvent(type: string, schemaVersion: number, data: Data): ProposalEvent {
  if (!isProposalEventType(type)) throw new EventSchemaError('UNKNOWN_EVENT_TYPE', `无法读取事件: 未登记的事件类型 "${type}"`);
  const current = proposalCatalogue[type].schemaVersion;
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new EventSchemaError('UNSUPPORTED_SCHEMA_VERSION', `无法读取事件 ${type}: 存储版本 v${String(schemaVersion)} 不受支持 (本程序认识 v1–v${current})`);
  }
  let result = data;
  for (let v = schemaVersion; v < current; v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) throw new EventSchemaError('UNSUPPORTED_SCHEMA_VERSION', `无法读取事件 ${type}: 缺少 v${v} → v${v + 1} 的升级器`);
    result = step(result);
  }
  return { type, data: result } as unknown as ProposalEvent;
}
