// The OpenAPI document, finished once after every route is registered: what @fastify/swagger
// and the zod transform leave repeated or missing, decided here for every operation alike,
// so no route file has to: error responses and parameters named once in `components`, an
// operationId, a summary and an example for each operation.

import { errorResponses as declaredErrors } from '../schemas.js';
import { exampleFor, examplesTo30 } from './examples.js';
import { operationIdFor } from './operation-ids.js';

/** The parts of an OpenAPI 3.0 document this file reads and writes; the rest passes through. */
export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas?: Record<string, Schema>;
    responses?: Record<string, unknown>;
    parameters?: Record<string, Parameter | Ref>;
    securitySchemes?: Record<string, unknown>;
  };
  tags?: Array<{ name: string; description?: string }>;
  [key: string]: unknown;
}

export type Schema = Record<string, unknown>;
export interface Ref {
  $ref: string;
}
export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
export interface MediaType {
  schema?: Schema;
  example?: unknown;
}
export interface Response {
  description: string;
  content?: Record<string, MediaType>;
}
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Parameter | Ref>;
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response | Ref>;
  security?: unknown[];
}

const SCHEMAS = '#/components/schemas/';
const RESPONSES = '#/components/responses/';
const PARAMETERS = '#/components/parameters/';
const errorRef = { $ref: `${SCHEMAS}Error` };

/** The error responses every operation may give, named once. */
const standardErrors: Record<string, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
};

/** What each tag groups, for the document's tag list. */
const tagDescriptions: Record<string, string> = {
  organisations: 'Partner organisations (reference data, the administrator’s)',
  areas: 'Places engagement covers (reference data)',
  communities: 'Communities of interest (reference data)',
  plans: 'Engagement plans, their objectives and indicators',
  activities: 'Consultations, surveys, workshops and forums: their feedback and findings',
  decisions: 'Decisions and the influence links to the evidence that fed them',
  actions: 'Actions that carry decisions out, and their progress',
  'health-check-cycles': 'The engagement health check: cycles and each organisation’s submission',
  'voice-evaluations': 'VOiCE evaluations of activities',
  events: 'The whole log, for auditors',
  audit: 'Traces from a decision back to its evidence, and from an activity forward',
  integrity: 'Hash-chain verification and signed checkpoints',
  credentials: 'Bearer tokens (the administrator’s)',
  subjects: 'Data subjects: erasure of personal data',
  'read models': 'What panels and auditors read, kept from the log by projections',
  operations: 'Probes and metrics for whoever runs the ledger',
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

function operations(doc: OpenApiDocument): Array<{ path: string; method: string; op: Operation }> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (METHODS as readonly string[]).includes(method))
      .map(([method, op]) => ({ path, method, op })),
  );
}

/** Visit every `$ref` string in `node`, replacing it by what `rewrite` returns. */
function rewriteRefs(node: unknown, rewrite: (ref: string) => string): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, rewrite);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === '$ref' && typeof value === 'string') record[key] = rewrite(value);
      else rewriteRefs(value, rewrite);
    }
  }
}

/**
 * The zod transform names a shared schema twice, as read (`X`) and as written (`XInput`);
 * for most they are the same JSON, and one name is enough.
 */
function mergeInputTwins(doc: OpenApiDocument): void {
  const schemas = doc.components.schemas ?? {};
  const merged = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const twin = name.endsWith('Input') ? name.slice(0, -'Input'.length) : undefined;
    if (twin && schemas[twin] && JSON.stringify(schemas[twin]) === JSON.stringify(schemas[name])) merged.set(`${SCHEMAS}${name}`, `${SCHEMAS}${twin}`);
  }
  for (const from of merged.keys()) delete schemas[from.slice(SCHEMAS.length)];
  rewriteRefs(doc, (ref) => merged.get(ref) ?? ref);
}

/** Walk every schema-like object under `node`, children first, replacing each by what `visit` returns. */
function mapSchemas(node: unknown, visit: (schema: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((item) => mapSchemas(item, visit));
  if (!node || typeof node !== 'object') return node;
  const mapped = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, mapSchemas(value, visit)]));
  return visit(mapped);
}

/**
 * What the zod transform spells the long way: `{ allOf: [X] }` alone is X; a nullable
 * reference needs its type beside `nullable` (OpenAPI 3.0); and JavaScript's safe-integer
 * bounds on every integer say nothing a client needs.
 */
function tidySchemas(doc: OpenApiDocument): void {
  const components = doc.components.schemas ?? {};
  const typeOf = (ref: string): unknown => components[ref.slice(SCHEMAS.length)]?.type;
  const tidy = (schema: Schema): Schema => {
    const out = { ...schema };
    if (out.minimum === -Number.MAX_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    const allOf = out.allOf;
    if (Array.isArray(allOf) && allOf.length === 1) {
      const only = allOf[0] as Schema;
      const others = Object.keys(out).filter((k) => k !== 'allOf');
      if (others.length === 0) return only;
      if (out.nullable === true && typeof only.$ref === 'string' && out.type === undefined) out.type = typeOf(only.$ref);
    }
    return out;
  };
  doc.paths = mapSchemas(doc.paths, tidy) as OpenApiDocument['paths'];
  doc.components.schemas = mapSchemas(components, tidy) as Record<string, Schema>;
}

/**
 * A route that builds its own copy of a named schema (a read model's `z.iso.date()` filter)
 * gets the name too: an inline schema identical to a component, but for the component's
 * description and example, becomes a reference to it.
 */
function referToNamedSchemas(doc: OpenApiDocument): void {
  const core = (schema: Schema): string => {
    const { description: _d, example: _e, ...rest } = schema;
    return JSON.stringify(rest);
  };
  const named = new Map(Object.entries(doc.components.schemas ?? {}).map(([name, schema]) => [core(schema), `${SCHEMAS}${name}`]));
  const refer = (schema: Schema): Schema => {
    const ref = named.get(JSON.stringify(schema));
    return ref ? { $ref: ref } : schema;
  };
  doc.paths = mapSchemas(doc.paths, refer) as OpenApiDocument['paths'];
}

/** Named schemas nothing refers to (a read-only schema's unused input twin) are dropped. */
function dropUnusedSchemas(doc: OpenApiDocument): void {
  const schemas = doc.components.schemas ?? {};
  for (;;) {
    const used = new Set<string>();
    rewriteRefs({ ...doc, components: { ...doc.components, schemas: {} } }, (ref) => (used.add(ref), ref));
    for (const schema of Object.values(schemas)) rewriteRefs(schema, (ref) => (used.add(ref), ref));
    const unused = Object.keys(schemas).filter((name) => !used.has(`${SCHEMAS}${name}`));
    if (unused.length === 0) return;
    for (const name of unused) delete schemas[name];
  }
}

/**
 * Which errors an operation can give, from what it is: any input can be malformed (400); a
 * route that needs a token can be refused one (401, 403); an id in the path may name nothing
 * (404); a write can conflict (409), be too large (413), not be JSON (415) or break a rule
 * (422); everything is rate-limited (429).
 */
function errorStatuses(method: string, op: Operation): string[] {
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  const params = (op.parameters ?? []) as Parameter[];
  const statuses = ['429'];
  if (params.length > 0 || op.requestBody) statuses.push('400');
  if (!isPublic) statuses.push('401', '403');
  if (params.some((p) => p.in === 'path')) statuses.push('404');
  if (method === 'post') statuses.push('409', '422');
  if (op.requestBody) statuses.push('413', '415');
  return statuses;
}

function nameErrorResponses(doc: OpenApiDocument): void {
  doc.components.responses = Object.fromEntries(
    Object.entries(standardErrors).map(([status, name]) => [
      name,
      { description: declaredErrors[Number(status) as keyof typeof declaredErrors].description, content: { 'application/json': { schema: errorRef } } },
    ]),
  );
  for (const { method, op } of operations(doc)) {
    const kept = Object.fromEntries(Object.entries(op.responses).filter(([status]) => !(Number(status) >= 400)));
    for (const status of errorStatuses(method, op).sort()) kept[status] = { $ref: `${RESPONSES}${standardErrors[status]}` };
    op.responses = kept;
  }
}

const pascal = (words: string): string =>
  words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');

/**
 * A parameter that many operations repeat word for word (a path id, a write header, a read
 * model's filter) is named once. Parameters that share a name but differ stay inline.
 */
function nameRepeatedParameters(doc: OpenApiDocument): void {
  const seen = new Map<string, { parameter: Parameter; count: number }>();
  for (const { op } of operations(doc)) {
    for (const parameter of (op.parameters ?? []) as Parameter[]) {
      if (!('name' in parameter)) continue;
      const key = JSON.stringify(parameter);
      const entry = seen.get(key) ?? { parameter, count: 0 };
      entry.count += 1;
      seen.set(key, entry);
    }
  }
  const names = new Map<string, string>();
  const taken = new Set<string>();
  // The most repeated spelling of a name gets the name.
  for (const [key, { parameter, count }] of [...seen].sort((a, b) => b[1].count - a[1].count)) {
    const name = pascal(parameter.name) + (parameter.in === 'header' ? 'Header' : parameter.in === 'query' ? 'Query' : '');
    if (count < 2 || taken.has(name)) continue;
    taken.add(name);
    names.set(key, name);
  }
  doc.components.parameters = Object.fromEntries([...names].map(([key, name]) => [name, JSON.parse(key) as Parameter]));
  for (const { op } of operations(doc)) {
    if (!op.parameters) continue;
    op.parameters = op.parameters.map((parameter) => {
      const name = names.get(JSON.stringify(parameter));
      return name ? { $ref: `${PARAMETERS}${name}` } : parameter;
    });
  }
}

function completeOperations(doc: OpenApiDocument): void {
  const ids = new Map<string, string>();
  for (const { path, method, op } of operations(doc)) {
    const id = operationIdFor(method, path);
    const clash = ids.get(id);
    if (clash) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} and ${clash} both derive the operationId ${id}`);
    ids.set(id, `${method.toUpperCase()} ${path}`);
    op.operationId = id;
    op.summary ??= `${method.toUpperCase()} ${path}`;
    const body = op.requestBody?.content['application/json'];
    if (body?.schema) body.example ??= exampleFor(body.schema, doc);
    for (const [status, response] of Object.entries(op.responses)) {
      if (!status.startsWith('2') || '$ref' in response) continue;
      // @fastify/swagger's placeholder for a response the route did not describe.
      if (response.description === 'Default Response') response.description = status === '201' ? 'Created' : 'OK';
      const media = response.content?.['application/json'];
      if (media?.schema) media.example ??= exampleFor(media.schema, doc);
    }
  }
  const used = new Set(operations(doc).flatMap(({ op }) => op.tags ?? []));
  doc.tags = [...used].sort().map((name) => ({ name, description: tagDescriptions[name] ?? name }));
}

/**
 * A success response many operations give word for word (what a command recorded, a page of a
 * read model, an entity's history) is named once, after the schema it carries where that has a
 * name ("CommandResult", "CommandResultCreated"), else after the first operation's tag.
 */
function nameRepeatedSuccessResponses(doc: OpenApiDocument): void {
  const seen = new Map<string, { response: Response; count: number; tag: string }>();
  for (const { op } of operations(doc)) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (!status.startsWith('2') || '$ref' in response) continue;
      const key = `${status} ${JSON.stringify(response)}`;
      const entry = seen.get(key) ?? { response, count: 0, tag: op.tags?.[0] ?? 'shared' };
      entry.count += 1;
      seen.set(key, entry);
    }
  }
  const responses = (doc.components.responses ??= {});
  const names = new Map<string, string>();
  for (const [key, { response, count, tag }] of [...seen].sort((a, b) => b[1].count - a[1].count)) {
    if (count < 2) continue;
    const status = key.slice(0, 3);
    const ref = response.content?.['application/json']?.schema?.$ref;
    const base = (typeof ref === 'string' ? ref.slice(SCHEMAS.length) : `${pascal(tag)}Answer`) + (status === '201' ? 'Created' : '');
    let name = base;
    for (let n = 2; name in responses; n++) name = `${base}${n}`;
    responses[name] = response;
    names.set(key, name);
  }
  for (const { op } of operations(doc)) {
    for (const [status, response] of Object.entries(op.responses)) {
      const name = '$ref' in response ? undefined : names.get(`${status} ${JSON.stringify(response)}`);
      if (name) op.responses[status] = { $ref: `${RESPONSES}${name}` };
    }
  }
}

/** Finish the document @fastify/swagger built: see the comment at the top. Mutates and returns it. */
export function finishDocument(doc: OpenApiDocument): OpenApiDocument {
  examplesTo30(doc.components.schemas);
  examplesTo30(doc.paths);
  mergeInputTwins(doc);
  tidySchemas(doc);
  referToNamedSchemas(doc);
  nameErrorResponses(doc);
  nameRepeatedParameters(doc);
  completeOperations(doc);
  nameRepeatedSuccessResponses(doc);
  dropUnusedSchemas(doc);
  return doc;
}
