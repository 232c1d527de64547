// Which stored nodes make up a proof, straight from RFC 6962 §2.1.1 (PATH) and §2.1.2
// (SUBPROOF). Each proof hash is the root of a range of leaves, MTH(D[a:b]); a range that is
// not a perfect subtree is the fold (from the right) of the perfect subtrees covering it,
// which are stored. So a proof is at most about log2(n)² node reads, usually far fewer.

import { rangeNodes } from './compact-range.js';
import type { NodeRef } from './layout.js';

/** One proof hash: the root of these perfect subtrees (largest first), folded from the right. */
export type Part = NodeRef[];

/** The largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Inclusion proof of leaf `index` in the tree of `size` leaves: hashes from the leaf up. 0 ≤ index < size. */
export function inclusionPlan(index: number, size: number): Part[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const parts: Part[] = [];
  const path = (m: number, begin: number, n: number): void => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, begin, k);
      parts.push(rangeNodes(begin + k, begin + n));
    } else {
      path(m - k, begin + k, n - k);
      parts.push(rangeNodes(begin, begin + k));
    }
  };
  path(index, 0, size);
  return parts;
}

/** Consistency proof from the tree of `size1` to the tree of `size2`. 0 < size1 ≤ size2. */
export function consistencyPlan(size1: number, size2: number): Part[] {
  if (!(size1 > 0 && size1 <= size2)) throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  const parts: Part[] = [];
  const subproof = (m: number, begin: number, n: number, known: boolean): void => {
    if (m === n) {
      if (!known) parts.push(rangeNodes(begin, begin + n));
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, begin, k, known);
      parts.push(rangeNodes(begin + k, begin + n));
    } else {
      subproof(m - k, begin + k, n - k, false);
      parts.push(rangeNodes(begin, begin + k));
    }
  };
  subproof(size1, 0, size2, true);
  return parts;
}

/** The root of the tree of `size` (≥ 1) leaves, as one part. */
export function rootPlan(size: number): Part {
  return rangeNodes(0, size);
}
