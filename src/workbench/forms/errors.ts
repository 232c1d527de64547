// Where a refusal is shown: each of a command schema's issues beside the field it names (its path
// through unions and repeated rows, as the form drew them), in the words GOV.UK forms use; a rule
// of the domain beside the field its details name, or above the form.

import type { Field } from './fields.js';

export interface Issue {
  path: readonly string[];
  message: string;
}

export interface PlacedErrors {
  /** Message by field path. */
  byField: Record<string, string>;
  /** Messages that name no field of the form. */
  general: string[];
}

function children(field: Field, chosen: (union: Extract<Field, { kind: 'union' }>) => string): Field[] {
  if (field.kind === 'group') return field.fields;
  if (field.kind === 'repeat') return field.rows;
  if (field.kind === 'union') return field.options.find((o) => o.value === chosen(field))?.fields ?? [];
  return [];
}

/** The deepest field of the form an issue's path leads to. */
export function fieldFor(fields: readonly Field[], path: readonly string[]): Field | undefined {
  let level: readonly Field[] = fields;
  let found: Field | undefined;
  for (const key of path) {
    const next = level.find((f) => f.path.split('.').pop() === key);
    if (!next) {
      // The discriminator of a union is the union's own radios.
      if (found?.kind === 'union' && key === found.discriminator) return found;
      break;
    }
    found = next;
    level = children(next, (union) => union.value);
  }
  return found;
}

/** A schema's message in the words a person filling the form understands. */
export function friendly(field: Field, message: string): string {
  const label = field.label;
  const choose = field.kind === 'choice' || field.kind === 'union' || field.kind === 'choices';
  if (/received undefined|expected (string|number|object|array|boolean), received/.test(message) || /expected string to have >=1 characters/.test(message)) {
    return field.kind === 'date' ? `Enter ${label.toLowerCase()} as a date` : `${choose ? 'Choose' : 'Enter'} ${label.toLowerCase()}`;
  }
  const tooLong = /expected string to have <=(\d+) characters/.exec(message);
  if (tooLong) return `${label} must be ${tooLong[1]} characters or fewer`;
  const tooMany = /expected array to have <=(\d+) items/.exec(message);
  if (tooMany) return `${label}: at most ${tooMany[1]}`;
  const tooFew = /expected array to have >=(\d+) items/.exec(message);
  if (tooFew) return `${label}: at least ${tooFew[1]}`;
  const small = /expected number to be >=?(-?\d+)/.exec(message);
  if (small) return `${label} must be ${small[1]} or more`;
  const big = /expected number to be <=?(-?\d+)/.exec(message);
  if (big) return `${label} must be ${big[1]} or less`;
  if (/expected int/.test(message)) return `${label} must be a whole number`;
  if (/Invalid option/.test(message)) return `Choose ${label.toLowerCase()}`;
  return `${label}: ${message}`;
}

/** Place a schema's issues (paths relative to the form's data) beside the fields they name. */
export function placeIssues(fields: readonly Field[], issues: readonly Issue[]): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, general: [] };
  for (const issue of issues) {
    const field = fieldFor(fields, issue.path);
    if (!field) placed.general.push(issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
    else placed.byField[field.path] ??= friendly(field, issue.message);
  }
  return placed;
}

/**
 * A rule of the domain, refused: beside the first shown field its details name (an activity's
 * `window`, a link's `notAdoptedReason`), else above the form. The message is the domain's own.
 */
export function placeRule(fields: readonly Field[], message: string, details: Readonly<Record<string, unknown>>): PlacedErrors {
  const field = Object.keys(details)
    .map((key) => fields.find((f) => f.path === key))
    .find((f) => f !== undefined);
  return field ? { byField: { [field.path]: message }, general: [] } : { byField: {}, general: [message] };
}
