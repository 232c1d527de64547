// The shared EventStore contract against the machine's PostgreSQL (test/support/postgres.ts):
// one store, and two stores on one schema taking turns (two API nodes on one database),
// every test of this file in one schema, dropped after.

import { afterAll, describe } from 'vitest';
import { openPostgresEventStore, type PostgresEventStore } from '../../src/store/postgres/index.js';
import type { AppendOptions, EventStore, NewEvent, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../../src/store/port.js';
import { dropSchema, postgresForTests, TEST_DATABASE_URL, uniqueSchema } from '../support/postgres.js';
import { describeEventStoreContract } from './event-store.contract.js';

const available = await postgresForTests('postgres contract');
const schema = uniqueSchema('contract');
afterAll(async () => {
  if (available) await dropSchema(schema);
});

const open = (): PostgresEventStore => openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, pollIntervalMs: 100 });

/**
 * Two nodes on one log: appends alternate between them, and every read and subscription
 * is served by the node that did not write last, so each test sees the other node's work.
 */
class TwoNodes implements EventStore {
  private turn = 0;

  constructor(private readonly nodes: readonly [PostgresEventStore, PostgresEventStore]) {}

  private next(): PostgresEventStore {
    return this.nodes[this.turn++ % 2] as PostgresEventStore;
  }

  append(streamId: string, events: readonly NewEvent[], options?: AppendOptions) {
    return this.next().append(streamId, events, options);
  }
  findReceipt(scope: string, key: string) {
    return this.next().findReceipt(scope, key);
  }
  readStream(streamId: string, options?: ReadStreamOptions) {
    return this.next().readStream(streamId, options);
  }
  readAll(options?: ReadAllOptions) {
    return this.next().readAll(options);
  }
  readStored(options?: Pick<ReadAllOptions, 'after' | 'maxCount'>) {
    return this.next().readStored(options);
  }
  headPosition() {
    return this.next().headPosition();
  }
  subscribe(options?: SubscribeOptions) {
    return this.next().subscribe(options);
  }
  async close() {
    await Promise.all(this.nodes.map((node) => node.close()));
  }
}

describe.skipIf(!available)(`PostgreSQL at ${TEST_DATABASE_URL}`, () => {
  describeEventStoreContract('PostgreSQL', async () => {
    const store = open();
    return { store, cleanup: () => store.close() };
  }, { receipts: true });

  describeEventStoreContract('PostgreSQL, two nodes on one log', async () => {
    const store = new TwoNodes([open(), open()]);
    return { store, cleanup: () => store.close() };
  }, { receipts: true });
});
