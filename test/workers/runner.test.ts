// The distributed runner's behaviour around failures and restarts, in one process:
// parking a failing projection, resuming from checkpoints, rebuilding a new version,
// repairing lost jobs, and one dispatcher at a time.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { appendGenerated, generateLedger, type GeneratedAppend } from '../../src/generate/index.js';
import { toProjectedEvent } from '../../src/projections/projected-event.js';
import { defineProjection, type Projection } from '../../src/projections/projection.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { Dispatcher, type DispatcherOptions } from '../../src/workers/dispatcher.js';
import { silentLogger, type Logger } from '../../src/workers/queues.js';
import { connectRedis, RedisReadModels } from '../../src/workers/redis-read-models.js';
import { startWorker, type RunningWorker } from '../../src/workers/worker.js';
import { countingProjection, singleFold, waitForCheckpoints } from './counting.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`), error: (m) => lines.push(`error: ${m}`) };
}

describeWithRedis('the distributed runner', () => {
  let dir: string;
  let prefix: string;
  let store: SqliteEventStore;
  let readModels: RedisReadModels;
  let stops: Array<() => Promise<void>>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-runner-'));
    prefix = testPrefix();
    store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL', pollIntervalMs: 20 });
    readModels = RedisReadModels.open(redisUrl, { prefix });
    stops = [];
  });

  afterEach(async () => {
    for (const stop of stops.reverse()) await stop();
    await readModels.close();
    await store.close();
    await cleanUp(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  const dispatcher = async (projections: Projection<unknown>[], options: Partial<DispatcherOptions> = {}): Promise<Dispatcher> => {
    const started = new Dispatcher({ store, redis: { url: redisUrl }, readModels, projections, batchSize: 100, log: silentLogger, ...options });
    await started.start();
    const original = started.stop.bind(started);
    let stopped = false;
    const stop = async () => {
      if (!stopped) await original();
      stopped = true;
    };
    stops.push(stop);
    return Object.assign(started, { stop });
  };

  const worker = async (projections: Projection<unknown>[]): Promise<RunningWorker> => {
    const started = await startWorker({ redis: { url: redisUrl }, prefix, projections, waitBaseMs: 2, log: silentLogger });
    let closed = false;
    const close = async () => {
      if (!closed) await started.close();
      closed = true;
    };
    stops.push(close);
    return { outcomes: started.outcomes, close };
  };

  const batchKeys = async () => {
    const redis = connectRedis(redisUrl);
    try {
      return await redis.keys(`${prefix}:batch:*`);
    } finally {
      await redis.quit();
    }
  };

  const head = async () => (await store.readAll()).at(-1)?.position ?? 0;

  const append = async (appends: readonly GeneratedAppend[]) => {
    for (const a of appends) await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision });
  };

  it('parks a projection whose reducer keeps throwing, after its attempts, while the others reach the head', async () => {
    // Given a projection that cannot handle the 700th event, beside one that can
    const appends = [...generateLedger({ seed: 3, events: 1_500 })];
    const first = Math.floor(appends.length / 5);
    await append(appends.slice(0, first));
    const failAt = 700;
    const fragile = defineProjection<number>({
      name: 'fragile',
      version: 1,
      eventTypes: countingProjection('x').eventTypes,
      key: () => 'seen',
      evolve(seen, event) {
        if (event.position === failAt) throw new Error(`cannot read position ${event.position}`);
        return (seen ?? 0) + 1;
      },
    });
    const steady = countingProjection('steady') as Projection<unknown>;
    const log = recordingLogger();
    const workers = await startWorker({ redis: { url: redisUrl }, prefix, projections: [fragile, steady], waitBaseMs: 2, log });
    stops.push(() => workers.close());

    // When they run, with three attempts per batch
    const running = await dispatcher([fragile, steady], { maxAttempts: 3, retryBaseMs: 10, log });
    await append(appends.slice(first));
    await waitForCheckpoints(readModels, ['steady'], await head(), 20_000);
    await eventually(async () => (await readModels.checkpoint('fragile'))?.status === 'parked', 10_000, 'fragile to be parked');

    // Then the failing one is parked just before the batch it cannot apply, with the reason
    const parked = await readModels.checkpoint('fragile');
    expect(parked?.position).toBeLessThan(failAt);
    expect(parked?.position).toBeGreaterThanOrEqual(failAt - 100);
    expect(parked?.lastError).toMatch(/cannot read position 700 \(at a batch after position \d+, 3 attempts\)/);
    expect(log.lines.some((line) => line.startsWith('error: fragile parked'))).toBe(true);
    expect((await readModels.list('fragile', ''))[0]).toEqual(['seen', parked?.position]);
    // and its queue empties and stays empty while the others go on
    const queue = running.queue('fragile');
    await eventually(async () => (await queue!.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) === 0, 10_000, 'its queue to empty');
    await append([...generateLedger({ seed: 4, events: 300 })]);
    await waitForCheckpoints(readModels, ['steady'], await head(), 20_000);
    expect(await queue!.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')).toBe(0);
    expect((await readModels.checkpoint('fragile'))?.position).toBe(parked?.position);
    expect(workers.outcomes.get('fragile')?.failed).toBe(2);
  });

  it('resumes from the checkpoints after the dispatcher and the workers restart', async () => {
    const counting = countingProjection('counting') as Projection<unknown>;
    const appends = [...generateLedger({ seed: 5, events: 2_000 })];
    const quarter = Math.floor(appends.length / 4);
    await append(appends.slice(0, quarter));
    const first = await dispatcher([counting]);
    const firstWorkers = await worker([counting]);
    await waitForCheckpoints(readModels, ['counting'], await head(), 15_000);
    await first.stop();
    await firstWorkers.close();

    // Appends made while nothing runs are picked up by the next dispatcher, from the checkpoint
    const before = await head();
    await append(appends.slice(quarter));
    const second = await dispatcher([counting], { batchSize: 77, watchdogMs: 100 });
    await worker([counting]);
    await waitForCheckpoints(readModels, ['counting'], await head(), 15_000);
    expect(await readModels.list('counting', '')).toEqual(singleFold(counting, (await store.readAll()).map(toProjectedEvent)));
    // and the batches' events, all applied, are deleted from Redis
    await eventually(async () => (await batchKeys()).length === 0, 5_000, 'the stored batches to be deleted');
    // (it started from the checkpoint, not from the beginning)
    expect(second.stats.batches).toBeLessThanOrEqual(Math.ceil((2_000 - before) / 77) + 2);
  });

  it('rebuilds a projection whose version changed before it dispatches again', async () => {
    await appendGenerated(store, { seed: 6, events: 800 });
    const v1 = defineProjection<number>({ name: 'tally', version: 1, eventTypes: ['FeedbackReceived'], key: () => 'n', evolve: (n) => (n ?? 0) + 1 });
    await dispatcher([v1 as Projection<unknown>]);
    await worker([v1 as Projection<unknown>]);
    await waitForCheckpoints(readModels, ['tally'], await head(), 15_000);
    for (const stop of stops.splice(0).reverse()) await stop();
    const feedback = (await store.readAll()).filter((e) => e.type === 'FeedbackReceived').length;
    expect(await readModels.list('tally', '')).toEqual([['n', feedback]]);

    // Version 2 counts in tens: the dispatcher rebuilds it from the log before anything else
    const v2 = defineProjection<number>({ name: 'tally', version: 2, eventTypes: ['FeedbackReceived'], key: () => 'n', evolve: (n) => (n ?? 0) + 10 });
    await dispatcher([v2 as Projection<unknown>]);
    expect(await readModels.list('tally', '')).toEqual([['n', feedback * 10]]);
    expect(await readModels.checkpoint('tally')).toMatchObject({ version: 2, position: await head(), status: 'running' });
  });

  it('dispatches again when a projection’s next job is lost', async () => {
    // Given batches queued while no worker runs
    const counting = countingProjection('counting') as Projection<unknown>;
    await appendGenerated(store, { seed: 7, events: 1_000 });
    const log = recordingLogger();
    const running = await dispatcher([counting], { watchdogMs: 100, maxPendingBatches: 20, log });
    await eventually(() => running.stats.through === 1_000, 10_000, 'the log to be queued');

    // When the jobs are lost (removed from Redis) and a worker starts
    await running.queue('counting')!.obliterate({ force: true });
    await worker([counting]);

    // Then the watchdog notices and the projection still reaches the head
    await waitForCheckpoints(readModels, ['counting'], 1_000, 15_000);
    expect(running.stats.resyncs).toBeGreaterThanOrEqual(1);
    expect(log.lines.some((line) => /counting is at 0 and its next batch \(counting@0-\d+\) is no longer queued/.test(line))).toBe(true);
    expect(await readModels.list('counting', '')).toEqual(singleFold(counting, (await store.readAll()).map(toProjectedEvent)));
  });

  it('dispatches again when a batch’s events expired before a worker took it', async () => {
    // Given batches queued while no worker runs, whose events expire
    const counting = countingProjection('counting') as Projection<unknown>;
    await appendGenerated(store, { seed: 9, events: 600 });
    const log = recordingLogger();
    const running = await dispatcher([counting], { watchdogMs: 100, batchTtlMs: 200, log });
    await eventually(() => running.stats.through === 600, 10_000, 'the log to be queued');
    await new Promise((resolve) => setTimeout(resolve, 300));

    // When a worker starts, it finds the events gone
    const workers = await worker([counting]);

    // Then the batches are dispatched again and the projection still reaches the head
    await waitForCheckpoints(readModels, ['counting'], 600, 15_000);
    expect(workers.outcomes.get('counting')?.lost).toBeGreaterThan(0);
    expect(running.stats.resyncs).toBeGreaterThanOrEqual(1);
    expect(await readModels.list('counting', '')).toEqual(singleFold(counting, (await store.readAll()).map(toProjectedEvent)));
  });

  it('builds a projection again from the log when its read model is dropped while running', async () => {
    const counting = countingProjection('counting') as Projection<unknown>;
    await appendGenerated(store, { seed: 10, events: 700 });
    const running = await dispatcher([counting], { watchdogMs: 100 });
    await worker([counting]);
    await waitForCheckpoints(readModels, ['counting'], 700, 15_000);
    const built = await readModels.list('counting', '');

    await readModels.drop('counting');

    await waitForCheckpoints(readModels, ['counting'], 700, 15_000);
    expect(running.stats.resyncs).toBe(1);
    expect(await readModels.list('counting', '')).toEqual(built);
  });

  it('runs one dispatcher at a time: a second stands by until the first stops', async () => {
    const counting = countingProjection('counting') as Projection<unknown>;
    const appends = [...generateLedger({ seed: 8, events: 1_000 })];
    const half = Math.floor(appends.length / 2);
    await append(appends.slice(0, half));
    await worker([counting]);
    const standbyLog = recordingLogger();
    const first = await dispatcher([counting], { leaseMs: 600 });
    const second = await dispatcher([counting], { leaseMs: 600, log: standbyLog });
    await waitForCheckpoints(readModels, ['counting'], await head(), 15_000);
    expect(second.stats.batches).toBe(0);
    expect(standbyLog.lines).toContain('info: another dispatcher holds the lease; standing by');

    await first.stop();
    await append(appends.slice(half));
    await waitForCheckpoints(readModels, ['counting'], await head(), 15_000);
    expect(second.stats.batches).toBeGreaterThan(0);
    expect(standbyLog.lines).toContain('info: took over the dispatcher lease');
  });
});
