// The tree over a range of leaves [begin, …) rebuilt without the leaves before it: the perfect
// subtrees that lie wholly inside the range, merged as CompactRange merges them. A node whose left
// sibling starts before the range is left for whoever holds the tree before it (CompactRange's
// appendSubtree joins the ranges, in order). Verification on several cores gives each worker a range.

import type { OnNode } from './compact-range.js';
import { nodeHash } from './hash.js';
import { nodeCount, type NodeRef } from './layout.js';

export interface Subtree extends NodeRef {
  hash: Buffer;
}

export class RangeSubtrees {
  private readonly stack: Subtree[] = [];
  private next: number;

  constructor(begin: number) {
    this.next = begin;
  }

  /** Leaves appended so far, counted from the start of the tree. */
  get end(): number {
    return this.next;
  }

  /** Append the next leaf; `onNode` hears each node inside the range this completes (the leaf first), with its id. */
  append(leaf: Buffer, onNode: OnNode): void {
    let id = nodeCount(this.next);
    let index = this.next;
    let level = 0;
    let hash = leaf;
    onNode(id++, hash, { level, index });
    // The subtree just before this one is its left sibling exactly when it has the same level.
    while (index % 2 === 1 && this.stack.at(-1)?.level === level) {
      hash = nodeHash((this.stack.pop() as Subtree).hash, hash);
      level++;
      index = (index - 1) / 2;
      onNode(id++, hash, { level, index });
    }
    this.stack.push({ level, index, hash });
    this.next++;
  }

  /** The subtrees covering the range so far, in leaf order. */
  subtrees(): Subtree[] {
    return [...this.stack];
  }
}
