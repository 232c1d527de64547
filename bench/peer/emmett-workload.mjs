// The peer: the same workload (bench/lib/peer-workload.ts) on Emmett's SQLite event store,
// @event-driven-io/emmett-sqlite 0.38.5, with its defaults (it sets WAL; sqlite3's default
// synchronous is FULL; both read back after the workload), its connection held one of two
// ways (EmmettConnection). Plain JavaScript run from here, so Emmett resolves from
// bench/peer/node_modules and never enters the product's dependencies.

import {
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readStream,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import { childMain } from '../../dist/bench/lib/child.js';
import { responseData, responseMetadata } from '../../dist/bench/lib/feedback.js';
import { peerResult } from '../../dist/bench/lib/peer-workload.js';
import { randomUUID } from 'node:crypto';

// Emmett opens a connection per call and sets WAL on it without waiting; now and then the
// call's COMMIT meets that statement still running and fails with SQLITE_BUSY ("SQL statements
// in progress"). Nothing was written then (the connection is closed, rolling back), so the call
// is made again, as an application would have to; the time lost counts, and retries are reported.
// The kept-open connection sets WAL once, before the clock; the same guard stays, and counts, there.
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

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];

/** journal_mode and synchronous as a connection of Emmett's has them. */
async function settingsOf(connection) {
  const journal = await connection.querySingle('PRAGMA journal_mode');
  const synchronous = await connection.querySingle('PRAGMA synchronous');
  return { journalMode: journal.journal_mode, synchronous: SYNCHRONOUS[synchronous.synchronous] ?? String(synchronous.synchronous) };
}

/** Its event store as shipped: each call opens a connection (and creates the schema on the first), then closes it. */
function perCallStore(fileName) {
  const store = getSQLiteEventStore({ fileName });
  return {
    append: (stream, events) => retryingBusy(() => store.appendToStream(stream, events)),
    read: async (stream) => (await retryingBusy(() => store.readStream(stream))).events,
    // Its connections are closed by now: one more of Emmett's, opened as they were, shows theirs.
    async settings() {
      const probe = sqliteConnection({ fileName });
      try {
        return await settingsOf(probe);
      } finally {
        probe.close();
      }
    },
    close: () => undefined,
  };
}

/**
 * The same calls on one connection opened once, from the package's own exports: what
 * getSQLiteEventStore does per call (appendToStream in its transaction, readStream) without
 * the open and close around each. The schema is made before the clock starts, as the ledger's
 * store makes its own when it opens.
 */
async function keptOpenStore(fileName) {
  const connection = sqliteConnection({ fileName });
  await createEventStoreSchema(connection);
  return {
    async append(stream, events) {
      // The stream type as getSQLiteEventStore derives it from the name ("activity-..." -> "activity").
      const [first, ...rest] = stream.split('-');
      const type = first && rest.length > 0 ? first : 'emt:unknown';
      const appended = await retryingBusy(() => appendToStream(connection, stream, type, events));
      if (!appended.success) throw new Error(`append to ${stream} refused`);
    },
    read: async (stream) => (await retryingBusy(() => readStream(connection, stream))).events,
    settings: () => settingsOf(connection),
    close: () => connection.close(),
  };
}

await childMain(async ({ path, streams, appendsPerStream, eventsPerAppend, connection }) => {
  if (connection !== 'per-call' && connection !== 'kept-open') throw new Error(`connection: ${connection}`);
  const store = connection === 'per-call' ? perCallStore(path) : await keptOpenStore(path);
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
      await store.append(stream, events);
    }
  }
  const appended = performance.now();
  let read = 0;
  for (const stream of names) read += (await store.read(stream)).length;
  const done = performance.now();
  if (read !== n) throw new Error(`read back ${read} events of ${n}`);
  const settings = await store.settings();
  store.close();
  return { ...peerResult(n, (appended - started) / 1000, (done - appended) / 1000), retries, settings };
});
