// What a hostile or broken client sends: wrong types, missing and extra fields, huge and strange
// strings, nesting thousands deep, prototype keys, malformed ids, query values and headers.

import fc from 'fast-check';
import { deepJson, Members, Raw } from './fuzz-json.js';

/** Strings that have broken parsers, databases, logs and terminals before. */
const notorious = [
  '', ' ', '\t\n', '\u0000', 'a\u0000b', '\u202eevil\u202c', '\u200f\u200e', 'e\u0301\u0301\u0301\u0301\u0301', '🏴‍☠️💥👩🏽‍🚒',
  '\ud800', 'x\udfffy', '\udc00\ud800', '\ufeff', '\uffff', '\u2028\u2029', 'İı', 'ß'.repeat(10),
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '../../../etc/passwd', '..', '.', '%00', '%ff', '%2F', 'null', 'undefined', 'true', '[]', '{}',
  '1e309', '-0', 'NaN', 'Infinity', '-1', '0x10', '9007199254740993', '1.5',
  '<script>alert(1)</script>', "'; DROP TABLE events; --", '${7*7}', '{{7*7}}', '\r\nX-Injected: 1',
  ' 2012-01-01', '2012-02-30', '0000-00-00', '2012-01-01T00:00:00Z', '+002012-01-01', '99999-01-01',
];

const strangeUnits = fc.constantFrom('\ud800', '\udc00', '\u0000', '\u202e', '\u0301', '\u200d', 'a', '💥', '"', '\\', '\n');

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...notorious) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: strangeUnits, maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  // Huge: past every maxLength, and now and then past the body limit.
  { weight: 1, arbitrary: fc.constantFrom(501, 2_001, 20_001, 70_000).map((n) => 'x'.repeat(n)) },
);

const deep = fc.tuple(fc.constantFrom(64, 1_000, 10_000), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => deepJson(d, k));

const oddNumber = fc.constantFrom(new Raw('1e999'), new Raw('-1e999'), new Raw('-0'), new Raw('123456789012345678901234567890'), new Raw('0.1e-400'));

export const prototypeKey = fc.constantFrom('__proto__', 'constructor', 'prototype');

/** Any JSON value, mostly of the wrong type for wherever it lands. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    hostileString,
    fc.integer(),
    fc.double(),
    oddNumber,
    fc.boolean(),
    fc.constant(null),
    deep,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.array(fc.tuple(fc.oneof(hostileString, prototypeKey), tie('value')), { maxLength: 4 }).map((m) => new Members(m)),
  ),
})).value;

/** A valid body broken in one way. */
export function mutated(valid: unknown, fieldNames: readonly string[]): fc.Arbitrary<unknown> {
  const entries = valid !== null && typeof valid === 'object' && !Array.isArray(valid) ? Object.entries(valid) : [];
  const field = fc.constantFrom(...(entries.length > 0 ? entries.map(([k]) => k) : ['x']), ...fieldNames);
  return fc.oneof(
    fc.tuple(field, hostileValue).map(([k, v]) => new Members([...entries.filter(([e]) => e !== k), [k, v]])),
    field.map((k) => new Members(entries.filter(([e]) => e !== k))),
    fc.tuple(prototypeKey, hostileValue).map(([k, v]) => new Members([...entries, [k, v]])),
    fc.constant(new Members([...entries, ['__proto__', { role: 'admin', organisationId: 'someone-else' }]])),
    fc.constant(new Members([...entries, ['constructor', { prototype: { role: 'admin' } }]])),
    fc.tuple(field, hostileValue).map(([k, v]) => new Members([...entries, [k, v]])), // a duplicate key: which one wins?
    fc.tuple(field, deep).map(([k, v]) => new Members([...entries.filter(([e]) => e !== k), [k, v]])),
    fc.constant([valid]),
    fc.constant({ data: valid }),
  );
}

/** Bodies that are not JSON, or not quite. */
export const brokenText = fc.constantFrom(
  '',
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  'NaN',
  '1e999',
  '\ufeff{}',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}',
  'null',
  '[]',
  '"a string"',
  '0',
  'true',
);

/** Ids in a path: one that exists, a well-formed one that does not, or a malformed one (already percent-encoded). */
export function pathSegment(known: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`)).join('');
  return fc.oneof(
    { weight: 6, arbitrary: known },
    { weight: 3, arbitrary: hostileString.filter((s) => s.length < 3000).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%ff', '%fe%ff', '%c0%af', '%', '%zz', '%00', '%2e%2e', 'a%2Fb', '%E2%80%AE', '%ED%A0%80', '-a', '_', 'a'.repeat(65), 'a'.repeat(101), 'A'.repeat(5_000)) },
  );
}

/** A query string: the route's own parameters with good or bad values, and strangers. */
export function queryString(params: readonly { name: string; valid: fc.Arbitrary<string> }[], head: () => number): fc.Arbitrary<string> {
  const encode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
  // `after` past the head waits (bounded) for the read models: a feature, not a fault, and slow; keep it low.
  const notAhead = (name: string) => (v: string) => name !== 'after' || !(Number.isInteger(Number(v)) && Number(v) > head());
  const own = params.map(({ name, valid }) =>
    fc.option(
      fc.oneof(valid, hostileString.filter((s) => s.length < 3000)).filter(notAhead(name)).map((v) => `${encode(name)}=${encode(v)}`),
      { freq: 2 },
    ),
  );
  const strangers = fc.array(
    fc.oneof(
      fc.tuple(fc.oneof(prototypeKey, hostileString.filter((s) => s.length < 100)), hostileString.filter((s) => s.length < 100)).map(([k, v]) => `${encode(k)}=${encode(v)}`),
      fc.constantFrom('__proto__[admin]=1', 'constructor[prototype][x]=1', 'a[]=1&a[]=2', '%', '%zz=1', '=', '&&', 'after=%ff', 'limit=', 'format=csv&format=json', 'after=1&after=2', 'limit=-1', 'limit=1e400', 'after=0x10', 'after=1.5', 'limit=99999999999999999999'),
    ),
    { maxLength: 3 },
  );
  return fc.tuple(fc.tuple(...own), strangers).map(([mine, theirs]) => [...mine.filter((q): q is string => q !== null), ...theirs].join('&'));
}

/** Write headers, good and bad: Idempotency-Key and If-Match. */
export const writeHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'idempotency-key': fc.oneof(
      fc.constantFrom('fuzz-key-1', 'fuzz-key-2', ' ', 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(10_000), 'ÿþ', '\t', 'a b'),
      fc.string({ unit: fc.constantFrom('a', '-', '/', '"', 'é', 'ÿ'), minLength: 1, maxLength: 30 }),
    ),
    'if-match': fc.constantFrom('"0"', '0', '"1"', 'W/"2"', '*', '"abc"', '"-1"', '""', '"99999999999999999"', '"1.5"', '"1", "2"', 'x'.repeat(21), '"00000000000000000000"'),
  },
  { requiredKeys: [] },
);
