import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/store/chain.js';

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
});
