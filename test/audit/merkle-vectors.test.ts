// transparency-dev/merkle's known-answer vectors (RFC 6962 inclusion and consistency proofs),
// vendored under test/fixtures/rfc6962-merkle: every file of both folders, read from disk
// (never a chosen subset). Each happy path must verify and every altered proof (wantErr) must
// be refused, by verifier.js with WebCrypto (what a browser runs) and with node:crypto (what
// the server and CLI run). The ledger's own proof plans must produce the happy paths' proofs.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leafHash, nodeHash } from '../../src/audit/merkle/hash.js';
import { nodeCrypto } from '../../src/audit/merkle/node-crypto.js';
import { consistencyPlan, inclusionPlan, rootPlan, type Part } from '../../src/audit/merkle/proof-plan.js';
import { VerificationError, verifyConsistency, verifyInclusion, webCrypto, type Crypto } from '../../src/audit/merkle/verifier.js';

const VECTORS = join(import.meta.dirname, '..', 'fixtures', 'rfc6962-merkle');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : name.endsWith('.json') ? [path] : [];
    });
}

/** JSON numbers beyond 2^53 (uint64 indices like 2^64 − 1) read exactly, as bigint. */
function readVector(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8').replace(/("(?:leafIdx|treeSize|size1|size2)":\s*)(\d+)/g, '$1"$2"');
  const raw = JSON.parse(text) as Record<string, unknown>;
  for (const key of ['leafIdx', 'treeSize', 'size1', 'size2']) {
    if (typeof raw[key] === 'string') {
      const exact = BigInt(raw[key] as string);
      raw[key] = exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : exact;
    }
  }
  return raw;
}

const bytes = (base64: unknown): Uint8Array => new Uint8Array(Buffer.from(base64 as string, 'base64'));
const hashes = (proof: unknown): Uint8Array[] => ((proof as string[] | null) ?? []).map(bytes);

interface InclusionVector {
  leafIdx: number | bigint;
  treeSize: number | bigint;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number | bigint;
  size2: number | bigint;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusionFiles = filesUnder(join(VECTORS, 'inclusion'));
const consistencyFiles = filesUnder(join(VECTORS, 'consistency'));
const cryptos: [string, Crypto][] = [
  ['WebCrypto', webCrypto],
  ['node:crypto', nodeCrypto],
];

async function outcome(check: () => Promise<void>): Promise<'verified' | 'refused'> {
  try {
    await check();
    return 'verified';
  } catch (error) {
    // Only a refusal counts: a TypeError or RangeError would be a bug that happens to say no.
    expect(error).toBeInstanceOf(VerificationError);
    return 'refused';
  }
}

describe('the RFC 6962 known-answer vectors (transparency-dev/merkle testdata)', () => {
  it('are all there: every folder of inclusion and consistency vectors, with happy paths and forgeries', () => {
    expect(inclusionFiles.length).toBeGreaterThanOrEqual(80);
    expect(consistencyFiles.length).toBeGreaterThanOrEqual(80);
    const wants = (files: string[]) => new Set(files.map((f) => (readVector(f) as { wantErr: boolean }).wantErr));
    expect(wants(inclusionFiles)).toEqual(new Set([true, false]));
    expect(wants(consistencyFiles)).toEqual(new Set([true, false]));
  });

  for (const [name, crypto] of cryptos) {
    describe(`with ${name}`, () => {
      it.each(inclusionFiles.map((f) => [relative(VECTORS, f), f]))('inclusion %s: verifies exactly when it should', async (_name, file) => {
        const v = readVector(file) as unknown as InclusionVector;
        const result = await outcome(() => verifyInclusion(v.leafIdx, v.treeSize, bytes(v.leafHash), hashes(v.proof), bytes(v.root), crypto));
        expect(result, v.desc).toBe(v.wantErr ? 'refused' : 'verified');
      });

      it.each(consistencyFiles.map((f) => [relative(VECTORS, f), f]))('consistency %s: verifies exactly when it should', async (_name, file) => {
        const v = readVector(file) as unknown as ConsistencyVector;
        const result = await outcome(() => verifyConsistency(v.size1, v.size2, hashes(v.proof), bytes(v.root1), bytes(v.root2), crypto));
        expect(result, v.desc).toBe(v.wantErr ? 'refused' : 'verified');
      });
    });
  }
});

describe("the ledger's proof plans on the vectors' tree", () => {
  // The leaves the vectors were made from (RFC 6962 test data, as in transparency-dev/merkle).
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) => leafHash(Buffer.from(hex, 'hex')));

  /** MTH(D[a:b]) computed from scratch, the RFC's recursion, for any range. */
  function mth(a: number, b: number): Buffer {
    if (b - a === 1) return leaves[a] as Buffer;
    let k = 1;
    while (k * 2 < b - a) k *= 2;
    return nodeHash(mth(a, a + k), mth(a + k, b));
  }
  const fold = (part: Part): string => {
    const subtrees = part.map((node) => mth(node.index * 2 ** node.level, (node.index + 1) * 2 ** node.level));
    let hash = subtrees.at(-1) as Buffer;
    for (let i = subtrees.length - 2; i >= 0; i--) hash = nodeHash(subtrees[i] as Buffer, hash);
    return hash.toString('base64');
  };
  const happy = (files: string[]) => files.map(readVector).filter((v) => v.wantErr === false && (v.proof as unknown[] | null)?.length);

  it('give the happy paths’ inclusion proofs, hash for hash, and their roots', () => {
    const vectors = happy(inclusionFiles) as unknown as InclusionVector[];
    expect(vectors.length).toBeGreaterThanOrEqual(4);
    for (const v of vectors) {
      const [index, size] = [Number(v.leafIdx), Number(v.treeSize)];
      expect(inclusionPlan(index, size).map(fold), v.desc).toEqual(v.proof);
      expect(fold(rootPlan(size))).toBe(v.root);
    }
  });

  it('give the happy paths’ consistency proofs, hash for hash', () => {
    const vectors = happy(consistencyFiles) as unknown as ConsistencyVector[];
    expect(vectors.length).toBeGreaterThanOrEqual(4);
    for (const v of vectors) {
      const [m, n] = [Number(v.size1), Number(v.size2)];
      expect(consistencyPlan(m, n).map(fold), `${m} → ${n}`).toEqual(v.proof);
      expect([fold(rootPlan(m)), fold(rootPlan(n))]).toEqual([v.root1, v.root2]);
    }
  });
});
