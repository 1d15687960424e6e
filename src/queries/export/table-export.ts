import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/** One column of an export: a Chinese header and how to read the cell from a row. */
export interface Column<T> {
  header: string;
  value: (row: T) => Cell;
  /** Excel column width in characters. */
  width?: number;
}

const BOM = '\uFEFF';
// Excel runs a cell starting with these as a formula (CSV injection); text never should.
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV in UTF-8 with a BOM, so Excel opens the Chinese text correctly. */
export function toCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): Buffer {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

/** One sheet: bold frozen header row with a filter, then the rows; a note row when given. */
export async function toXlsx<T>(sheetName: string, columns: readonly Column<T>[], rows: readonly T[], note?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '公文督办';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => c.value(row)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (note) {
    sheet.addRow([]);
    sheet.addRow([note]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const SHANGHAI_MS = 8 * 3_600_000;

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai, for people reading an export. */
export const shanghaiTime = (iso: string | null | undefined): string | null =>
  iso ? new Date(Date.parse(iso) + SHANGHAI_MS).toISOString().slice(0, 16).replace('T', ' ') : null;

export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Content-Disposition with an ASCII fallback and the UTF-8 (Chinese) name (RFC 6266). */
export function attachment(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
