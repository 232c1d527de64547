// An example for each request and response body: the schema's own (`.meta({ examples })` on
// the zod schema) where it has one, otherwise one generated from the schema by openapi-sampler
// (Redoc's sampler), with patterns honoured so the example validates against its schema.

import { sample } from 'openapi-sampler';
import type { JSONSchema7 } from 'json-schema';

export function exampleFor(schema: Record<string, unknown>, document: object): unknown {
  return sample(schema as JSONSchema7, { enablePatterns: true, quiet: true, skipReadOnly: true, maxSampleDepth: 6 }, document);
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
