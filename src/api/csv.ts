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

export function toCsv(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map((row) => {
    const into: Record<string, Scalar> = {};
    flatten(row, '', into);
    return into;
  });
  // Columns in order of first appearance, so sparse rows still line up.
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  return stringify(flat, { header: true, columns, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}
