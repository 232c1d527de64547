// The form renderer's model: one walk over a command's schema (its JSON Schema, ./json-schema.ts)
// gives the fields a form shows, whatever the command. Strings become text inputs (long ones a
// textarea), dates GOV.UK date inputs, numbers numeric inputs, booleans a checkbox, enums radios
// or a select, arrays of strings or ids a textarea with one per line, arrays of enum values
// checkboxes, nested objects fieldsets, discriminated unions radios that reveal each option's
// fields, arrays of objects repeated fieldsets ("add another"), records of counts lines of
// "key = value"; anything else a JSON textarea, so every schema has a form.
//
// Field names are dotted paths of the command's data (`window.opens`, `documents.0.title`,
// `source.finding.findingId`); ./values.ts reads a posted form back into data by the same walk.

import type { JsonSchema } from './json-schema.js';
import { fieldLabel, words } from './labels.js';

/** What the browser posted, by field name (a repeated name gives an array). */
export type FlatValues = Readonly<Record<string, string | string[] | undefined>>;

interface Base {
  /** The field's dotted path in the form (its input's name, or its inputs' prefix). */
  path: string;
  /** For the HTML: the id of its input (or of its first input). */
  id: string;
  label: string;
  hint?: string;
  required: boolean;
  /** The message shown beside it after a refusal. */
  error?: string;
}

export type Field =
  | (Base & { kind: 'text'; multiline: boolean; inputType: 'text' | 'url'; isId: boolean; maxLength?: number; value: string })
  | (Base & { kind: 'number'; integer: boolean; min?: number; max?: number; value: string })
  | (Base & { kind: 'date'; day: string; month: string; year: string })
  | (Base & { kind: 'boolean'; checked: boolean })
  | (Base & { kind: 'choice'; control: 'radios' | 'select'; options: Option[]; value: string })
  | (Base & { kind: 'choices'; options: Option[]; values: string[] })
  | (Base & { kind: 'list'; isId: boolean; maxItems?: number; value: string })
  | (Base & { kind: 'group'; fields: Field[] })
  | (Base & { kind: 'union'; discriminator: string; value: string; options: (Option & { id: string; fields: Field[] })[] })
  | (Base & { kind: 'repeat'; rows: Field[]; min: number; max?: number; itemLabel: string })
  | (Base & { kind: 'map'; depth: 1 | 2; valueType: 'integer' | 'number' | 'text'; value: string })
  | (Base & { kind: 'json'; value: string });

export interface Option {
  value: string;
  label: string;
}

export interface DescribeOptions {
  /** Current values (a posted form, or a prefill), by field name. */
  values?: FlatValues;
  /** Messages by field path. */
  errors?: Readonly<Record<string, string>>;
  /** Top-level fields the form does not show: the record's ids, filled from the URL, and ids the workbench makes. */
  omit?: ReadonlySet<string>;
  /** Rows to show for a repeated field (its path), when more than it has values for ("add another"). */
  rows?: Readonly<Record<string, number>>;
}

/** The pattern of entity ids (src/domain/values.ts): such a string is an id, not prose. */
const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';
/** Longer than this, a string is written in a textarea. */
const SHORT_TEXT = 500;
/** More options than this, a select rather than radios. */
const MAX_RADIOS = 7;

export const htmlId = (path: string): string => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/**
 * A posted field's one value: the last of a repeated name; '' for anything a form cannot send
 * (a JSON body's object or number), so a hostile body is read as an empty form, never a crash.
 */
export function single(value: unknown): string {
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof last === 'string' ? last : '';
}

/** A posted body as the form's fields: a JSON array, string or nothing is an empty form. */
export function postedFields(body: unknown): FlatValues {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as FlatValues) : {};
}

/** A posted field's values (checkboxes): the strings among them. */
export function several(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

/** The options of a union whose members are objects told apart by one constant field, and that field. */
function discriminatedUnion(schema: JsonSchema): { discriminator: string; options: JsonSchema[] } | undefined {
  const options = schema.oneOf ?? schema.anyOf;
  if (!options || options.length < 2 || !options.every((o) => typeOf(o) === 'object' && o.properties)) return undefined;
  const first = options[0] as JsonSchema;
  const discriminator = Object.keys(first.properties ?? {}).find((key) => options.every((o) => o.properties?.[key]?.const !== undefined));
  return discriminator ? { discriminator, options } : undefined;
}

function isEnum(schema: JsonSchema | undefined): schema is JsonSchema & { enum: unknown[] } {
  return Array.isArray(schema?.enum) && schema.enum.every((v) => typeof v === 'string');
}

/** Depth and value type of a record of records of scalars (equality monitoring), or undefined when it is another shape. */
function mapShape(schema: JsonSchema): { depth: 1 | 2; valueType: 'integer' | 'number' | 'text' } | undefined {
  const scalar = (s: JsonSchema | boolean | undefined) => {
    if (typeof s !== 'object') return undefined;
    const t = typeOf(s);
    return t === 'integer' ? 'integer' : t === 'number' ? 'number' : t === 'string' ? 'text' : undefined;
  };
  const values = schema.additionalProperties;
  if (typeof values !== 'object' || schema.properties) return undefined;
  const flat = scalar(values);
  if (flat) return { depth: 1, valueType: flat };
  if (typeOf(values) === 'object' && !values.properties) {
    const inner = scalar(values.additionalProperties);
    if (inner) return { depth: 2, valueType: inner };
  }
  return undefined;
}

function base(path: string, key: string, schema: JsonSchema, required: boolean, options: DescribeOptions): Base {
  const hint = schema.description;
  const error = options.errors?.[path];
  return {
    path,
    id: htmlId(path),
    label: schema.title ?? fieldLabel(key),
    ...(hint ? { hint } : {}),
    required,
    ...(error ? { error } : {}),
  };
}

/** One field of the form for `schema` at `path` (`key` is its last segment, which names it). */
export function describeField(path: string, key: string, schema: JsonSchema, required: boolean, options: DescribeOptions): Field {
  const values = options.values ?? {};
  const b = base(path, key, schema, required, options);
  const union = discriminatedUnion(schema);
  if (union) {
    const chosen = single(values[`${path}.${union.discriminator}`]);
    return {
      ...b,
      kind: 'union',
      discriminator: union.discriminator,
      value: chosen,
      options: union.options.map((option) => {
        const value = String(option.properties?.[union.discriminator]?.const);
        const inner = { ...option, properties: Object.fromEntries(Object.entries(option.properties ?? {}).filter(([k]) => k !== union.discriminator)) };
        return { value, label: option.title ?? words(value), id: htmlId(`${path}.${union.discriminator}.${value}`), fields: objectFields(`${path}.${value}`, inner, options) };
      }),
    };
  }
  const type = typeOf(schema);
  if (isEnum(schema)) {
    const choices = schema.enum.map((v) => ({ value: String(v), label: words(String(v)) }));
    return { ...b, kind: 'choice', control: choices.length > MAX_RADIOS ? 'select' : 'radios', options: choices, value: single(values[path]) };
  }
  if (type === 'string') {
    if (schema.format === 'date') {
      return { ...b, kind: 'date', day: single(values[`${path}.day`]), month: single(values[`${path}.month`]), year: single(values[`${path}.year`]) };
    }
    const isId = schema.pattern === ID_PATTERN;
    const long = (schema.maxLength ?? Number.POSITIVE_INFINITY) > SHORT_TEXT;
    return {
      ...b,
      kind: 'text',
      multiline: long && !isId && schema.format !== 'uri',
      inputType: schema.format === 'uri' ? 'url' : 'text',
      isId,
      ...(schema.maxLength !== undefined ? { maxLength: schema.maxLength } : {}),
      value: single(values[path]),
    };
  }
  if (type === 'integer' || type === 'number') {
    const bounded = (n: number | undefined) => (n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
    const min = bounded(schema.minimum);
    const max = bounded(schema.maximum);
    return { ...b, kind: 'number', integer: type === 'integer', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), value: single(values[path]) };
  }
  if (type === 'boolean') return { ...b, kind: 'boolean', checked: single(values[path]) === 'true' };
  if (type === 'array' && schema.items) {
    const items = schema.items;
    if (isEnum(items)) {
      return { ...b, kind: 'choices', options: items.enum.map((v) => ({ value: String(v), label: words(String(v)) })), values: several(values[path]) };
    }
    if (typeOf(items) === 'string') {
      return { ...b, kind: 'list', isId: items.pattern === ID_PATTERN, ...(schema.maxItems !== undefined ? { maxItems: schema.maxItems } : {}), value: single(values[path]) };
    }
    if (typeOf(items) === 'object' && items.properties) return repeat(b, path, key, schema, items, options);
  }
  if (type === 'object') {
    if (schema.properties) return { ...b, kind: 'group', fields: objectFields(path, schema, options) };
    const shape = mapShape(schema);
    if (shape) return { ...b, kind: 'map', ...shape, value: single(values[path]) };
  }
  return { ...b, kind: 'json', value: single(values[path]) };
}

function repeat(b: Base, path: string, key: string, schema: JsonSchema, items: JsonSchema, options: DescribeOptions): Field {
  const values = options.values ?? {};
  // As many rows as were posted, the fewest the schema takes, or the number asked for ("add another"), and at least one.
  const posted = Object.keys(values)
    .filter((name) => name.startsWith(`${path}.`))
    .map((name) => Number(name.slice(path.length + 1).split('.')[0]))
    .filter(Number.isInteger);
  const min = schema.minItems ?? 0;
  const count = Math.min(schema.maxItems ?? Number.POSITIVE_INFINITY, Math.max(1, min, posted.length > 0 ? Math.max(...posted) + 1 : 0, options.rows?.[path] ?? 0));
  const itemLabel = items.title ?? fieldLabel(key.endsWith('s') ? key.slice(0, -1) : key);
  const rows = Array.from({ length: count }, (_, i): Field => {
    const rowPath = `${path}.${i}`;
    return { ...base(rowPath, String(i), items, i < min, options), label: `${itemLabel} ${i + 1}`, kind: 'group', fields: objectFields(rowPath, items, options) };
  });
  return { ...b, kind: 'repeat', rows, min, ...(schema.maxItems !== undefined ? { max: schema.maxItems } : {}), itemLabel };
}

/** The fields of an object schema, in its order. */
export function objectFields(path: string, schema: JsonSchema, options: DescribeOptions): Field[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([key]) => path !== '' || !options.omit?.has(key))
    .map(([key, property]) => describeField(path === '' ? key : `${path}.${key}`, key, property, required.has(key), options));
}

/** The form of a whole command's input. */
export function describeForm(schema: JsonSchema, options: DescribeOptions = {}): Field[] {
  return objectFields('', schema, options);
}
