/**
 * What the issuance decider needs from the organisation directory. A port, so
 * the deciders stay pure and tests can pass a small table; the app adapts the real directory
 * (src/directory) to it.
 */
export interface IssuanceDirectory {
  /** 市政府 and 市政府办公室 unit codes. */
  readonly organCode: string;
  readonly officeCode: string;
  hasUnit(unitId: string): boolean;
  /** Towns (镇), streets (街道) and the 区/园区 管委会 at that level (第四十六条). */
  isTownOrStreet(unitId: string): boolean;
  /** Leader position id of the leader (usually a 副市长) whose 分管 portfolio covers the unit (第四十二条). */
  portfolioLeaderOf(unitId: string): string | undefined;
  /** Role of a leader position (mayor / executive_vice_mayor / vice_mayor), undefined if unknown. */
  leaderRoleOf(position: string): 'mayor' | 'executive_vice_mayor' | 'vice_mayor' | undefined;
  /** The unit a 机关代字 is registered to in the directory, if any. */
  documentCodeOwnerOf(documentCode: string): string | undefined;
  /** The 机关代字 registered to a unit (empty when the directory lists none). */
  documentCodesOf(unitId: string): string[];
  /** Display name of a unit or leader position (the code itself if unknown), for messages. */
  nameOf(code: string): string;
}

/** Units (or positions) by their directory names, as a refusal message lists them. */
export const namesOf = (directory: IssuanceDirectory, codes: readonly string[]): string => codes.map((c) => directory.nameOf(c)).join('、');

/** 机关代字 of the city-level issuers; departments bring their own when drafting. */
export interface DocumentCodes {
  government: string;
  office: string;
}

export const DEFAULT_DOCUMENT_CODES: DocumentCodes = { government: '张政发', office: '张政办发' };
