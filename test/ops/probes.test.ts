// Probes: live answers while the process does; ready names each failing part with a 503:
// a parked projection, projections further behind than READY_MAX_PROJECTION_LAG, a Redis
// that went away (workers mode). Probes are public and never rate-limited.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from '../api/harness.js';
import { redisServer, startOwnRedis } from '../support/own-redis.js';
import { testPrefix } from '../workers/redis.js';

const started: Harness[] = [];
async function ledgerWith(env: Record<string, string> = {}): Promise<Harness> {
  const ledger = await startLedger(env);
  started.push(ledger);
  return ledger;
}
afterAll(() => Promise.all(started.map((l) => l.close())));

const organisation = (n: number) => ({ organisationId: `org-${n}`, name: `Organisation ${n}`, kind: 'council_service' });

describe('liveness and readiness', () => {
  it('answers live and ready on a fresh ledger, naming each check, with no token', async () => {
    const ledger = await ledgerWith();
    for (const path of ['/health/live', '/health']) expect(await ledger.call('GET', path)).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await ledger.call('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { store: 'ok', serverState: 'ok', projections: 'ok' } });
  });

  it('answers 503 naming the projections check when a projection is parked', async () => {
    const ledger = await ledgerWith();
    const runner = ledger.app.runner;
    if (!runner) throw new Error('expected the embedded runner');
    await runner.readSide().readModels.setStatus('activities', 'parked', 'a reducer threw (test)');
    const ready = await ledger.call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('NOT_READY');
    expect(ready.body.error.details.failing).toEqual(['projections']);
    expect(ready.body.error.details.checks.projections).toContain('parked: activities');
    expect(ready.body.error.details.checks.store).toBe('ok');
    // Still alive: restarting would not help a parked projection.
    expect((await ledger.call('GET', '/health/live')).status).toBe(200);
  });

  it('answers 503 when projections fall further behind than READY_MAX_PROJECTION_LAG, and 200 once they catch up', async () => {
    const ledger = await ledgerWith({ READY_MAX_PROJECTION_LAG: '2' });
    const runner = ledger.app.runner;
    if (!runner) throw new Error('expected the embedded runner');
    await runner.stop();
    for (const n of [1, 2, 3]) expect((await ledger.call('POST', '/v1/organisations', { token: ledger.adminToken, body: organisation(n) })).status).toBe(201);
    const behind = await ledger.call('GET', '/health/ready');
    expect(behind.status).toBe(503);
    expect(behind.body.error.details.checks.projections).toMatch(/behind the head by more than 2: .*by 3/);

    await runner.start();
    await runner.catchUp();
    expect((await ledger.call('GET', '/health/ready')).status).toBe(200);
  });

  it('stays within the bound: a lag of 2 with READY_MAX_PROJECTION_LAG=2 is ready', async () => {
    const ledger = await ledgerWith({ READY_MAX_PROJECTION_LAG: '2' });
    await ledger.app.runner?.stop();
    for (const n of [1, 2]) await ledger.call('POST', '/v1/organisations', { token: ledger.adminToken, body: organisation(n) });
    expect((await ledger.call('GET', '/health/ready')).status).toBe(200);
  });

  it('is never rate-limited, while other routes are', async () => {
    const ledger = await ledgerWith({ RATE_LIMIT_PER_MINUTE: '3' });
    const probes = await Promise.all(Array.from({ length: 10 }, () => ledger.call('GET', '/health/ready')));
    expect(probes.map((p) => p.status)).toEqual(Array(10).fill(200));
    const documents = [];
    for (let i = 0; i < 5; i++) documents.push((await ledger.call('GET', '/openapi.json')).status);
    expect(documents).toContain(429);
  });
});

redisServer.describe('readiness when the read models are in Redis (PROJECTIONS=workers)', () => {
  it('answers 503 naming redis once its Redis is gone, and ready again once it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-ready-redis-'));
    try {
      const redis = await startOwnRedis(dir, false);
      const ledger = await ledgerWith({ PROJECTIONS: 'workers', REDIS_URL: redis.url, REDIS_PREFIX: testPrefix(), READY_CHECK_TIMEOUT_MS: '500' });
      const ready = await ledger.call('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks).toMatchObject({ redis: 'ok', projections: 'ok' });

      await redis.kill();
      const gone = await ledger.call('GET', '/health/ready');
      expect(gone.status).toBe(503);
      expect(gone.body.error.details.failing).toContain('redis');
      expect(gone.body.error.details.checks.store).toBe('ok');

      await redis.restart();
      let back = gone;
      for (let i = 0; i < 50 && back.status !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        back = await ledger.call('GET', '/health/ready');
      }
      expect(back.status).toBe(200);
      await ledger.close();
      started.splice(started.indexOf(ledger), 1);
      await redis.kill();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
