// Redis goes away in the middle of a projection run on the BullMQ runner (dispatcher and
// worker as `ledger worker` runs them) and comes back: nobody restarts them, and the read
// models end equal to the embedded runner's over the same log, every event counted once.
// Twice: an outage (Redis keeps its data in an append-only file fsynced per write, as a
// production Redis for BullMQ should) and a wipe (Redis comes back empty).
//
// It runs its own redis-server on a free port: the shared one on 6379 is never stopped.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appendGenerated } from '../../src/generate/index.js';
import { EmbeddedRunner } from '../../src/projections/embedded-runner.js';
import type { Projection } from '../../src/projections/projection.js';
import { allProjections } from '../../src/projections/registry.js';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { RedisReadModels, startDispatcher, startWorker, type Logger } from '../../src/workers/index.js';
import { countingProjection, waitForCheckpoints, type PositionsDocument } from '../workers/counting.js';
import { redisServer, startOwnRedis } from '../support/own-redis.js';

const EVENTS = 4_000;
/** Each event costs the counting reducer this much CPU, so the run lasts long enough to be cut. */
const SPIN_MS = 0.4;
const OUTAGE_MS = 1_500;
/** Small batches, so Redis dies between many commits rather than inside one of two. */
const BATCH_SIZE = 200;


function collectingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

redisServer.describe('the BullMQ runner through a Redis outage', () => {
  let dir: string;
  let store: SqliteEventStore;
  let reference: SqliteReadModels;
  let head: number;
  const counting = countingProjection('count-all', undefined, SPIN_MS) as Projection<unknown>;
  const projections: Projection<unknown>[] = [...allProjections, counting];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-redis-outage-'));
    store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL' });
    await appendGenerated(store, { seed: 4_242, events: EVENTS });
    head = await store.headPosition();
    // What an uninterrupted run builds: the embedded runner, over the same log.
    reference = new SqliteReadModels(join(dir, 'reference.db'));
    await new EmbeddedRunner(store, reference, projections).catchUp();
  });

  afterEach(async () => {
    await reference.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const { persistent, what } of [
    { persistent: true, what: 'an outage: Redis is killed and comes back with its data' },
    { persistent: false, what: 'a wipe: Redis is killed and comes back empty' },
  ]) {
    it(`converges to the uninterrupted result, each event once, after ${what}`, { timeout: 90_000 }, async () => {
      const redisDir = join(dir, `redis-${persistent ? 'aof' : 'bare'}`);
      mkdirSync(redisDir);
      const redis = await startOwnRedis(redisDir, persistent);
      const url = redis.url;
      const prefix = 'ledger-outage';
      const readModels = RedisReadModels.open(url, { prefix });
      const log = collectingLog();
      const workers = await startWorker({ redis: { url }, prefix, projections, log, lockDurationMs: 5_000, stalledIntervalMs: 2_000 });
      const dispatcher = await startDispatcher({ store, redis: { url }, readModels, projections, log, watchdogMs: 1_000, batchSize: BATCH_SIZE });
      let cutAt = 0;
      const started = performance.now();
      let recovered = 0;
      try {
        // Given a run well under way
        for (;;) {
          cutAt = (await readModels.checkpoint(counting.name))?.position ?? 0;
          if (cutAt >= head / 4) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        // When Redis dies, stays away, and comes back
        await redis.kill('SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        await redis.restart();
        const back = performance.now();
        // Then, with nobody restarting them, the dispatcher and the worker finish the run
        await waitForCheckpoints(
          readModels,
          projections.map((p) => p.name),
          head,
          60_000,
        );
        recovered = performance.now() - back;
      } finally {
        await dispatcher.stop();
        await workers.close();
      }

      expect(cutAt, 'Redis died mid-run').toBeLessThan(head);
      for (const projection of projections) {
        expect(await readModels.list(projection.name, ''), projection.name).toEqual(await reference.list(projection.name, ''));
        expect((await readModels.checkpoint(projection.name))?.position, projection.name).toBe(head);
      }
      // Every position applied exactly once, in order, per stream.
      const counted = (await readModels.list(counting.name, 'stream:')).flatMap(([, doc]) => (doc as PositionsDocument).positions);
      expect(counted.length).toBe(head);
      expect(new Set(counted).size).toBe(head);

      const outcomes = [...workers.outcomes.values()].reduce<Record<string, number>>((sum, o) => {
        for (const [k, v] of Object.entries(o)) sum[k] = (sum[k] ?? 0) + v;
        return sum;
      }, {});
      console.log(
        `[reliability] redis ${persistent ? 'outage' : 'wipe'}: ${head} events, cut at ${cutAt}, ${OUTAGE_MS} ms down, ` +
          `caught up ${Math.round(recovered)} ms after Redis came back (${Math.round(performance.now() - started)} ms in all); ` +
          `dispatcher ${JSON.stringify(dispatcher.stats)}; worker outcomes ${JSON.stringify(outcomes)}; ` +
          `${log.lines.filter((l) => !l.startsWith('info')).length} warnings/errors logged, e.g. ${JSON.stringify(log.lines.filter((l) => !l.startsWith('info')).slice(0, 3))}`,
      );
      await readModels.close();
      await redis.kill('SIGTERM');
    });
  }
});
