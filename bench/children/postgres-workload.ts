// Child: the peer workload (lib/peer-workload.ts) on the ledger's PostgreSQL store, through
// the EventStore port, with its defaults (group commit, synchronous_commit as the server has it).

import { monotonicFactory } from 'ulid';
import type { NewEvent } from '../../src/store/port.js';
import { openPostgresEventStore } from '../../src/store/postgres/index.js';
import { childMain } from '../lib/child.js';
import { responseData, responseMetadata } from '../lib/feedback.js';
import { peerResult, runAppends, type PostgresPeerWorkload } from '../lib/peer-workload.js';

await childMain(async ({ databaseUrl, streams, appendsPerStream, eventsPerAppend, concurrent = false }: PostgresPeerWorkload) => {
  const store = openPostgresEventStore({ connectionString: databaseUrl });
  const newId = monotonicFactory();
  const names = Array.from({ length: streams }, (_, i) => `activity-peer-${i}`);
  // The store creates its tables on first use; that is set-up, not the workload.
  await store.headPosition();
  let n = 0;
  const started = performance.now();
  await runAppends(names, appendsPerStream, concurrent, (stream) => {
    const metadata = responseMetadata(new Date().toISOString(), newId()) as unknown as NewEvent['metadata'];
    const events: NewEvent[] = Array.from({ length: eventsPerAppend }, () => {
      const id = newId();
      return { id, type: 'FeedbackReceived', version: 2, data: responseData(stream, id, n++), metadata };
    });
    return store.append(stream, events);
  });
  const appended = performance.now();
  let read = 0;
  for (const stream of names) read += (await store.readStream(stream)).length;
  const done = performance.now();
  await store.close();
  if (read !== n) throw new Error(`read back ${read} events of ${n}`);
  return peerResult(n, (appended - started) / 1000, (done - appended) / 1000);
});
