// A tree held as its compact range: the roots of the perfect subtrees that cover leaves
// [0, size), largest first (one per set bit of size). Appending a leaf merges equal-sized
// subtrees from the right, completing nodes in exactly the order layout.ts numbers them;
// the root folds the range from the right. This is how the store extends the tree and how
// verification rebuilds it, with memory O(log n).

import { EMPTY_ROOT, nodeHash } from './hash.js';
import { nodeCount, nodeId, popcount, type NodeRef } from './layout.js';

export type OnNode = (id: number, hash: Buffer, node: NodeRef) => void;

export class CompactRange {
  private readonly hashes: Buffer[];
  private treeSize: number;

  /** A range of `size` leaves from its subtrees' roots, largest first (coverage(size) says which). */
  constructor(size = 0, hashes: readonly Buffer[] = []) {
    if (hashes.length !== popcount(size)) throw new RangeError(`a tree of ${size} leaves has ${popcount(size)} subtree roots, not ${hashes.length}`);
    this.treeSize = size;
    this.hashes = [...hashes];
  }

  get size(): number {
    return this.treeSize;
  }

  /** Append a leaf hash; `onNode` hears every node this completes (the leaf first), with its id. */
  append(leaf: Buffer, onNode?: OnNode): void {
    let id = nodeCount(this.treeSize);
    let index = this.treeSize;
    let level = 0;
    let hash = leaf;
    onNode?.(id++, hash, { level, index });
    while (index % 2 === 1) {
      hash = nodeHash(this.hashes.pop() as Buffer, hash);
      level++;
      index = (index - 1) / 2;
      onNode?.(id++, hash, { level, index });
    }
    this.hashes.push(hash);
    this.treeSize++;
  }

  /**
   * Append a whole perfect subtree of 2^level leaves (its root hash), the size being a multiple of
   * 2^level; `onNode` hears the nodes above it this completes, lowest first. A verification on
   * several cores joins its ranges so: each worker rebuilds the subtrees inside its range.
   */
  appendSubtree(level: number, subtree: Buffer, onNode?: OnNode): void {
    const width = 2 ** level;
    if (this.treeSize % width !== 0) throw new RangeError(`a subtree of ${width} leaves cannot follow ${this.treeSize}`);
    let index = this.treeSize / width;
    let hash = subtree;
    while (index % 2 === 1) {
      hash = nodeHash(this.hashes.pop() as Buffer, hash);
      level++;
      index = (index - 1) / 2;
      onNode?.(nodeId(level, index), hash, { level, index });
    }
    this.hashes.push(hash);
    this.treeSize += width;
  }

  copy(): CompactRange {
    return new CompactRange(this.treeSize, this.hashes);
  }

  root(): Buffer {
    let root = this.hashes.at(-1);
    if (!root) return EMPTY_ROOT;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = nodeHash(this.hashes[i] as Buffer, root);
    return root;
  }
}

/** The perfect subtrees covering leaves [0, size), largest first: the nodes a compact range of that size holds. */
export function coverage(size: number): NodeRef[] {
  return rangeNodes(0, size);
}

/**
 * The perfect subtrees covering leaves [begin, end), largest first. `begin` must be a multiple
 * of the largest of them, as every range in RFC 6962's proofs is.
 */
export function rangeNodes(begin: number, end: number): NodeRef[] {
  const nodes: NodeRef[] = [];
  let at = begin;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (at + width > end) continue;
    if (at % width !== 0) throw new RangeError(`leaves [${begin}, ${end}) do not split into aligned subtrees`);
    nodes.push({ level, index: at / width });
    at += width;
  }
  return nodes;
}
