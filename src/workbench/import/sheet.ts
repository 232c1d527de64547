// A spreadsheet of survey responses, as uploaded: a CSV (csv-parse) or an XLSX workbook's first
// sheet (exceljs), read into a header row and rows of text. Bounded: the file's size (by the
// upload), what an XLSX unpacks to, the rows and the columns; each limit refused with a message
// that says it.

import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { assertInflatesWithin, ZipRefused } from './zip-bounds.js';

/** Most data rows one import takes (ten batches of the ledger's largest). */
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_COLUMNS = 100;
/** What an XLSX workbook may unpack to. */
export const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;

export class SheetRefused extends Error {
  constructor(
    readonly code: 'SPREADSHEET_TYPE' | 'SPREADSHEET_UNREADABLE' | 'SPREADSHEET_EMPTY' | 'TOO_MANY_ROWS' | 'TOO_MANY_COLUMNS' | 'SPREADSHEET_TOO_LARGE',
    message: string,
  ) {
    super(message);
    this.name = 'SheetRefused';
  }
}

export interface Sheet {
  columns: string[];
  /** Data rows (the header excluded), each cell as text, '' when empty. */
  rows: string[][];
}

const isXlsx = (name: string, data: Buffer) => /\.xlsx$/i.test(name) || (data.length > 4 && data.readUInt32LE(0) === 0x04034b50);
const isCsv = (name: string) => /\.(csv|txt)$/i.test(name);

function bounded(table: string[][]): Sheet {
  const nonEmpty = table.filter((row) => row.some((cell) => cell.trim() !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new SheetRefused('SPREADSHEET_EMPTY', 'the spreadsheet has no rows');
  if (rows.length === 0) throw new SheetRefused('SPREADSHEET_EMPTY', 'the spreadsheet has a header row and no responses under it');
  if (rows.length > MAX_IMPORT_ROWS) throw new SheetRefused('TOO_MANY_ROWS', `the spreadsheet has ${rows.length.toLocaleString('en-GB')} rows; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')}: split it`);
  const width = Math.max(header.length, ...rows.map((r) => r.length));
  if (width > MAX_IMPORT_COLUMNS) throw new SheetRefused('TOO_MANY_COLUMNS', `the spreadsheet has ${width} columns; at most ${MAX_IMPORT_COLUMNS}`);
  const columns = Array.from({ length: width }, (_, i) => (header[i] ?? '').trim() || `Column ${i + 1}`);
  return { columns, rows: rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')) };
}

function readCsv(data: Buffer): Sheet {
  let table: string[][];
  try {
    table = parse(data, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: 1_000_000, to: MAX_IMPORT_ROWS + 2 });
  } catch (error) {
    throw new SheetRefused('SPREADSHEET_UNREADABLE', `the CSV file cannot be read: ${(error as Error).message}`);
  }
  return bounded(table);
}

/** A cell as the sheet shows it: dates as YYYY-MM-DD, formulas by their result, rich text as its text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(data: Buffer): Promise<Sheet> {
  try {
    assertInflatesWithin(data, MAX_XLSX_INFLATED_BYTES);
  } catch (error) {
    if (error instanceof ZipRefused) throw new SheetRefused('SPREADSHEET_TOO_LARGE', error.message);
    throw error;
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new SheetRefused('SPREADSHEET_UNREADABLE', `the XLSX workbook cannot be read: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetRefused('SPREADSHEET_EMPTY', 'the workbook has no sheet');
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) {
    throw new SheetRefused('TOO_MANY_ROWS', `the sheet has ${(sheet.rowCount - 1).toLocaleString('en-GB')} rows; one import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en-GB')}: split it`);
  }
  if (sheet.columnCount > MAX_IMPORT_COLUMNS) throw new SheetRefused('TOO_MANY_COLUMNS', `the sheet has ${sheet.columnCount} columns; at most ${MAX_IMPORT_COLUMNS}`);
  const table: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    table.push(Array.from(cells, (c) => c ?? ''));
  });
  return bounded(table);
}

/** Read an uploaded spreadsheet by its name (or, for XLSX, its first bytes). */
export async function readSheet(fileName: string, data: Buffer): Promise<Sheet> {
  if (isXlsx(fileName, data)) return readXlsx(data);
  if (isCsv(fileName)) return readCsv(data);
  throw new SheetRefused('SPREADSHEET_TYPE', 'upload a CSV file (.csv) or an Excel workbook (.xlsx)');
}
