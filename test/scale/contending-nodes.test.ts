// Three nodes writing one stream at once (a survey taking responses through every node of a
// scale-out deployment): within a node commands on a stream take turns, but the nodes meet at
// the store's revision check, and without a random wait between attempts they read and append
// again in step and lose together until one runs out of attempts. None may be refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity } from '../../src/domain/aggregates/activity.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { openPostgresEventStore, type PostgresEventStore } from '../../src/store/postgres/index.js';
import { officer } from '../domain/given.js';
import { response, workshop } from '../domain/fixtures.js';
import { freshSchema, postgresForTests } from '../support/postgres.js';

const available = await postgresForTests('several nodes writing one stream');
const redcar = officer('redcar-council', 'jo@redcar');
// No area and no partner: this test is about nodes meeting on one stream, not the references an activity names.
const { organisationId: _o, ...planData } = { ...workshop(), areaIds: [], jointPartnerIds: [] };

describe.skipIf(!available)('three nodes recording on one stream at once', () => {
  let schema: { url: string; drop(): Promise<void> };
  const stores: PostgresEventStore[] = [];

  beforeAll(async () => {
    schema = await freshSchema('contending');
    for (let i = 0; i < 3; i++) stores.push(openPostgresEventStore({ connectionString: schema.url }));
    const first = new CommandHandler({ store: stores[0] as PostgresEventStore });
    await first.handle(activity, { type: 'PlanActivity', data: planData }, { actor: redcar });
    await first.handle(activity, { type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, { actor: redcar });
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await schema?.drop();
  });

  it('records every response, none refused with a revision conflict, each node deciding again on what the others wrote', async () => {
    const nodes = stores.map((store) => new CommandHandler({ store }));
    const sent = nodes.flatMap((node, n) =>
      Array.from({ length: 10 }, (_, i) =>
        node.handle(activity, { type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [response(`node-${n}-${i}`)] } }, { actor: redcar }),
      ),
    );

    const outcomes = await Promise.allSettled(sent);

    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
    const stream = await (stores[2] as PostgresEventStore).readStream('activity-redcar-workshop-1');
    expect(stream.filter((e) => e.type === 'FeedbackReceived')).toHaveLength(30);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
  });
});
