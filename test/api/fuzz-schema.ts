// Requests that pass the route's own schema, generated from the OpenAPI document the server
// publishes: they get past validation into the ledger and the domain, where a 5xx would hide.
// Ids come from the ledger under test, so commands name entities that exist.

import fc from 'fast-check';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: JsonSchema | boolean;
}

/** Known ids by field name ('activityId' -> the activities in the ledger). */
export type IdPool = ReadonlyMap<string, readonly string[]>;

const ENTITY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const freshId = fc.stringMatching(ENTITY_ID).filter((s) => s.length <= 64);

/** 'jointPartnerIds' and 'leadOrganisationIds' name organisations; other '...Ids' name their singular. */
function idKind(field: string): string {
  if (/partner|organisation/i.test(field)) return 'organisationId';
  if (field === 'supersedes') return 'submissionId';
  return field.replace(/Ids$/, 'Id');
}

export function idArbitrary(ids: IdPool, field: string): fc.Arbitrary<string> {
  const known = ids.get(idKind(field)) ?? [];
  const any = [...ids.values()].flat();
  const choices: fc.WeightedArbitrary<string>[] = [{ weight: 1, arbitrary: freshId }];
  if (known.length > 0) choices.push({ weight: 6, arbitrary: fc.constantFrom(...known) });
  if (any.length > 0) choices.push({ weight: 1, arbitrary: fc.constantFrom(...any) });
  return fc.oneof(...choices);
}

const isoDay = fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

function stringArbitrary(schema: JsonSchema, ids: IdPool, field: string): fc.Arbitrary<string> {
  if (schema.format === 'date') return isoDay;
  if (schema.format === 'date-time') return fc.date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'uri') return fc.constantFrom('https://example.org/consultation.pdf', 'http://localhost/x', 'mailto:a@b.c');
  if (schema.pattern === ENTITY_ID.source) return idArbitrary(ids, field);
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)) });
}

/**
 * A value the schema accepts (give or take rules JSON Schema cannot state, such as `trim`).
 * `minimal`: objects carry their required fields only, which passes cross-field rules more often.
 */
export function validValue(schema: JsonSchema, ids: IdPool, field = '', minimal = false): fc.Arbitrary<unknown> {
  // A field with its own description over a shared schema: `{ description, allOf: [{ $ref }] }`.
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return validValue(Object.assign({}, ...allOf, rest) as JsonSchema, ids, field, minimal);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map((s) => validValue(s, ids, field, minimal)));
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0 && typeof schema.additionalProperties === 'object') {
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), validValue(schema.additionalProperties, ids), { maxKeys: 3 });
      }
      const required = schema.required ?? [];
      const shape = Object.fromEntries(properties.filter(([key]) => !minimal || required.includes(key)).map(([key, s]) => [key, validValue(s, ids, key, minimal)]));
      return fc.record(shape, { requiredKeys: required.filter((k) => k in shape) });
    }
    case 'array':
      return fc.array(validValue(schema.items ?? {}, ids, field, minimal), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'string':
      return stringArbitrary(schema, ids, field);
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1e6, -1e6), max: Math.min(schema.maximum ?? 1e6, 1e6) });
    case 'number':
      return fc.double({ min: Math.max(schema.minimum ?? -1e6, -1e6), max: Math.min(schema.maximum ?? 1e6, 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
