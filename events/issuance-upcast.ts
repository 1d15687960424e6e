import { isIssuanceEventType, issuanceCatalogue } from './issuance-catalogue';
import type { IssuanceEvent, IssuanceEventType } from './issuance-events';
import { upcasterFor, type Data, type UpcasterSteps } from './upcaster';

/** The one place 发文 upcasters live (see upcaster.ts). */
const UPCASTERS: UpcasterSteps<IssuanceEventType> = {
  // v1 refused a comment period that had already ended, so no v1 record was made after its close.
  'issuance.public_comment_opened': { 1: (data) => ({ ...data, recordedAfterClose: false }) },
};
const upcast = upcasterFor(issuanceCatalogue, isIssuanceEventType, UPCASTERS);

/** A stored issuance event back in the decider's shape; rejects what it cannot read. */
export function deserializeIssuanceEvent(type: string, schemaVersion: number, data: Data): IssuanceEvent {
  return { type, data: upcast(type, schemaVersion, data) } as unknown as IssuanceEvent;
}
