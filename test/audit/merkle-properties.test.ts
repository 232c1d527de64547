// Properties of the proofs the ledger serves, over a real SQLite ledger of 300 events: for
// random tree sizes and positions, every inclusion and consistency proof verifies and leads to
// the RFC 6962 root computed from scratch; and any single-bit change to a proof, the leaf, the
// root or the sizes makes verification fail.

import * as fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../../src/audit/merkle/node-crypto.js';
import { proveConsistency, proveInclusion } from '../../src/audit/merkle/prove.js';
import { canonicalJson as verifierCanonicalJson, leafText, VerificationError, verifyConsistency, verifyInclusion, webCrypto } from '../../src/audit/merkle/verifier.js';
import { canonicalJson, chainedBytes } from '../../src/store/chain.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvents } from '../contract/event-store.contract.js';
import { allEvents, mth, referenceLeafHash, referenceLeaves } from './merkle-reference.js';

const EVENTS = 300;
let dir: string;
let store: SqliteEventStore;
let leaves: Buffer[];
const roots = new Map<number, Buffer>();
const rootAt = (size: number): Buffer => {
  let root = roots.get(size);
  if (!root) roots.set(size, (root = mth(leaves, 0, size)));
  return root;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-properties-'));
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  let appended = 0;
  for (let i = 0; appended < EVENTS; i++) {
    const count = Math.min(EVENTS - appended, [1, 2, 7, 1, 16, 3][i % 6] as number);
    await store.append(`stream-${i % 9}-${i}`, newEvents(count));
    appended += count;
  }
  leaves = await referenceLeaves(store);
  expect(leaves).toHaveLength(EVENTS);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const b64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** Flip bit `bit` (counted over the whole array) of a copy. */
function flipped(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const at = bit % (copy.length * 8);
  copy[at >> 3] = (copy[at >> 3] as number) ^ (1 << (at & 7));
  return copy;
}

async function refused(check: () => Promise<void>): Promise<boolean> {
  try {
    await check();
    return false;
  } catch (error) {
    if (error instanceof VerificationError) return true;
    throw error;
  }
}

/** A tree size and a position in it. */
const sizeAndPosition = (maxSize: number) => fc.integer({ min: 1, max: maxSize }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 1, max: size })));
/** Two tree sizes, the first no larger. */
const twoSizes = (maxSize: number) => fc.integer({ min: 1, max: maxSize }).chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to)));

describe('proofs served by the ledger', () => {
  it('every inclusion proof verifies, for its event’s leaf, against the RFC root of that size', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndPosition(EVENTS), async ([size, position]) => {
        const served = await proveInclusion(store, { position, size });
        expect(served.leafHash).toBe((leaves[position - 1] as Buffer).toString('base64'));
        expect(referenceLeafHash(served.leaf).toString('base64')).toBe(served.leafHash);
        expect(served.rootHash).toBe(rootAt(size).toString('base64'));
        await verifyInclusion(position - 1, size, b64(served.leafHash), served.proof.map(b64), rootAt(size), nodeCrypto);
      }),
    );
  });

  it('every inclusion proof verifies with WebCrypto too (what a browser runs)', async () => {
    await fc.assert(
      fc.asyncProperty(sizeAndPosition(EVENTS), async ([size, position]) => {
        const served = await proveInclusion(store, { position, size });
        await verifyInclusion(position - 1, size, b64(served.leafHash), served.proof.map(b64), rootAt(size), webCrypto);
      }),
      { numRuns: 30 },
    );
  });

  it('every consistency proof verifies between the RFC roots of its two sizes', async () => {
    await fc.assert(
      fc.asyncProperty(twoSizes(EVENTS), async ([from, to]) => {
        const served = await proveConsistency(store, { from, to });
        expect([served.fromRoot, served.toRoot]).toEqual([rootAt(from).toString('base64'), rootAt(to).toString('base64')]);
        await verifyConsistency(from, to, served.proof.map(b64), rootAt(from), rootAt(to), nodeCrypto);
      }),
    );
  });
});

describe('a single-bit change', () => {
  // Sizes up to 150 and bits 0-7, so a size with one bit flipped is still a size of this log,
  // and is checked against that size's real root: the change must not find another true statement.
  const MAX = 150;

  it('to an inclusion proof, its leaf, leaf hash, root, index or size makes verification fail', async () => {
    const target = fc.oneof(
      fc.record({ what: fc.constant('proof' as const), element: fc.nat(), bit: fc.nat(255) }),
      fc.record({ what: fc.constantFrom('leaf' as const, 'leafHash' as const, 'root' as const), bit: fc.nat(100_000) }),
      fc.record({ what: fc.constantFrom('index' as const, 'size' as const), bit: fc.nat(7) }),
    );
    await fc.assert(
      fc.asyncProperty(sizeAndPosition(MAX), target, async ([size, position], change) => {
        const served = await proveInclusion(store, { position, size });
        let proof = served.proof.map(b64);
        let leafHash: Uint8Array = b64(served.leafHash);
        let root: Uint8Array = rootAt(size);
        let index = position - 1;
        let treeSize = size;
        switch (change.what) {
          case 'proof':
            fc.pre(proof.length > 0);
            proof = proof.map((hash, i) => (i === change.element % proof.length ? flipped(hash, change.bit) : hash));
            break;
          case 'leaf':
            // The event's bytes with one bit changed, hashed as a leaf.
            leafHash = referenceLeafHash(flipped(Buffer.from(served.leaf, 'utf8'), change.bit));
            break;
          case 'leafHash':
            leafHash = flipped(leafHash, change.bit);
            break;
          case 'root':
            root = flipped(root, change.bit);
            break;
          case 'index':
            index ^= 1 << change.bit;
            break;
          case 'size':
            treeSize ^= 1 << change.bit;
            if (treeSize >= 1) root = rootAt(treeSize);
            break;
        }
        expect(await refused(() => verifyInclusion(index, treeSize, leafHash, proof, root, nodeCrypto))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('to a consistency proof, either root or either size makes verification fail', async () => {
    const target = fc.oneof(
      fc.record({ what: fc.constant('proof' as const), element: fc.nat(), bit: fc.nat(255) }),
      fc.record({ what: fc.constantFrom('root1' as const, 'root2' as const), bit: fc.nat(255) }),
      fc.record({ what: fc.constantFrom('size1' as const, 'size2' as const), bit: fc.nat(7) }),
    );
    await fc.assert(
      fc.asyncProperty(twoSizes(MAX), target, async ([from, to], change) => {
        const served = await proveConsistency(store, { from, to });
        let proof = served.proof.map(b64);
        let [size1, size2] = [from, to];
        let [root1, root2]: Uint8Array[] = [rootAt(from), rootAt(to)];
        switch (change.what) {
          case 'proof':
            fc.pre(proof.length > 0);
            proof = proof.map((hash, i) => (i === change.element % proof.length ? flipped(hash, change.bit) : hash));
            break;
          case 'root1':
            root1 = flipped(root1 as Uint8Array, change.bit);
            break;
          case 'root2':
            root2 = flipped(root2 as Uint8Array, change.bit);
            break;
          case 'size1':
            size1 ^= 1 << change.bit;
            if (size1 >= 1) root1 = rootAt(size1);
            break;
          case 'size2':
            size2 ^= 1 << change.bit;
            if (size2 >= 1) root2 = rootAt(size2);
            break;
        }
        expect(await refused(() => verifyConsistency(size1, size2, proof, root1 as Uint8Array, root2 as Uint8Array, nodeCrypto))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('verifier.js’s leaf, an independent implementation', () => {
  // Keys JavaScript orders specially (array indices) and ones that only look numeric.
  const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '2', '01', '-1', '4294967294', '4294967295', '1e3', '__proto__', 'a', 'B', 'é', '\u{1F600}'));
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string(), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 5 }),
    object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  })).value;

  it('writes canonical JSON exactly as the store does, for any JSON value', () => {
    fc.assert(
      fc.property(json, (value) => {
        // As a verifier gets it: parsed from JSON.
        const parsed = JSON.parse(JSON.stringify(value)) as unknown;
        expect(verifierCanonicalJson(parsed)).toBe(canonicalJson(parsed));
      }),
      { numRuns: 500 },
    );
  });

  it('gives every event of the ledger exactly the bytes the store hashes', async () => {
    for (const event of await allEvents(store)) {
      const [stored] = await store.readStored({ after: event.position - 1, maxCount: 1 });
      expect(leafText(event)).toBe(chainedBytes(stored!));
    }
  });
});
