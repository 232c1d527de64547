// The error summary above a refused form: every message, in the order of the fields they belong
// to, each linking to its field; then what belongs to no field.

import type { PlacedErrors } from './errors.js';
import type { Field } from './fields.js';

export interface Problems {
  title?: string;
  general: string[];
  fields: { id: string; message: string }[];
}

function walk(fields: readonly Field[], out: { id: string; message: string }[]): void {
  for (const field of fields) {
    if (field.error) out.push({ id: field.id, message: field.error });
    if (field.kind === 'group') walk(field.fields, out);
    if (field.kind === 'repeat') walk(field.rows, out);
    if (field.kind === 'union') walk(field.options.find((o) => o.value === field.value)?.fields ?? [], out);
  }
}

export function problemsOf(fields: readonly Field[], placed: PlacedErrors | undefined): Problems | undefined {
  if (!placed) return undefined;
  const listed: { id: string; message: string }[] = [];
  walk(fields, listed);
  // A message for a field the form does not draw (say, inside an option not chosen) is still said.
  const drawn = new Set(listed.map((l) => l.message));
  const unplaced = Object.values(placed.byField).filter((message) => !drawn.has(message));
  const problems = { general: [...placed.general, ...unplaced], fields: listed };
  return problems.general.length > 0 || problems.fields.length > 0 ? problems : undefined;
}
