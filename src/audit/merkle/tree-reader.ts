// Reading hashes out of a stored tree: the nodes a proof plan names, folded into proof hashes.

import type { MerkleTreeStore } from '../../store/port.js';
import { TreeUnavailable } from './errors.js';
import { nodeHash } from './hash.js';
import { nodeId, positionsUnder } from './layout.js';
import { rootPlan, type Part } from './proof-plan.js';

/** The hash of each part (its subtrees' roots folded from the right), reading every node in one call. */
export async function hashesOf(tree: MerkleTreeStore, parts: readonly Part[]): Promise<Buffer[]> {
  const nodes = parts.flat();
  const stored = await tree.readNodes(nodes.map((node) => nodeId(node.level, node.index)));
  let at = 0;
  return parts.map((part) => {
    const hashes = part.map(() => {
      const node = nodes[at] as Part[number];
      const hash = stored[at++];
      if (!hash) {
        const { first, last } = positionsUnder(node);
        throw new TreeUnavailable('TREE_BROKEN', `the Merkle tree lacks its node over positions ${first} to ${last}; run ledger verify`, { brokenAt: first });
      }
      return Buffer.from(hash);
    });
    let folded = hashes.at(-1) as Buffer;
    for (let i = hashes.length - 2; i >= 0; i--) folded = nodeHash(hashes[i] as Buffer, folded);
    return folded;
  });
}

/** The root of the stored tree at `size` (≥ 1) leaves. */
export async function storedRoot(tree: MerkleTreeStore, size: number): Promise<Buffer> {
  const [root] = await hashesOf(tree, [rootPlan(size)]);
  return root as Buffer;
}
