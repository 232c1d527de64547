// Rebuilding the tree from the events while a verification walks them, and holding the stored
// tree to it node by node: a node that differs or is missing is reported at the first event
// under it, and a signed tree head whose root the rebuilt tree does not have at its size is
// reported where the walk reaches that size. Memory: the compact range (log n hashes) and the
// stored nodes of one page of events.

import type { MerkleTreeStore, TreeNode } from '../../store/port.js';
import { CompactRange, coverage } from './compact-range.js';
import { HASH_SIZE, leafHash } from './hash.js';
import { nodeCount, nodeId, positionsUnder, type NodeRef } from './layout.js';

export interface TreeBreak {
  /** 'tree': the stored tree does not match the events; 'rewritten': a signed tree head does not. */
  problem: 'tree' | 'rewritten';
  brokenAt: number;
  reason: string;
}

export interface SignedRoot {
  rootHash: Uint8Array;
  /** How the head is named in reasons (when it was signed). */
  label: string;
}

export class TreeCheck {
  private stored: TreeNode[] = [];
  /** The prefetched nodes' hashes end to end, when the store reads them so (then `stored` is empty). */
  private hashes: Buffer | null = null;
  private next = 0;

  private constructor(
    private readonly tree: MerkleTreeStore,
    private readonly range: CompactRange,
    /** Signed roots by tree size. */
    private readonly signed: ReadonlyMap<number, readonly SignedRoot[]>,
  ) {}

  /** A check from the empty tree. */
  static fromStart(tree: MerkleTreeStore, signed: ReadonlyMap<number, readonly SignedRoot[]> = new Map()): TreeCheck {
    return new TreeCheck(tree, new CompactRange(), signed);
  }

  /** A check from a tree rebuilt elsewhere (the ranges of a verification on several cores), every node under it already held. */
  static fromRange(tree: MerkleTreeStore, range: CompactRange, signed: ReadonlyMap<number, readonly SignedRoot[]> = new Map()): TreeCheck {
    return new TreeCheck(tree, range, signed);
  }

  /**
   * A check from the stored tree at `size`, whose root must be `root` (a root the ledger signed,
   * so the stored nodes it is rebuilt from are the signed tree's). Null when they do not fold to it.
   */
  static async fromSize(tree: MerkleTreeStore, size: number, root: Uint8Array, signed: ReadonlyMap<number, readonly SignedRoot[]> = new Map()): Promise<TreeCheck | null> {
    const nodes = coverage(size);
    const hashes = await tree.readNodes(nodes.map((n) => nodeId(n.level, n.index)));
    if (hashes.some((h) => !h)) return null;
    const range = new CompactRange(size, hashes.map((h) => Buffer.from(h as Uint8Array)));
    return Buffer.from(root).equals(range.root()) ? new TreeCheck(tree, range, signed) : null;
  }

  get size(): number {
    return this.range.size;
  }

  root(): Buffer {
    return this.range.root();
  }

  /** Read the stored nodes the next `events` leaves complete (call before adding them). */
  async prefetch(events: number): Promise<void> {
    const from = nodeCount(this.range.size);
    const count = nodeCount(this.range.size + events) - from;
    // All of them end to end where the store can (every one stored, so only their hashes need comparing), else row by row.
    this.hashes = (await this.tree.readNodeHashes?.(from, count)) ?? null;
    this.stored = this.hashes ? [] : await this.tree.readNodeRange(from, count);
    this.next = 0;
  }

  /** The next event's leaf (its bytes as text); a break when the stored tree disagrees with it. */
  add(leaf: string): TreeBreak | undefined {
    return this.addLeafHash(leafHash(leaf));
  }

  /** The same, given the leaf's hash. */
  addLeafHash(hash: Buffer): TreeBreak | undefined {
    this.found = undefined;
    this.range.append(hash, this.holdNode);
    return this.found;
  }

  private found: TreeBreak | undefined;

  /** Each node the rebuilt tree completes, held to the stored one (a bound method: no closure per leaf). */
  private readonly holdNode = (id: number, hash: Buffer, node: NodeRef): void => {
    if (this.found) return;
    if (this.hashes) {
      const at = HASH_SIZE * this.next;
      if (at + HASH_SIZE > this.hashes.length) this.found = this.nodeBreak(node, 'lacks');
      else if (hash.compare(this.hashes, at, at + HASH_SIZE) !== 0) this.found = this.nodeBreak(node, 'differs');
      else this.next++;
      return;
    }
    const row = this.stored[this.next];
    if (!row || row.id !== id) this.found = this.nodeBreak(node, 'lacks');
    // Buffer.equals takes the stored Uint8Array as it is, without copying it.
    else if (!hash.equals(row.hash)) this.found = this.nodeBreak(node, 'differs');
    else this.next++;
  };

  /** After add: a break when a signed tree head of the size reached has another root. */
  signedRootBreak(): TreeBreak | undefined {
    const signed = this.signed.get(this.range.size);
    if (signed) {
      const root = this.range.root();
      const other = signed.find((head) => !Buffer.from(head.rootHash).equals(root));
      if (other) {
        return {
          problem: 'rewritten',
          brokenAt: this.range.size,
          reason:
            `the tree of the first ${this.range.size} events has root ${root.toString('base64')}, but the tree head signed ${other.label} says ` +
            `${Buffer.from(other.rootHash).toString('base64')}: events up to position ${this.range.size} were changed and the chain recomputed`,
        };
      }
    }
    return undefined;
  }

  /** After the last event of the log: the stored tree must hold nothing more (unless the log grew meanwhile). */
  async extraNodes(head: () => Promise<number>): Promise<TreeBreak | undefined> {
    const size = this.range.size;
    const [extra] = await this.tree.readNodeRange(nodeCount(size), 1);
    if (!extra || (await head()) > size) return undefined;
    return {
      problem: 'tree',
      brokenAt: size + 1,
      reason: `the Merkle tree holds nodes beyond the log's ${size} events: events were removed from the end of the log`,
    };
  }

  private nodeBreak(node: NodeRef, how: 'lacks' | 'differs'): TreeBreak {
    const { first, last } = positionsUnder(node);
    const what = node.level === 0 ? `the leaf of the event at position ${first}` : `the node over positions ${first} to ${last}`;
    const reason =
      how === 'lacks'
        ? `the Merkle tree lacks ${what}: the tree was altered`
        : node.level === 0
          ? `the event at position ${first} no longer matches its leaf in the Merkle tree: the event was changed and its chain recomputed, or the tree was altered`
          : `the Merkle tree's ${what.slice(4)} does not match the events under it: the tree was altered`;
    return { problem: 'tree', brokenAt: first, reason };
  }
}
