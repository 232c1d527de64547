// The command schemas as the form renderer walks them: zod's own JSON Schema of a command's input
// (the same conversion the API's OpenAPI document uses), so every shape a schema can take is
// seen through one public, stable description rather than zod's internals.

import { z } from 'zod';

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
}

const cache = new WeakMap<z.ZodType, JsonSchema>();

/** The JSON Schema of what a form submits (the input side: fields with defaults are optional). */
export function inputSchemaOf(schema: z.ZodType): JsonSchema {
  let json = cache.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    cache.set(schema, json);
  }
  return json;
}

/** The same object schema without some of its fields (those a form fills itself). */
export function without(schema: JsonSchema, names: readonly string[]): JsonSchema {
  const left = new Set(names);
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => !left.has(name))),
    required: (schema.required ?? []).filter((name) => !left.has(name)),
  };
}
