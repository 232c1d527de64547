// An example for each request and response body: the schema's own (`.meta({ examples })` on
// the zod schema) where it has one, otherwise one generated from the schema by openapi-sampler
// (Redoc's sampler), with patterns honoured so the example validates against its schema.

import { sample } from 'openapi-sampler';
import type { JSONSchema7 } from 'json-schema';

const SOURCE_REF = '#/components/schemas/RecordSource';

export function exampleFor(schema: Record<string, unknown>, document: object): unknown {
  const example = sample(schema as JSONSchema7, { enablePatterns: true, quiet: true, skipReadOnly: true, maxSampleDepth: 6 }, document);
  return withoutOptionalSource(schema, example);
}

/**
 * Nearly every command may name the document it was recorded from (optional). Its example is
 * RecordSource's own, in components: repeated in some sixty commands' examples it was 8 KB of
 * the document saying one thing, so an optional source is left out of a command's example.
 */
function withoutOptionalSource(schema: Record<string, unknown>, example: unknown): unknown {
  const properties = schema.properties as Record<string, { $ref?: string }> | undefined;
  const required = (schema.required as string[] | undefined) ?? [];
  if (properties?.source?.$ref !== SOURCE_REF || required.includes('source')) return example;
  if (!example || typeof example !== 'object' || Array.isArray(example)) return example;
  const { source: _source, ...rest } = example as Record<string, unknown>;
  return rest;
}

/**
 * OpenAPI 3.0 schemas take one `example`, not JSON Schema's `examples` array, which zod writes
 * from `.meta({ examples })`: keep the first, in the 3.0 spelling.
 */
export function examplesTo30(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) examplesTo30(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (Array.isArray(record.examples) && ('type' in record || '$ref' in record || 'anyOf' in record || 'properties' in record)) {
    if (record.examples.length > 0) record.example ??= record.examples[0];
    delete record.examples;
  }
  for (const value of Object.values(record)) examplesTo30(value);
}
