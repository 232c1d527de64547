// The server with PROJECTIONS=workers: it runs no projections itself, and reads
// what `ledger worker` processes keep in Redis, waiting on their checkpoints for ?after.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { allProjections } from '../../src/projections/registry.js';
import { Dispatcher } from '../../src/workers/dispatcher.js';
import { silentLogger } from '../../src/workers/queues.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import { startWorker, type RunningWorker } from '../../src/workers/worker.js';
import { startLedger, type Harness } from '../api/harness.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

describeWithRedis('the server reading read models kept by BullMQ workers', () => {
  const prefix = testPrefix();
  let ledger: Harness;
  let readModels: RedisReadModels;
  let dispatcher: Dispatcher;
  let worker: RunningWorker;

  beforeAll(async () => {
    ledger = await startLedger({ PROJECTIONS: 'workers', REDIS_URL: redisUrl, REDIS_PREFIX: prefix });
    readModels = RedisReadModels.open(redisUrl, { prefix });
    dispatcher = new Dispatcher({ store: ledger.app.store, redis: { url: redisUrl }, readModels, projections: allProjections, log: silentLogger });
    await dispatcher.start();
    worker = await startWorker({ redis: { url: redisUrl }, projections: allProjections, log: silentLogger, prefix });
  });

  afterAll(async () => {
    await worker?.close();
    await dispatcher?.stop();
    await readModels?.close();
    await ledger?.close();
    await cleanUp(prefix);
  });

  it('shows an officer their own write once the workers have applied it', async () => {
    expect(ledger.app.runner).toBeNull();
    const officer = await ledger.tokenFor('officer', 'halton-borough-council');
    const planned = await ledger.call('POST', '/v1/activities', {
      token: officer,
      body: { title: 'Tenants forum', category: 'deciding_together', method: 'forum', window: { opens: '2013-05-01', closes: '2013-05-01' } },
    });
    expect(planned.status).toBe(201);
    const reply = await ledger.call('GET', `/v1/calendar?after=${planned.body.position}`, { token: officer });
    expect(reply.body.caughtUp).toBe(true);
    expect(reply.body.rows.map((r: { activityId: string }) => r.activityId)).toEqual([planned.body.createdId]);
    const states = await ledger.call('GET', '/v1/projections', { token: officer });
    for (const p of states.body.projections) expect(p).toMatchObject({ status: 'running', lag: 0 });
  });
});
