import type { Directory } from '../../directory';
import { documentDescriptions } from './describe-document';
import { issuanceDescriptions } from './describe-issuance';
import { namesFrom, type Data, type Describe } from './describe-parts';
import { proposalDescriptions } from './describe-proposal';

/** Every catalogued event type of a tracked item (the Records' key types make the compiler check that none is missing). */
const DESCRIPTIONS: Readonly<Record<string, Describe>> = { ...documentDescriptions, ...issuanceDescriptions, ...proposalDescriptions };

export const isDescribed = (type: string): boolean => Object.prototype.hasOwnProperty.call(DESCRIPTIONS, type);

/**
 * A sentence for one history entry, from its key data, with the directory's names. An
 * uncatalogued type never gets an entry (projections/history-entry.ts); should one reach here,
 * it reads as its label alone, never as a dump of codes.
 */
export function describeEntry(type: string, label: string, d: Data, directory: Directory): string {
  return isDescribed(type) ? DESCRIPTIONS[type]!(d, namesFrom(directory)) : label;
}
