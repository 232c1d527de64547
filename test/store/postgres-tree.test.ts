// The Merkle tree as the PostgreSQL store keeps it (src/store/postgres/tree.ts): every node of
// the RFC 6962 tree over the log, written in the append's transaction, per group, whichever
// node appends; caught up for a database written without it (at open, and within an append);
// and never built upon once it no longer fits the log. The same outcomes as SQLite's
// (test/audit/merkle-tree.test.ts), held against the RFC's recursion (merkle-reference.ts).

import { afterEach, describe, expect, it } from 'vitest';
import { nodeId } from '../../src/audit/merkle/layout.js';
import { storedRoot } from '../../src/audit/merkle/tree-reader.js';
import { WrongExpectedRevision } from '../../src/store/errors.js';
import type { MerkleTreeStore } from '../../src/store/port.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../src/store/postgres/index.js';
import { mth, referenceLeaves } from '../audit/merkle-reference.js';
import { newEvents } from '../contract/event-store.contract.js';
import { dropSchema, postgresForTests, TEST_DATABASE_URL, uniqueSchema, withConnection } from '../support/postgres.js';

const available = await postgresForTests('postgres Merkle tree');

const schemas: string[] = [];
const stores: PostgresEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

function newSchema(): string {
  const schema = uniqueSchema('tree');
  schemas.push(schema);
  return schema;
}

function open(schema: string, options: { merkleTree?: boolean } = {}): PostgresEventStore {
  const store = openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, ...options });
  stores.push(store);
  return store;
}

async function close(store: PostgresEventStore): Promise<void> {
  stores.splice(stores.indexOf(store), 1);
  await store.close();
}

const storedRows = (schema: string) =>
  withConnection(async (client) => Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM merkle_nodes')).rows[0]?.n), schema);

/** Every perfect subtree of the log's tree is stored, with the hash the RFC gives it, and nothing else is. */
async function expectTheRfcTree(store: PostgresEventStore, schema: string): Promise<number> {
  const leaves = await referenceLeaves(store);
  const tree = store.tree as MerkleTreeStore;
  let expected = 0;
  for (let level = 0; 2 ** level <= leaves.length; level++) {
    const width = 2 ** level;
    const ids: number[] = [];
    const want: string[] = [];
    for (let index = 0; (index + 1) * width <= leaves.length; index++) {
      ids.push(nodeId(level, index));
      want.push(mth(leaves, index * width, (index + 1) * width).toString('hex'));
    }
    const stored = await tree.readNodes(ids);
    expect(stored.map((hash) => (hash ? Buffer.from(hash).toString('hex') : 'missing')), `level ${level}`).toEqual(want);
    expected += ids.length;
  }
  expect(await storedRows(schema)).toBe(expected);
  if (leaves.length > 0) expect((await storedRoot(tree, leaves.length)).toString('hex')).toBe(mth(leaves).toString('hex'));
  return leaves.length;
}

describe.skipIf(!available)('the Merkle tree in the PostgreSQL store', () => {
  it('holds every node of the RFC 6962 tree over events appended singly, in batches, in group commits and by two nodes at once', async () => {
    const schema = newSchema();
    const [a, b] = [open(schema), open(schema)];
    for (let i = 0; i < 13; i++) await a.append(`single-${i}`, newEvents(1));
    await b.append('batch', newEvents(37));
    // Appends in one turn share a transaction on each node; the two nodes' transactions take turns.
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).append(`group-${i}`, newEvents(1 + (i % 4)))));
    await a.append('batch', newEvents(64), { expectedRevision: 36 });

    expect(await expectTheRfcTree(b, schema)).toBe(13 + 37 + 50 + 64);
  });

  it('writes nothing for an append refused inside a group commit, nor more for a retried one', async () => {
    const schema = newSchema();
    const store = open(schema);
    const retried = newEvents(2);
    await store.append('taken', retried);
    const outcomes = await Promise.allSettled([store.append('a', newEvents(3)), store.append('taken', newEvents(2), { expectedRevision: 0 }), store.append('b', newEvents(5))]);
    const rows = await storedRows(schema);
    await store.append('taken', retried, { expectedRevision: 'no_stream' });

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await storedRows(schema)).toBe(rows);
    expect(await expectTheRfcTree(store, schema)).toBe(10);
  });

  it('builds the tree when it opens a log written before the tree existed, and within an append for events a node without it wrote', async () => {
    const schema = newSchema();
    const before = open(schema, { merkleTree: false });
    await before.append('old', newEvents(150));
    expect(before.tree).toBeUndefined();
    await close(before);
    await withConnection((client) => client.query('DROP TABLE merkle_nodes'), schema);

    const store = open(schema);
    await store.headPosition(); // opening catches the tree up
    expect(await expectTheRfcTree(store, schema)).toBe(150);
    const without = open(schema, { merkleTree: false });
    await without.append('other', newEvents(9));
    await store.append('new', newEvents(7));
    expect(await expectTheRfcTree(store, schema)).toBe(166);
  });

  it('refuses to append onto a tree that is no whole tree', async () => {
    const schema = newSchema();
    const store = open(schema);
    await store.append('s', newEvents(20));
    await withConnection((client) => client.query('DELETE FROM merkle_nodes WHERE id = (SELECT max(id) FROM merkle_nodes)'), schema);

    await expect(store.append('t', newEvents(1))).rejects.toThrow(/the Merkle tree holds \d+ nodes, which is no whole tree/);
    expect(await store.headPosition()).toBe(20);
  });
});
