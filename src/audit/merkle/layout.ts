// Where the tree's nodes live. Only complete (perfect) subtrees are stored: a node is written
// once, when the last leaf under it arrives, and never changes. Each is numbered by the order
// in which an append-only tree completes them (post-order), so the nodes of a tree of n
// leaves are exactly ids 0 … nodeCount(n) - 1 and every append writes at the end:
//
//   leaves 0 1 2 3 …  → ids: leaf0 0, leaf1 1, node(1,0) 2, leaf2 3, leaf3 4, node(1,1) 5, node(2,0) 6, …
//
// Node (level, index) covers leaves [index·2^level, (index+1)·2^level). Numbers stay below 2^53.

/** Set bits of a whole number below 2^53. */
export function popcount(x: number): number {
  let count = 0;
  let high = Math.floor(x / 2 ** 32);
  let low = x >>> 0;
  while (low) {
    low &= low - 1;
    count++;
  }
  while (high) {
    high &= high - 1;
    count++;
  }
  return count;
}

/** Nodes stored for a tree of `size` leaves: 2·size − popcount(size). */
export function nodeCount(size: number): number {
  return 2 * size - popcount(size);
}

/** The id of node (level, index). */
export function nodeId(level: number, index: number): number {
  const end = (index + 1) * 2 ** level;
  return nodeCount(end - 1) + level;
}

/** The tree size whose nodes are exactly `count`, or null when no size has that many (a partly written tree). */
export function sizeOfNodeCount(count: number): number | null {
  // nodeCount(n) lies between 2n − 53 and 2n.
  for (let n = Math.ceil(count / 2); n <= Math.floor((count + 53) / 2); n++) {
    if (nodeCount(n) === count) return n;
  }
  return null;
}

export interface NodeRef {
  level: number;
  index: number;
}

/** The first and last position (1-based) of the events under a node. */
export function positionsUnder(node: NodeRef): { first: number; last: number } {
  const width = 2 ** node.level;
  return { first: node.index * width + 1, last: (node.index + 1) * width };
}

/** The node a stored id names (inverse of nodeId). */
export function nodeOfId(id: number): NodeRef {
  // The leaf whose append wrote this id, then how far up its carry the id is.
  let size = sizeAtMost(id);
  // size: the largest tree whose nodes end at or before id; the node was written by leaf `size`.
  const level = id - nodeCount(size);
  size += 1;
  return { level, index: size / 2 ** level - 1 };
}

function sizeAtMost(id: number): number {
  let n = Math.max(0, Math.floor(id / 2) - 27);
  while (nodeCount(n + 1) <= id) n++;
  return n;
}
