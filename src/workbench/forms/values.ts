// A posted form read back into a command's data, by the same walk of the schema that drew it
// (./fields.ts): dates from their day, month and year, numbers from text, lists from lines,
// unions from the option chosen, repeated fieldsets into arrays, counts from "key = value"
// lines. Only what cannot be read at all is a problem here (a date that is no date, a number
// that is no number); every rule is left to the command's own schema and the domain.

import { describeField, several, single, type Field, type FlatValues } from './fields.js';
import type { JsonSchema } from './json-schema.js';

export interface ReadForm {
  data: Record<string, unknown>;
  /** What could not be read, by field path. */
  problems: Record<string, string>;
}


function isoDate(day: string, month: string, year: string): string | undefined {
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return undefined;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

function readMap(field: Extract<Field, { kind: 'map' }>, text: string, problems: Record<string, string>): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  const example = field.depth === 2 ? '“age / 16-24 = 12”' : '“16-24 = 12”';
  for (const [i, line] of lines(text).entries()) {
    const match = /^(.+?)\s*=\s*(.+)$/.exec(line);
    const keys = match ? (match[1] as string).split('/').map((k) => k.trim()) : [];
    if (!match || keys.length !== field.depth || keys.some((k) => k === '')) {
      problems[field.path] = `Line ${i + 1}: write each line as ${example}`;
      return undefined;
    }
    const raw = (match[2] as string).trim();
    const value = field.valueType === 'text' ? raw : Number(raw);
    if (typeof value === 'number' && (!Number.isFinite(value) || raw === '')) {
      problems[field.path] = `Line ${i + 1}: “${raw}” is not a number`;
      return undefined;
    }
    if (field.depth === 1) result[keys[0] as string] = value;
    else {
      const outer = (result[keys[0] as string] ??= {}) as Record<string, unknown>;
      outer[keys[1] as string] = value;
    }
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** A field's value from the posted form; undefined when left empty. */
function readField(field: Field, body: FlatValues, problems: Record<string, string>): unknown {
  switch (field.kind) {
    case 'text': {
      const value = single(body[field.path]).replace(/\r\n/g, '\n');
      return value.trim() === '' ? undefined : value;
    }
    case 'number': {
      const value = single(body[field.path]).trim();
      if (value === '') return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) problems[field.path] = `${field.label}: enter a number`;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'date': {
      const [day, month, year] = ['day', 'month', 'year'].map((part) => single(body[`${field.path}.${part}`]).trim()) as [string, string, string];
      if (day === '' && month === '' && year === '') return undefined;
      const iso = isoDate(day, month, year);
      if (!iso) problems[field.path] = `${field.label} must be a real date, with the day, month and year as numbers (e.g. 27 3 2026)`;
      return iso;
    }
    case 'boolean':
      return single(body[field.path]) === 'true' ? true : field.required ? false : undefined;
    case 'choice': {
      const value = single(body[field.path]);
      return value === '' ? undefined : value;
    }
    case 'choices': {
      const values = several(body[field.path]).filter((v) => v !== '');
      return values.length > 0 ? values : field.required ? [] : undefined;
    }
    case 'list': {
      const text = single(body[field.path]);
      // Ids may come one per line or separated by commas; other text only one per line.
      const items = field.isId ? lines(text.replace(/,/g, '\n')) : lines(text);
      return items.length > 0 ? items : undefined;
    }
    case 'group': {
      const value = readFields(field.fields, body, problems);
      return Object.keys(value).length > 0 ? value : field.required ? {} : undefined;
    }
    case 'union': {
      const option = field.options.find((o) => o.value === single(body[`${field.path}.${field.discriminator}`]));
      return option ? { [field.discriminator]: option.value, ...readFields(option.fields, body, problems) } : undefined;
    }
    case 'repeat': {
      const rows = field.rows.map((row) => readField(row, body, problems));
      // Empty rows at the end are rows not used; one in the middle stays, so messages keep their row numbers.
      while (rows.length > 0 && rows[rows.length - 1] === undefined) rows.pop();
      const items = rows.map((row) => row ?? {});
      return items.length > 0 ? items : field.required ? [] : undefined;
    }
    case 'map':
      return readMap(field, single(body[field.path]), problems);
    case 'json': {
      const text = single(body[field.path]).trim();
      if (text === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        problems[field.path] = `${field.label}: not valid JSON`;
        return undefined;
      }
    }
  }
}

function readFields(fields: readonly Field[], body: FlatValues, problems: Record<string, string>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = readField(field, body, problems);
    if (value !== undefined) data[field.path.split('.').pop() as string] = value;
  }
  return data;
}

/** Read a posted form into the data of the command whose input schema drew it (top-level `omit` fields left out). */
export function readForm(schema: JsonSchema, body: FlatValues, omit: ReadonlySet<string> = new Set()): ReadForm {
  const problems: Record<string, string> = {};
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {})
    .filter(([key]) => !omit.has(key))
    .map(([key, property]) => describeField(key, key, property, required.has(key), { values: body }));
  return { data: readFields(fields, body, problems), problems };
}

/** Read the fields of an object schema drawn under a prefix (`links.2`, `tell`) back into data. */
export function readFormAt(prefix: string, schema: JsonSchema, body: FlatValues): ReadForm {
  const problems: Record<string, string> = {};
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => describeField(`${prefix}.${key}`, key, property, required.has(key), { values: body }));
  return { data: readFields(fields, body, problems), problems };
}
