// Child: appends through the SQLite store's port (WAL, synchronous=FULL, group commit) to a new
// file, with or without the Merkle tree (the store's merkleTree option), so the two runs differ
// in the tree alone. One append at a time, each awaited: `perAppend` 1 is a clerk's single
// event (one fsync each), 1,000 a survey's batch.

import { monotonicFactory } from 'ulid';
import type { NewEvent } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { childMain } from '../lib/child.js';
import { responseData, responseMetadata } from '../lib/feedback.js';

export interface TreeAppendInput {
  path: string;
  merkleTree: boolean;
  events: number;
  perAppend: number;
  streams: number;
}

await childMain(async ({ path, merkleTree, events, perAppend, streams }: TreeAppendInput) => {
  const store = openSqliteEventStore({ path, merkleTree });
  const newId = monotonicFactory();
  let n = 0;
  const started = performance.now();
  for (let a = 0; n < events; a++) {
    const stream = `activity-bench-${a % streams}`;
    const metadata = responseMetadata(new Date().toISOString(), newId()) as unknown as NewEvent['metadata'];
    const batch: NewEvent[] = Array.from({ length: Math.min(perAppend, events - n) }, () => {
      const id = newId();
      return { id, type: 'FeedbackReceived', version: 2, data: responseData(stream, id, n++), metadata };
    });
    await store.append(stream, batch);
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return { events, seconds, eventsPerSec: events / seconds };
});
