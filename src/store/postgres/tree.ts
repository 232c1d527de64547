// The Merkle tree over the log (RFC 6962; src/audit/merkle) on PostgreSQL: table merkle_nodes
// beside the events, the same layout as SQLite's (src/store/sqlite/tree.ts: every complete
// subtree's hash by post-order id), extended in the transaction that appends the events, so a
// committed event is always a leaf, whichever node appended it.
//
// Per group, not per append: under the log's lock the group's leaves are hashed from the rows
// it writes, the stored nodes they build on are read in one query (the roots of the complete
// subtrees of the tree as it stands: a tree of n leaves has popcount(n) of them, and every left
// sibling a new leaf needs is one of them or a node the group writes itself), and the new nodes
// are inserted with the events. One round trip more per group, whatever it carries. A tree
// behind the log (a database written before the tree existed) is caught up first; one ahead
// of the log (events removed from its end) grows from its own size, as SQLite's does, for
// `ledger verify` to name; one that is no whole tree fails the append loudly.

import type pg from 'pg';
import { leafHashOf, nodeHash } from '../../audit/merkle/hash.js';
import { nodeCount, nodeId, sizeOfNodeCount } from '../../audit/merkle/layout.js';
import type { MerkleTreeStore, StoredEvent, TreeNode } from '../port.js';
import { TreeDamaged } from '../sqlite/tree.js';
import { EVENT_COLUMNS, toStoredEvent, type StoredRow } from '../sql-rows.js';

export const TREE_DDL = `
  CREATE TABLE IF NOT EXISTS merkle_nodes (
    id bigint PRIMARY KEY,
    hash bytea NOT NULL
  );`;

/** Events read and hashed per query when the tree catches up with the log. */
const READ_PAGE = 1_000;
/** Nodes per INSERT statement. */
const NODES_PER_INSERT = 2_000;

/** The ids of the roots of the complete subtrees of a tree of `size` leaves, largest first. */
export function frontierIds(size: number): number[] {
  const ids: number[] = [];
  let start = 0;
  for (let level = 52; level >= 0; level--) {
    const width = 2 ** level;
    if (size - start >= width) {
      ids.push(nodeId(level, start / width));
      start += width;
    }
  }
  return ids;
}

/** Leaves in a tree of `count` stored nodes, or TreeDamaged when no whole tree has that many. */
function sizeOf(count: number): number {
  const size = sizeOfNodeCount(count);
  if (size === null) throw new TreeDamaged(`the Merkle tree holds ${count} nodes, which is no whole tree`);
  return size;
}

/** What a group writes to the tree: the INSERT statements of its new nodes. */
export async function treeStatements(client: pg.ClientBase, headBefore: number, written: readonly Omit<StoredEvent, 'hash'>[]): Promise<string[]> {
  if (written.length === 0) return [];
  const { rows } = await client.query<{ count: number; nodes: [number, string][] | null }>(
    `SELECT (SELECT coalesce(max(id) + 1, 0) FROM merkle_nodes)::int8 AS count,
            (SELECT json_agg(json_build_array(id, encode(hash, 'hex'))) FROM merkle_nodes WHERE id = ANY($1::int8[])) AS nodes`,
    [frontierIds(headBefore)],
  );
  const size = sizeOf(rows[0]?.count ?? 0);
  const headAfter = headBefore + written.length;
  if (size > headAfter) throw new TreeDamaged(`the Merkle tree has ${size} leaves, more than the log's ${headAfter} events: events were removed from its end`);
  const appender = new LeafAppender(size, client);
  if (size === headBefore) {
    for (const [id, hex] of rows[0]?.nodes ?? []) appender.known(id, Buffer.from(hex, 'hex'));
  } else if (size < headBefore) {
    // Behind the log (written by a store without the tree): the missing leaves first, as stored.
    await appender.appendStored(headBefore);
  } else {
    // Ahead of the log as it was (events removed from its end), as SQLite's tree does: the tree
    // keeps the leaves it has and grows from its own size; `ledger verify` names the damage.
    await appender.loadFrontier();
  }
  for (const event of written) if (event.position > appender.size) appender.append(leafHashOf(event));
  return appender.statements();
}

/**
 * Brings the tree up to the log's head in transactions of `batch` events, each under the
 * log's lock (`lockKey`): once, for a database written before the tree existed.
 */
export async function catchUpTree(client: pg.ClientBase, lockKey: string, batch = 20_000): Promise<void> {
  for (;;) {
    await client.query('BEGIN');
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${lockKey})`);
      const { rows } = await client.query<{ count: number; head: number }>(
        'SELECT (SELECT coalesce(max(id) + 1, 0) FROM merkle_nodes)::int8 AS count, (SELECT coalesce(max(position), 0) FROM events)::int8 AS head',
      );
      const size = sizeOfNodeCount(rows[0]?.count ?? 0);
      const head = rows[0]?.head ?? 0;
      // A damaged tree is left as it is for `ledger verify` to report; appends refuse to build on it.
      if (size === null || size >= head) {
        await client.query('COMMIT');
        return;
      }
      const appender = new LeafAppender(size, client);
      await appender.appendStored(Math.min(head, size + batch));
      for (const statement of appender.statements()) await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/** Writes leaves from `size` on and the nodes each completes, as statements to run with the append. */
class LeafAppender {
  /** Nodes that may still be a left sibling: read from the stored frontier, or written here. */
  private readonly lefts = new Map<number, Buffer>();
  private readonly rows: string[] = [];

  constructor(
    public size: number,
    private readonly client: pg.ClientBase,
  ) {}

  known(id: number, hash: Buffer): void {
    this.lefts.set(id, hash);
  }

  /** Reads the stored roots the next leaves build on. */
  async loadFrontier(): Promise<void> {
    for (const [id, hash] of await readFrontier(this.client, this.size)) this.lefts.set(id, hash);
  }

  /** Appends the leaves of the stored events from `size` up to `upTo`, reading them in pages. */
  async appendStored(upTo: number): Promise<void> {
    await this.loadFrontier();
    while (this.size < upTo) {
      const { rows } = await this.client.query<StoredRow>({
        text: `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        values: [this.size, Math.min(READ_PAGE, upTo - this.size)],
        rowMode: 'array',
      });
      if (rows.length === 0) throw new TreeDamaged(`the log has no event at position ${this.size + 1}`);
      for (const row of rows) {
        const event = toStoredEvent(row);
        if (event.position !== this.size + 1) throw new TreeDamaged(`the log has no event at position ${this.size + 1}`);
        this.append(leafHashOf(event));
      }
    }
  }

  append(leaf: Buffer): void {
    let id = nodeCount(this.size);
    let index = this.size;
    let level = 0;
    let hash = leaf;
    this.write(id++, index, hash);
    while (index % 2 === 1) {
      const leftId = nodeId(level, index - 1);
      const left = this.lefts.get(leftId);
      if (!left) throw new TreeDamaged(`the Merkle tree lacks node (${level}, ${index - 1})`);
      this.lefts.delete(leftId);
      hash = nodeHash(left, hash);
      level++;
      index = (index - 1) / 2;
      this.write(id++, index, hash);
    }
    this.size++;
  }

  statements(): string[] {
    const statements: string[] = [];
    for (let from = 0; from < this.rows.length; from += NODES_PER_INSERT) {
      statements.push(`INSERT INTO merkle_nodes (id, hash) VALUES ${this.rows.slice(from, from + NODES_PER_INSERT).join(',')}`);
    }
    return statements;
  }

  /** A node's row (ours: an integer and hex digits); kept while it may still be a left sibling (an even index). */
  private write(id: number, index: number, hash: Buffer): void {
    this.rows.push(`(${id},decode('${hash.toString('hex')}','hex'))`);
    if (index % 2 === 0) this.lefts.set(id, hash);
  }
}

async function readFrontier(client: pg.ClientBase, size: number): Promise<[number, Buffer][]> {
  const { rows } = await client.query<{ id: number; hash: Buffer }>('SELECT id, hash FROM merkle_nodes WHERE id = ANY($1::int8[])', [frontierIds(size)]);
  return rows.map((row) => [row.id, row.hash]);
}

/** The tree as readers see it (proofs, verification): committed nodes only. */
export function treeReader(query: <R extends pg.QueryResultRow>(doing: string, text: string, values?: unknown[]) => Promise<R[]>): MerkleTreeStore {
  return {
    async readNodes(ids) {
      if (ids.length === 0) return [];
      const rows = await query<{ id: number; hash: Buffer }>('reading the Merkle tree', 'SELECT id, hash FROM merkle_nodes WHERE id = ANY($1::int8[])', [[...ids]]);
      const byId = new Map(rows.map((row) => [row.id, row.hash]));
      return ids.map((id) => byId.get(id));
    },
    async readNodeRange(from, maxCount): Promise<TreeNode[]> {
      return query<{ id: number; hash: Buffer }>('reading the Merkle tree', 'SELECT id, hash FROM merkle_nodes WHERE id >= $1 ORDER BY id LIMIT $2', [from, maxCount]);
    },
  };
}
