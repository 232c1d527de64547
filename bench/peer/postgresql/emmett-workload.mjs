// The PostgreSQL peer: the same workload as the SQLite peer (bench/lib/peer-workload.ts) on
// Emmett's PostgreSQL event store, @event-driven-io/emmett-postgresql 0.42.0, with its
// defaults (it creates its tables on first use, in the database it is given: a fresh one
// per run). Plain JavaScript run from here, so Emmett resolves from
// bench/peer/postgresql/node_modules and never enters the product's dependencies.

import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { childMain } from '../../../dist/bench/lib/child.js';
import { responseData, responseMetadata } from '../../../dist/bench/lib/feedback.js';
import { peerResult, runAppends } from '../../../dist/bench/lib/peer-workload.js';
import { randomUUID } from 'node:crypto';

await childMain(async ({ databaseUrl, streams, appendsPerStream, eventsPerAppend, concurrent = false }) => {
  const store = getPostgreSQLEventStore(databaseUrl);
  const names = Array.from({ length: streams }, (_, i) => `activity-peer-${i}`);
  // Emmett creates its schema on the first call; that is set-up, not the workload.
  await store.appendToStream('peer-warm-up', [{ type: 'WarmUp', data: {} }]);
  let n = 0;
  const started = performance.now();
  await runAppends(names, appendsPerStream, concurrent, (stream) => {
    const metadata = responseMetadata(new Date().toISOString(), randomUUID());
    const events = Array.from({ length: eventsPerAppend }, () => {
      const id = randomUUID();
      return { type: 'FeedbackReceived', data: responseData(stream, id, n++), metadata };
    });
    return store.appendToStream(stream, events);
  });
  const appended = performance.now();
  let read = 0;
  for (const stream of names) read += (await store.readStream(stream)).events.length;
  const done = performance.now();
  await store.close();
  if (read !== n) throw new Error(`read back ${read} events of ${n}`);
  return peerResult(n, (appended - started) / 1000, (done - appended) / 1000);
});
