// Only one node signs at a time: every node runs the 15-minute signing schedule, and when
// their ticks meet, one signs the head and the others leave it (their turn was taken, or the
// head is signed when they get it). Three nodes' state on one schema, in this process.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleCheckpoints } from '../../src/audit/integrity/schedule.js';
import { loadConfig } from '../../src/config.js';
import { openServerState, type ServerState } from '../../src/server-state/open.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../src/store/postgres/index.js';
import { newEvents } from '../contract/event-store.contract.js';
import { freshSchema, postgresForTests } from '../support/postgres.js';
import { sharedKeys } from '../support/shared-keys.js';

const available = await postgresForTests('one signer at a time');

describe.skipIf(!available)('the periodic signing on several nodes', () => {
  let schema: { schema: string; url: string; drop(): Promise<void> };
  let store: PostgresEventStore;
  const nodes: ServerState[] = [];

  beforeAll(async () => {
    schema = await freshSchema('signing');
    const config = loadConfig({ STORE: 'postgres', DATABASE_URL: schema.url, PROJECTIONS: 'workers', ...sharedKeys() });
    for (let i = 0; i < 3; i++) nodes.push(await openServerState(config, { node: `node-${i}` }));
    store = openPostgresEventStore({ connectionString: schema.url });
  });
  afterAll(async () => {
    await store?.close();
    for (const node of nodes) await node.close();
    await schema?.drop();
  });

  it('signs each head once when the three nodes’ schedules tick at the same moment', async () => {
    const schedules = nodes.map((node) => scheduleCheckpoints(store, node.integrity, { intervalMs: 3_600_000 }));
    try {
      for (let round = 1; round <= 3; round++) {
        await store.append(`note-${round}`, newEvents(20));
        const signed = await Promise.all(schedules.map((s) => s.tick()));
        expect(signed.filter(Boolean), `round ${round}`).toHaveLength(1);
        const kept = await nodes[round % 3]!.integrity.checkpoints.list();
        expect(kept.map((c) => c.statement.position)).toEqual(Array.from({ length: round }, (_, i) => (i + 1) * 20));
      }
    } finally {
      for (const s of schedules) s.stop();
    }
  });
});
