// Rows as CSV, for panels who read reports in a spreadsheet. Nested values are
// flattened: objects to dotted columns, arrays of scalars joined with "; ".

import { stringify } from 'csv-stringify/sync';

type Scalar = string | number | boolean | null;

function flatten(value: unknown, prefix: string, into: Record<string, Scalar>): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object') {
    into[prefix] = value as Scalar;
    return;
  }
  if (Array.isArray(value)) {
    into[prefix] = value.every((v) => v === null || typeof v !== 'object') ? value.join('; ') : JSON.stringify(value);
    return;
  }
  for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
}

function flattenRows(rows: readonly Record<string, unknown>[]): Record<string, Scalar>[] {
  return rows.map((row) => {
    const into: Record<string, Scalar> = {};
    flatten(row, '', into);
    return into;
  });
}

function write(flat: readonly Record<string, Scalar>[], columns: string[], header: boolean): string {
  return stringify(flat as Record<string, Scalar>[], { header, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

/** Columns in order of first appearance, so sparse rows still line up. */
const columnsOf = (flat: readonly Record<string, Scalar>[]): string[] => [...new Set(flat.flatMap((row) => Object.keys(row)))];

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = flattenRows(rows);
  return write(flat, columnsOf(flat), true);
}

/**
 * Pages of rows as CSV, a page at a time, so an export of any size never sits whole in memory.
 * The header is the first rows' columns: a view gives all its rows the same ones.
 */
export async function* csvPages(pages: AsyncIterable<{ rows: readonly Record<string, unknown>[] }>): AsyncGenerator<string> {
  let columns: string[] | undefined;
  for await (const { rows } of pages) {
    if (rows.length === 0) continue;
    const flat = flattenRows(rows);
    const header = columns === undefined;
    columns ??= columnsOf(flat);
    yield write(flat, columns, header);
  }
}
