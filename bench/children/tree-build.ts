// Child: building the Merkle tree of a ledger written before it existed, as the store does once
// when it opens such a file (src/store/sqlite/tree.ts catchUp): the copy's tree is dropped, then
// the store is opened, and the open timed.

import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain } from '../lib/child.js';

await childMain(async ({ path }: { path: string }) => {
  const db = new Database(path);
  db.exec('DROP TABLE IF EXISTS merkle_nodes');
  db.close();
  const started = performance.now();
  const store = openSqliteEventStore({ path });
  const seconds = (performance.now() - started) / 1000;
  const events = await store.headPosition();
  await store.close();
  return { events, seconds, eventsPerSec: events / seconds };
});
