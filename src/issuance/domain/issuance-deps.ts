import type { DocumentCodes, IssuanceDirectory } from './issuance-directory';

export interface IssuanceDeps {
  directory: IssuanceDirectory;
  /** 机关代字 of the 市政府 and its office; defaults to 张政发 / 张政办发. */
  documentCodes?: DocumentCodes;
}
