// PostgreSQL restarted under load: three `ledger serve` nodes and a `ledger worker` on a
// PostgreSQL server of the test's own (test/support/own-postgres.ts), officers appending
// through all three. The server is stopped (fast shutdown, sessions ended), kept down, and
// started again; nobody restarts a node. While it is down every answer is 503 with
// Retry-After, never a 500; afterwards the nodes serve again by themselves; every request
// a client retried with its Idempotency-Key after a 503 is recorded once; nothing
// acknowledged is lost, the chain verifies, and the workers' read models catch up.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { openPostgresEventStore } from '../../src/store/postgres/index.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import { clusterServices, startCluster, type Cluster } from '../support/cluster.js';
import { feedbackText, postFeedback, type Answer, type FeedbackRequest } from '../support/feedback-load.js';
import { ownPostgres, startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { waitForReadModels } from '../support/read-models.js';
import { seeded, seedFromEnv } from '../support/seeded.js';
import { redisUrl } from '../workers/redis.js';

const ready = (await clusterServices('PostgreSQL restarted under load')) && ownPostgres.guardFile();
const seed = seedFromEnv(20_261_125);
const DOWN_MS = 3_000;
const ACTIVITIES = ['restart-a', 'restart-b'];

let server: OwnPostgres | undefined;
let cluster: Cluster | undefined;
beforeAll(async () => {
  if (!ready) return;
  server = await startOwnPostgres();
  cluster = await startCluster({ nodes: 3, label: 'restart', databaseUrl: server.url });
}, 120_000);
afterAll(async () => {
  await cluster?.close().catch(() => undefined);
  await server?.remove();
});

it.skipIf(!ready)('answers 503 with Retry-After while PostgreSQL is down, never a 500, serves again by itself, and loses nothing acknowledged', { timeout: 300_000 }, async () => {
  const c = cluster as Cluster;
  const random = seeded(seed);
  const admin = c.adminToken;
  const post = async (path: string, token: string, body: unknown) => {
    const reply = await fetch(c.url(0) + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(reply.status, await reply.clone().text()).toBeLessThan(300);
    return (await reply.json()) as { token?: string };
  };
  await post('/v1/organisations', admin, { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' });
  const officer = (await post('/v1/credentials', admin, { role: 'officer', organisationId: 'halton-council', label: 'restart test' })).token as string;
  for (const activityId of ACTIVITIES) {
    await post('/v1/activities', officer, { activityId, title: `Survey ${activityId}`, category: 'consultation', method: 'survey', window: { opens: '2012-09-01', closes: '2012-10-31' } });
    await post(`/v1/activities/${activityId}/open`, officer, { openedOn: '2012-09-01' });
  }

  // Officers behind a balancer: a 503 is retried with the same key after a pause, on any node.
  let down = false;
  let stopped = false;
  const acknowledged: Array<{ request: FeedbackRequest; eventIds: string[] }> = [];
  const wrong: string[] = [];
  const seen = { unavailable: 0, unavailableWhileDown: 0, otherWhileDown: 0, ackAfterRestart: 0 };
  let sent = 0;
  const client = async () => {
    while (!stopped) {
      const request = { key: `r-${++sent}`, activityId: ACTIVITIES[Math.floor(random() * ACTIVITIES.length)] as string };
      for (let attempt = 0; ; attempt++) {
        const answer: Answer = await postFeedback(c.url(Math.floor(random() * 3)), officer, request);
        if (answer.kind === 'acknowledged') {
          acknowledged.push({ request, eventIds: answer.eventIds });
          if (restarted) seen.ackAfterRestart++;
          break;
        }
        if (answer.kind === 'refused' && answer.status === 503 && answer.code === 'STORE_UNAVAILABLE') {
          seen.unavailable++;
          if (down) seen.unavailableWhileDown++;
        } else {
          if (down) seen.otherWhileDown++;
          wrong.push(`${request.key}: ${JSON.stringify(answer)}`);
          if (answer.kind === 'refused' && answer.status < 500) break;
        }
        if (attempt > 200) {
          wrong.push(`${request.key}: not answered after ${attempt} attempts`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };
  let restarted = false;
  const clients = Array.from({ length: 4 }, () => client());
  const until = async (condition: () => boolean, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  await until(() => acknowledged.length >= 20, 60_000, 'acknowledgements before the restart');
  const server_ = server as OwnPostgres;
  await server_.stop();
  down = true;
  // While it is down, reads and writes on every node: 503 with Retry-After, in the error shape.
  const probes: Response[] = [];
  for (let i = 0; i < 3; i++) {
    probes.push(await fetch(`${c.url(i)}/v1/activities/${ACTIVITIES[0]}`, { headers: { authorization: `Bearer ${officer}` } }));
    probes.push(
      await fetch(`${c.url(i)}/v1/activities/${ACTIVITIES[0]}/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'response', receivedOn: '2012-09-10', text: 'While the database is down' }),
      }),
    );
  }
  await new Promise((resolve) => setTimeout(resolve, DOWN_MS));
  down = false;
  await server_.start();
  restarted = true;
  await until(() => seen.ackAfterRestart >= 20, 60_000, 'acknowledgements after the restart, with no node restarted');
  stopped = true;
  await Promise.all(clients);

  for (const probe of probes) {
    expect(probe.status).toBe(503);
    expect(Number(probe.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await probe.json()) as { error: { code: string } }).error.code).toBe('STORE_UNAVAILABLE');
  }
  expect(wrong, 'only 2xx, or 503 STORE_UNAVAILABLE, never a 500').toEqual([]);
  expect(seen.unavailableWhileDown).toBeGreaterThan(0);

  const store = openPostgresEventStore({ connectionString: c.env.DATABASE_URL as string, schema: c.schema });
  try {
    const events = await store.readAll();
    const times = new Map<string, number>();
    for (const event of events) times.set(event.id, (times.get(event.id) ?? 0) + 1);
    expect(acknowledged.flatMap((a) => a.eventIds).filter((id) => times.get(id) !== 1), 'acknowledged, not recorded exactly once').toEqual([]);
    const texts = events.filter((e) => e.type === 'FeedbackReceived').map((e) => (e.data as { text: string }).text);
    expect(new Set(texts).size, 'a response recorded twice').toBe(texts.length);
    for (const { request } of acknowledged) expect(texts).toContain(feedbackText(request));
    expect(await store.verify()).toMatchObject({ ok: true, headPosition: events.length });
    const readModels = RedisReadModels.open(redisUrl, { prefix: c.prefix });
    try {
      await waitForReadModels(readModels, events.length, 60_000);
    } finally {
      await readModels.close();
    }
  } finally {
    await store.close();
  }
  console.log(`[scale] PostgreSQL restart (seed ${seed}): ${JSON.stringify({ acknowledged: acknowledged.length, ...seen, downMs: DOWN_MS })}`);
});
