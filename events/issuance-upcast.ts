import { isIssuanceEventType, issuanceCatalogue } from './issuance-catalogue';
import type { IssuanceEvent, IssuanceEventType } from './issuance-events';
import { upcasterFor, type Data, type UpcasterSteps } from './upcaster';

/** The one place 发文 upcasters live (see upcaster.ts). */
const UPCASTERS: UpcasterSteps<IssuanceEventType> = {};
const upcast = upcasterFor(issuanceCatalogue, isIssuanceEventType, UPCASTERS);

/** A stored issuance event back in the decider's shape; rejects what it cannot read. */
export function deserializeIssuanceEvent(type: string, schemaVersion: number, data: Data): IssuanceEvent {
  return { type, data: upcast(type, schemaVersion, data) } as unknown as IssuanceEvent;
}
