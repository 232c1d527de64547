// The peer: the same workload (bench/lib/peer-workload.ts) on Emmett's SQLite event store,
// @event-driven-io/emmett-sqlite 0.38.5, with its defaults (it sets WAL; sqlite3's default
// synchronous is FULL). Plain JavaScript run from here, so Emmett resolves from
// bench/peer/node_modules and never enters the product's dependencies.

import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { childMain } from '../../dist/bench/lib/child.js';
import { responseData, responseMetadata } from '../../dist/bench/lib/feedback.js';
import { peerResult } from '../../dist/bench/lib/peer-workload.js';
import { randomUUID } from 'node:crypto';

// Emmett opens a connection per call and sets WAL on it without waiting; now and then the
// call's COMMIT meets that statement still running and fails with SQLITE_BUSY ("SQL statements
// in progress"). Nothing was written then (the connection is closed, rolling back), so the call
// is made again, as an application would have to; the time lost counts, and retries are reported.
let retries = 0;
async function retryingBusy(call) {
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (error?.code !== 'SQLITE_BUSY' || retries >= 10_000) throw error;
      retries++;
    }
  }
}

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
      await retryingBusy(() => store.appendToStream(stream, events));
    }
  }
  const appended = performance.now();
  let read = 0;
  for (const stream of names) read += (await retryingBusy(() => store.readStream(stream))).events.length;
  const done = performance.now();
  if (read !== n) throw new Error(`read back ${read} events of ${n}`);
  return { ...peerResult(n, (appended - started) / 1000, (done - appended) / 1000), retries };
});
