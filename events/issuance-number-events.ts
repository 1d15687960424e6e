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

/**
 * The index stream (`docnumber-index`) lists every sequence stream once, so start-up repair
 * reads only the sequences instead of scanning the whole log.
 */
export const DOCUMENT_NUMBER_SEQUENCE_OPENED = 'issuance.number_sequence_opened' as const;
export const DOCUMENT_NUMBER_INDEX_STREAM = 'docnumber-index';

export interface DocumentNumberSequenceOpenedData {
  code: string;
  year: number;
  streamId: string;
}

export const issuanceNumberCatalogue: Readonly<
  Record<typeof DOCUMENT_NUMBER_RESERVED | typeof DOCUMENT_NUMBER_SEQUENCE_OPENED, CatalogueEntry>
> = {
  [DOCUMENT_NUMBER_SEQUENCE_OPENED]: {
    label: '启用发文字号序列',
    schemaVersion: 1,
    description: '某机关代字某年度的第一个发文字号编号前登记该序列,供启动时补全中断的印发',
  },
  [DOCUMENT_NUMBER_RESERVED]: {
    label: '编发文字号',
    schemaVersion: 1,
    description: '按机关代字和年度连续编号, 不重号、不空号;记录取得该号的发文',
  },
};
