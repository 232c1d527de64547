// The tree as the SQLite store keeps it: every node of the RFC 6962 tree over the log, written
// in the append's own transaction (single appends, batches, group commits, refusals), built
// once for a file written before it existed, and never built upon once it no longer fits the log.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeId } from '../../src/audit/merkle/layout.js';
import { storedRoot } from '../../src/audit/merkle/tree-reader.js';
import { WrongExpectedRevision } from '../../src/store/errors.js';
import type { MerkleTreeStore } from '../../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvents } from '../contract/event-store.contract.js';
import { mth, referenceLeaves } from './merkle-reference.js';

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function ledgerPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-'));
  dirs.push(dir);
  return join(dir, 'ledger.db');
}

function open(path: string, options: { merkleTree?: boolean } = {}): SqliteEventStore {
  const store = openSqliteEventStore({ path, ...options });
  stores.push(store);
  return store;
}

async function close(store: SqliteEventStore): Promise<void> {
  stores.splice(stores.indexOf(store), 1);
  await store.close();
}

function storedRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], number>('SELECT count(*) FROM merkle_nodes').pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Every perfect subtree of the log's tree is stored, with the hash the RFC gives it, and nothing else is. */
async function expectTheRfcTree(store: SqliteEventStore, path: string): Promise<number> {
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
    expect(
      stored.map((hash) => (hash ? Buffer.from(hash).toString('hex') : 'missing')),
      `level ${level}`,
    ).toEqual(want);
    expected += ids.length;
  }
  expect(storedRows(path)).toBe(expected);
  if (leaves.length > 0) expect((await storedRoot(tree, leaves.length)).toString('hex')).toBe(mth(leaves).toString('hex'));
  return leaves.length;
}

describe('the Merkle tree in the SQLite store', () => {
  it('holds every node of the RFC 6962 tree over events appended singly, in batches and in group commits', async () => {
    const path = ledgerPath();
    const store = open(path);
    for (let i = 0; i < 13; i++) await store.append(`single-${i}`, newEvents(1));
    await store.append('batch', newEvents(37));
    // Appends in the same event-loop turn share one transaction, each in its own savepoint.
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`group-${i}`, newEvents(1 + (i % 4)))));
    await store.append('batch', newEvents(64), { expectedRevision: 36 });

    expect(await expectTheRfcTree(store, path)).toBe(13 + 37 + 50 + 64);
  });

  it('writes nothing for an append refused inside a group commit, and the tree still fits the log', async () => {
    const path = ledgerPath();
    const store = open(path);
    await store.append('taken', newEvents(2));
    const outcomes = await Promise.allSettled([
      store.append('a', newEvents(3)),
      store.append('taken', newEvents(2), { expectedRevision: 0 }),
      store.append('b', newEvents(5)),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await expectTheRfcTree(store, path)).toBe(10);
  });

  it('writes nothing more for a retried append (the same event ids)', async () => {
    const path = ledgerPath();
    const store = open(path);
    const events = newEvents(3);
    await store.append('s', events);
    const rows = storedRows(path);
    await store.append('s', events, { expectedRevision: 'no_stream' });

    expect(storedRows(path)).toBe(rows);
    expect(await expectTheRfcTree(store, path)).toBe(3);
  });

  it('builds the tree when it opens a ledger file written before the tree existed, then keeps it on append', async () => {
    const path = ledgerPath();
    const before = open(path);
    await before.append('old', newEvents(150));
    await close(before);
    const intruder = new Database(path);
    intruder.exec('DROP TABLE merkle_nodes');
    intruder.close();

    const store = open(path);
    expect(await expectTheRfcTree(store, path)).toBe(150);
    await store.append('new', newEvents(7));
    expect(await expectTheRfcTree(store, path)).toBe(157);
  });

  it('catches up, on the next open, with events a store without the tree appended', async () => {
    const path = ledgerPath();
    const withTree = open(path);
    await withTree.append('s', newEvents(10));
    await close(withTree);
    const without = open(path, { merkleTree: false });
    await without.append('s', newEvents(25), { expectedRevision: 9 });
    expect(without.tree).toBeUndefined();
    await close(without);
    expect(storedRows(path)).toBe(2 * 10 - 2);

    const store = open(path);
    expect(await expectTheRfcTree(store, path)).toBe(35);
  });

  it('catches up within an append with events another process wrote without the tree', async () => {
    const path = ledgerPath();
    const store = open(path);
    await store.append('s', newEvents(6));
    const other = open(path, { merkleTree: false });
    await other.append('t', newEvents(9));
    await close(other);

    await store.append('s', newEvents(4), { expectedRevision: 5 });
    expect(await expectTheRfcTree(store, path)).toBe(19);
  });

  it('still opens a log whose last events were removed, and refuses to append onto its tree', async () => {
    const path = ledgerPath();
    const first = open(path);
    await first.append('s', newEvents(20));
    await close(first);
    const intruder = new Database(path);
    intruder.exec('DELETE FROM events WHERE position > 17');
    intruder.close();

    const store = open(path);
    await expect(store.append('t', newEvents(1))).rejects.toThrow(/the Merkle tree has 20 leaves, more than the log's 18 events: events were removed from its end/);
    expect(await store.headPosition()).toBe(17);
  });
});
