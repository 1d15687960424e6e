import type { CatalogueEntry } from './document-catalogue';

/**
 * Events of the 发文字号 sequence streams (`docnumber-<机关代字>-<year>`), one per number.
 * The number is the stream revision + 1, so the stream itself proves there is no gap and no
 * duplicate; `sequence` is stored too so an auditor can read it without counting.
 */
export const DOCUMENT_NUMBER_RESERVED = 'issuance.number_reserved' as const;

export interface DocumentNumberReservedData {
  code: string;
  year: number;
  sequence: number;
  documentNumber: string;
  /** The issuance stream id (`issuance-<id>`) the number belongs to. */
  documentId: string;
}

export const issuanceNumberCatalogue: Readonly<Record<typeof DOCUMENT_NUMBER_RESERVED, CatalogueEntry>> = {
  [DOCUMENT_NUMBER_RESERVED]: {
    label: '编发文字号',
    schemaVersion: 1,
    description: '按机关代字和年度连续编号, 不重号、不空号;记录取得该号的发文',
  },
};
