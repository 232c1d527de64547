// A fuzzed request for one registered route: its path with good or malformed ids, its query
// with good or bad values, a body valid by its OpenAPI schema, broken in one way, or hostile,
// and a caller whose role the route mostly allows, so requests reach validation and the domain.

import fc from 'fast-check';
import type { Callers } from './fuzz-callers.js';
import type { FuzzRequest } from './fuzz-client.js';
import { hostileValue, mutated, brokenText, pathSegment, queryString, writeHeaders } from './fuzz-hostile.js';
import { Raw, toJson } from './fuzz-json.js';
import { idArbitrary, validValue, type IdPool, type JsonSchema } from './fuzz-schema.js';
import type { RegisteredRoute } from './route-table.js';

export interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/** The OpenAPI operation of a route, when it is documented. */
export function operationOf(doc: { paths: Record<string, Record<string, Operation>> }, route: RegisteredRoute): Operation | undefined {
  const operation = doc.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
  return operation === undefined ? undefined : (withoutRefs(operation, doc) as Operation);
}

/** `node` with every `$ref` into the document replaced by what it names (the document names shared schemas, parameters and responses once). */
function withoutRefs(node: unknown, doc: object, seen: ReadonlySet<string> = new Set()): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutRefs(item, doc, seen));
  if (!node || typeof node !== 'object') return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    if (seen.has(ref)) return {};
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return withoutRefs(target, doc, new Set([...seen, ref]));
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutRefs(value, doc, seen)]));
}

const contentTypes = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=utf-16',
      'application/vnd.api+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data; boundary=fuzz',
      'text/csv',
      '*/*',
      'application/json, text/plain',
      'a/b/c',
      '',
    ),
  },
);

const accepts = fc.constantFrom(undefined, 'application/json', 'text/csv', 'text/vnd.mermaid', 'text/html', '*/*', 'image/png', 'text/csv;q=0, application/json', '\u00ff');

function pathFor(route: RegisteredRoute, ids: IdPool): fc.Arbitrary<string> {
  const segments = route.url.split('/').map((segment) => {
    if (segment.startsWith(':')) return pathSegment(idArbitrary(ids, segment.slice(1)));
    if (segment === '*') return fc.oneof(fc.constant('index.html'), pathSegment(fc.constant('swagger-initializer.js')));
    return fc.constant(segment);
  });
  return fc.tuple(...segments).map((parts) => parts.join('/'));
}

function bodyFor(operation: Operation | undefined, ids: IdPool): fc.Arbitrary<unknown> {
  const schema = operation?.requestBody?.content?.['application/json']?.schema;
  const broken = brokenText.map((text) => new Raw(text));
  if (!schema) return fc.oneof(fc.constant(undefined), hostileValue, broken);
  const valid = validValue(schema, ids);
  const fields = Object.keys(schema.properties ?? {});
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: valid.chain((v) => mutated(v, fields)) },
    { weight: 2, arbitrary: hostileValue },
    { weight: 1, arbitrary: broken },
  );
}

export function requestFor(route: RegisteredRoute, operation: Operation | undefined, ids: IdPool, callers: Callers, head: () => number): fc.Arbitrary<FuzzRequest> {
  const query = (operation?.parameters ?? [])
    .filter((p) => p.in === 'query')
    .map((p) => ({ name: p.name, valid: validValue(p.schema, ids, p.name).map(String) }));
  const writes = route.method !== 'GET';
  const caller = fc.oneof(
    ...(callers.allowed.length > 0 ? [{ weight: 4, arbitrary: fc.constantFrom(...callers.allowed) }] : []),
    { weight: 1, arbitrary: fc.constantFrom(...callers.others) },
  );
  return fc
    .record({
      method: fc.oneof({ weight: 30, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS') }),
      path: pathFor(route, ids),
      query: queryString(query, head),
      authorization: caller,
      accept: accepts,
      body: writes ? bodyFor(operation, ids) : fc.constant(undefined),
      contentType: contentTypes,
      extra: writes ? writeHeaders : fc.constant({}),
    })
    .map(({ method, path, query: q, authorization, accept, body, contentType, extra }) => {
      const headers: Record<string, string> = { ...extra };
      if (authorization) headers.authorization = authorization;
      if (accept) headers.accept = accept;
      const hasBody = body !== undefined && method !== 'GET';
      if (hasBody && contentType) headers['content-type'] = contentType;
      return { method, path: q ? `${path}?${q}` : path, headers, body: hasBody ? Buffer.from(toJson(body), 'utf8') : undefined };
    });
}
