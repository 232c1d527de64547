// The Merkle tree over the log (RFC 6962; src/audit/merkle), kept in the ledger file beside
// the events and extended in the same transaction as each append, so a committed event is
// always a leaf. Table merkle_nodes holds every complete subtree's hash, keyed by its
// post-order id (src/audit/merkle/layout.ts): a tree of n events has exactly ids
// 0 … 2n − popcount(n) − 1, appends write at the end, and a proof reads O(log n) rows.
//
// A file written before the tree existed (or by a store opened without it) is brought up to
// date when the store opens (catchUp): its events are read and hashed once, in transactions of
// CATCH_UP_BATCH events. Appends do the same for any events the tree lacks, so the tree never
// trails the log; a tree holding more nodes than the log needs (events removed from the end)
// makes appends fail loudly rather than build on it.

import type Database from 'better-sqlite3';
import { leafHashOf, nodeHash } from '../../audit/merkle/hash.js';
import { nodeCount, nodeId, sizeOfNodeCount } from '../../audit/merkle/layout.js';
import type { TreeNode } from '../port.js';
import { toStoredEvent, type StoredRow } from '../sql-rows.js';

export const CREATE_TREE = `CREATE TABLE IF NOT EXISTS merkle_nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL)`;

/** Events hashed per transaction when the tree catches up with the log. */
const CATCH_UP_BATCH = 20_000;

export class TreeDamaged extends Error {
  constructor(message: string) {
    super(`${message}; run \`ledger verify\` (docs/tamper-evidence.md)`);
    this.name = 'TreeDamaged';
  }
}

export type TreeStatements = ReturnType<typeof prepareTree>;

export function prepareTree(db: Database.Database) {
  return {
    insert: db.prepare<[number, Buffer]>('INSERT INTO merkle_nodes (id, hash) VALUES (?, ?)'),
    node: db.prepare<[number], Buffer>('SELECT hash FROM merkle_nodes WHERE id = ?').pluck(),
    lastId: db.prepare<[], number>('SELECT id FROM merkle_nodes ORDER BY id DESC LIMIT 1').pluck(),
    nodesFrom: db.prepare<[number, number], { id: number; hash: Buffer }>('SELECT id, hash FROM merkle_nodes WHERE id >= ? ORDER BY id LIMIT ?'),
    // One blob per range rather than a row object per node: several times faster for the whole tree.
    hashesIn: db
      .prepare<[number, number], [number, number | null, Buffer | null]>(
        "SELECT count(*), sum(length(hash)), CAST(group_concat(hash, '' ORDER BY id) AS BLOB) FROM merkle_nodes WHERE id >= ? AND id < ?",
      )
      .raw(),
    head: db.prepare<[], number>('SELECT position FROM events ORDER BY position DESC LIMIT 1').pluck(),
    eventsAfter: db
      .prepare<[number, number], StoredRow>(
        'SELECT position, stream_id, revision, id, type, version, data, metadata, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw(),
  };
}

/** Leaves in the tree: its size. Throws when the stored nodes are not those of any whole tree. */
export function treeSize(tree: TreeStatements): number {
  const last = tree.lastId.get();
  const count = last === undefined ? 0 : last + 1;
  const size = sizeOfNodeCount(count);
  if (size === null) throw new TreeDamaged(`the Merkle tree holds ${count} nodes, which is no whole tree`);
  return size;
}

/**
 * Extend the tree to the log's head, inside the caller's transaction, writing each leaf the tree
 * lacks and the nodes it completes. `written`: the leaf hashes of the events this transaction
 * just wrote, in order, at the end of the log (an append hashes them from what it wrote, so they
 * are not read back); any other event the tree lacks is read and hashed as stored. At most
 * `maxEvents` read per call; returns whether the tree now reaches the head.
 */
export function extendTree(tree: TreeStatements, written: readonly Buffer[] = [], maxEvents = Number.POSITIVE_INFINITY): boolean {
  const head = tree.head.get() ?? 0;
  const size = treeSize(tree);
  if (size === head) return true;
  if (size > head) {
    throw new TreeDamaged(`the Merkle tree has ${size} leaves, more than the log's ${head} events: events were removed from its end`);
  }
  const appender = new LeafAppender(tree, size);
  // Written leaves count only when they are exactly the last ones the tree lacks (not a retry's, which wrote nothing).
  const fresh = written.length > 0 && written.length <= head - size ? written : [];
  const readUntil = Math.min(head - fresh.length, size + maxEvents);
  while (appender.size < readUntil) {
    const rows = tree.eventsAfter.all(appender.size, Math.min(readUntil - appender.size, 1_000));
    if (rows.length === 0) break;
    for (const row of rows) {
      const event = toStoredEvent(row);
      if (event.position !== appender.size + 1) throw new TreeDamaged(`the log has no event at position ${appender.size + 1}`);
      appender.append(leafHashOf(event));
    }
  }
  if (appender.size === head - fresh.length) for (const leaf of fresh) appender.append(leaf);
  return appender.size === head;
}

/**
 * Writes leaves from `size` on and the nodes each completes. A left sibling is taken from the
 * nodes written by this appender, or read (only the subtrees complete before it started).
 */
class LeafAppender {
  private readonly written = new Map<number, Buffer>();

  constructor(
    private readonly tree: TreeStatements,
    public size: number,
  ) {}

  append(leaf: Buffer): void {
    let id = nodeCount(this.size);
    let index = this.size;
    let level = 0;
    let hash = leaf;
    this.write(id++, index, hash);
    while (index % 2 === 1) {
      const leftId = nodeId(level, index - 1);
      const left = this.written.get(leftId) ?? this.tree.node.get(leftId);
      if (!left) throw new TreeDamaged(`the Merkle tree lacks node (${level}, ${index - 1})`);
      this.written.delete(leftId);
      hash = nodeHash(left, hash);
      level++;
      index = (index - 1) / 2;
      this.write(id++, index, hash);
    }
    this.size++;
  }

  /** Store a node; kept in memory while it may still be a left sibling (an even index). */
  private write(id: number, index: number, hash: Buffer): void {
    this.tree.insert.run(id, hash);
    if (index % 2 === 0) this.written.set(id, hash);
  }
}

/**
 * Bring the tree up to the log's head, CATCH_UP_BATCH events per transaction (once, for a file
 * written without it). A tree that is not behind the log but damaged is left as it is, for
 * `ledger verify` to report: the store still opens, and appends refuse to build on it.
 */
export function catchUp(db: Database.Database, tree: TreeStatements): void {
  const last = tree.lastId.get();
  const size = sizeOfNodeCount(last === undefined ? 0 : last + 1);
  if (size === null || size >= (tree.head.get() ?? 0)) return;
  const step = db.transaction(() => extendTree(tree, [], CATCH_UP_BATCH));
  while (!step.immediate()) {
    // Each step commits, so a long catch-up never holds the write lock for long.
  }
}

/** Stored nodes by id, in the order asked; undefined where none is stored. */
export function readNodes(tree: TreeStatements, ids: readonly number[]): (Buffer | undefined)[] {
  return ids.map((id) => tree.node.get(id));
}

/** Stored nodes with id ≥ from, in id order, at most maxCount. */
export function readNodeRange(tree: TreeStatements, from: number, maxCount: number): TreeNode[] {
  return tree.nodesFrom.all(from, maxCount);
}

/** Nodes from … from + count − 1, their hashes end to end; null unless every one is stored and 32 bytes long. */
export function readNodeHashes(tree: TreeStatements, from: number, count: number): Buffer | null {
  if (count === 0) return Buffer.alloc(0);
  const [found, bytes, hashes] = tree.hashesIn.get(from, from + count) as [number, number | null, Buffer | null];
  // Ids are unique integers: `count` of them in a range of `count` ids is every one.
  return found === count && bytes === 32 * count && hashes?.length === 32 * count ? hashes : null;
}
