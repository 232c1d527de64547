// The shared EventStore contract against a real EventStoreDB / KurrentDB server.
// It needs a server, so it runs only when EVENTSTORE_URL names one:
//
//   docker compose up -d eventstoredb
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test
//
// Without it every contract test is reported as skipped. The server is shared by all
// tests and runs (data persists in the compose volume); the contract writes to
// ulid-named streams and looks only at its own events, so no cleanup is needed.

import { describe } from 'vitest';
import { openEventStoreDbEventStore } from '../../src/store/eventstoredb/index.js';
import { describeEventStoreContract } from './event-store.contract.js';

const url = process.env.EVENTSTORE_URL;
const howToRun = "docker compose up -d eventstoredb, then EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test";

if (!url) console.warn(`[eventstoredb contract] skipped: EVENTSTORE_URL is not set. To run it: ${howToRun}`);

describe.skipIf(!url)(url ? `EventStoreDB at ${url}` : `EventStoreDB (skipped: EVENTSTORE_URL is not set; ${howToRun})`, () => {
  describeEventStoreContract('EventStoreDB', async () => {
    const store = openEventStoreDbEventStore({ connectionString: url! });
    return { store, cleanup: () => store.close() };
  }, { receipts: false });
});
