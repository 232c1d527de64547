// Child: how fast proofs verify. Inclusion proofs of events spread over the ledger (in the tree
// of the whole log) are made first, then verified over and over by verifier.js: with node:crypto
// (what `ledger verify-proof` and a Node auditor run) and with WebCrypto (what a browser runs),
// each from the leaf's hash, as a verifier that already opened the signed tree head does.

import { proveInclusion } from '../../src/audit/merkle/prove.js';
import { nodeCrypto } from '../../src/audit/merkle/node-crypto.js';
import { storedRoot } from '../../src/audit/merkle/tree-reader.js';
import { verifyInclusion, webCrypto, type Crypto } from '../../src/audit/merkle/verifier.js';
import type { MerkleTreeStore } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain } from '../lib/child.js';

await childMain(async ({ path, proofs, seconds }: { path: string; proofs: number; seconds: number }) => {
  const store = openSqliteEventStore({ path });
  const size = await store.headPosition();
  const root = await storedRoot(store.tree as MerkleTreeStore, size);
  const made: { index: number; leaf: Buffer; hashes: Buffer[] }[] = [];
  for (let i = 0; i < proofs; i++) {
    const position = 1 + Math.floor(((i + 0.5) / proofs) * size);
    const proof = await proveInclusion(store, { position, size });
    made.push({ index: position - 1, leaf: Buffer.from(proof.leafHash, 'base64'), hashes: proof.proof.map((h) => Buffer.from(h, 'base64')) });
  }
  await store.close();

  const rate = async (crypto: Crypto, forSeconds: number): Promise<number> => {
    let verified = 0;
    const started = performance.now();
    while (performance.now() - started < forSeconds * 1000) {
      for (const p of made) await verifyInclusion(p.index, size, p.leaf, p.hashes, root, crypto);
      verified += made.length;
    }
    return verified / ((performance.now() - started) / 1000);
  };
  const node = await rate(nodeCrypto, seconds);
  const web = await rate(webCrypto, Math.max(1, seconds / 2));
  const pathLength = made.reduce((sum, p) => sum + p.hashes.length, 0) / made.length;
  return { size, pathLength, nodePerSec: node, webPerSec: web };
});
