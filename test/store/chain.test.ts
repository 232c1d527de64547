import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/store/chain.js';

/** The definition canonicalJson is written to match, the slow way: copy every object with its keys inserted sorted. */
function sortedCopyJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = Object.create(null);
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

/** Keys that JavaScript orders specially (indices), near-indices that it does not, and ordinary ones. */
const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '2', '9', '10', '007', '-1', '1.5', '4294967294', '4294967295', '__proto__', 'a', 'B', 'é'));
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('canonical JSON for the hash chain', () => {
  it('gives the same bytes whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }));
  });

  it('keeps a "__proto__" key as data, so tampering with it changes the bytes', () => {
    const admin = JSON.parse('{"__proto__":{"role":"admin"}}');
    const user = JSON.parse('{"__proto__":{"role":"user"}}');
    expect(canonicalJson(admin)).toBe('{"__proto__":{"role":"admin"}}');
    expect(canonicalJson(admin)).not.toBe(canonicalJson(user));
  });

  it('is JSON.stringify of the value with its keys inserted sorted, for any JSON-like value', () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        expect(canonicalJson(value)).toBe(sortedCopyJson(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives back its own bytes when its output is parsed and canonicalised again, so stored JSON re-canonicalises to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
        expect(once).not.toContain('\n');
      }),
      { numRuns: 2_000 },
    );
  });

  it('follows toJSON as JSON.stringify does, and leaves out what JSON cannot hold', () => {
    const value = { when: new Date('2026-11-23T10:00:00Z'), gone: undefined, f: () => 1, list: [undefined, () => 1, 1] };
    expect(canonicalJson(value)).toBe(sortedCopyJson(value));
    expect(canonicalJson(value)).toBe('{"list":[null,null,1],"when":"2026-11-23T10:00:00.000Z"}');
  });
});
