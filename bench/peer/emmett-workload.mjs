// The peer: the same workload (bench/lib/peer-workload.ts) on Emmett's SQLite event store,
// @event-driven-io/emmett-sqlite 0.38.5, with its defaults (it sets WAL; sqlite3's default
// synchronous is FULL). Plain JavaScript run from here, so Emmett resolves from
// bench/peer/node_modules and never enters the product's dependencies.

import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { childMain } from '../../dist/bench/lib/child.js';
import { responseData, responseMetadata } from '../../dist/bench/lib/feedback.js';
import { peerResult } from '../../dist/bench/lib/peer-workload.js';
import { randomUUID } from 'node:crypto';

await childMain(async ({ path, streams, appendsPerStream, eventsPerAppend }) => {
  const store = getSQLiteEventStore({ fileName: path });
  const names = Array.from({ length: streams }, (_, i) => `activity-peer-${i}`);
  let n = 0;
  const started = performance.now();
  for (let round = 0; round < appendsPerStream; round++) {
    for (const stream of names) {
      const metadata = responseMetadata(new Date().toISOString(), randomUUID());
      const events = Array.from({ length: eventsPerAppend }, () => {
        const id = randomUUID();
        return { type: 'FeedbackReceived', data: responseData(stream, id, n++), metadata };
      });
      await store.appendToStream(stream, events);
    }
  }
  const appended = performance.now();
  let read = 0;
  for (const stream of names) read += (await store.readStream(stream)).events.length;
  const done = performance.now();
  if (read !== n) throw new Error(`read back ${read} events of ${n}`);
  return peerResult(n, (appended - started) / 1000, (done - appended) / 1000);
});
