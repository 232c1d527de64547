// The pieces a verification in ranges stands on: the log cut into ranges, and the tree rebuilt a
// range at a time and joined, which must be exactly the tree one thread rebuilds leaf by leaf:
// the same nodes, each once, with the same ids, and the same root at every size.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rangeBounds } from '../../src/audit/integrity/parallel-ranges.js';
import { CompactRange } from '../../src/audit/merkle/compact-range.js';
import { RangeSubtrees } from '../../src/audit/merkle/range-subtrees.js';

const leaf = (i: number) => createHash('sha256').update(`leaf ${i}`).digest();

/** Every node one thread completes for `size` leaves, by id, and the root. */
function oneThread(size: number): { nodes: Map<number, string>; root: string } {
  const nodes = new Map<number, string>();
  const range = new CompactRange();
  for (let i = 0; i < size; i++) range.append(leaf(i), (id, hash) => nodes.set(id, hash.toString('hex')));
  return { nodes, root: range.root().toString('hex') };
}

/** The same, rebuilt in ranges cut at `bounds` and joined in order. */
function inRanges(bounds: number[]): { nodes: Map<number, string>; root: string; heard: number } {
  const nodes = new Map<number, string>();
  let heard = 0;
  const hear = (id: number, hash: Buffer) => {
    heard++;
    nodes.set(id, hash.toString('hex'));
  };
  const joined = new CompactRange();
  for (let r = 1; r < bounds.length; r++) {
    const range = new RangeSubtrees(bounds[r - 1] as number);
    for (let i = bounds[r - 1] as number; i < (bounds[r] as number); i++) range.append(leaf(i), hear);
    for (const { level, hash } of range.subtrees()) joined.appendSubtree(level, hash, hear);
  }
  return { nodes, root: joined.root().toString('hex'), heard };
}

describe('a tree rebuilt in ranges', () => {
  it('has every node one thread rebuilds, each heard once, and the same root, wherever the ranges meet', () => {
    for (const size of [1, 2, 3, 7, 8, 13, 64, 100, 129]) {
      for (const cuts of [[], [1], [size >> 1], [3, size - 1], [5, 6, 11]]) {
        const bounds = [0, ...cuts.filter((c) => c > 0 && c < size), size].filter((b, i, all) => i === 0 || b > (all[i - 1] as number));
        const expected = oneThread(size);
        const rebuilt = inRanges(bounds);
        expect(rebuilt.root, `size ${size}, bounds ${bounds.join(',')}`).toBe(expected.root);
        expect(rebuilt.nodes).toEqual(expected.nodes);
        expect(rebuilt.heard).toBe(expected.nodes.size);
      }
    }
  });

  it('refuses a subtree that does not start where the tree ends on its own boundary', () => {
    const range = new CompactRange();
    range.append(leaf(0));
    expect(() => range.appendSubtree(1, leaf(1))).toThrow(RangeError);
  });
});

describe('the log cut into ranges', () => {
  it('covers 1 … head in contiguous ranges, one per worker, none shorter than asked unless the log is', () => {
    expect(rangeBounds(1_000_000, 2, 10_000)).toEqual([0, 15 * 2 ** 15, 1_000_000]);
    expect(rangeBounds(15_000, 2, 10_000)).toEqual([0, 15_000]);
    expect(rangeBounds(300, 3, 1)).toEqual([0, 104, 200, 300]);
    const bounds = rangeBounds(1_234_567, 4, 10_000);
    expect(bounds).toHaveLength(5);
    // Aligned: the ranges meet at multiples of a large power of two, so few nodes straddle two.
    for (const bound of bounds.slice(1, -1)) expect(bound % 2 ** 15).toBe(0);
  });
});
