// Two worker processes take batches from one dispatcher, racing for them (serial queues
// off, several jobs each at once): every batch is applied once, in order, whoever runs it.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { generateLedger } from '../../src/generate/index.js';
import { toProjectedEvent } from '../../src/projections/projected-event.js';
import type { SqliteEventStore } from '../../src/store/sqlite/index.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { Dispatcher } from '../../src/workers/dispatcher.js';
import { silentLogger } from '../../src/workers/queues.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import type { JobOutcome } from '../../src/workers/worker.js';
import { singleFold, testProjections, waitForCheckpoints, type PositionsDocument } from './counting.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const viteNode = join(root, 'node_modules/vite-node/vite-node.mjs');
const workerProcess = join(root, 'test/workers/fixtures/worker-process.ts');

/** CPU each reducer call burns in the workers: long enough folds that two workers often start from one checkpoint. */
const SPIN_MS = 0.2;
const projections = testProjections();

type Outcomes = Record<string, Record<JobOutcome, number>>;

interface WorkerChild {
  child: ChildProcessWithoutNullStreams;
  /** Resolves with the child's outcomes once it has closed after SIGTERM. */
  stop(): Promise<Outcomes>;
}

function startWorkerProcess(prefix: string, concurrency: number, spinMs: number): Promise<WorkerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteNode, workerProcess, redisUrl, prefix, String(concurrency), String(spinMs)], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ready = false;
    const exited = new Promise<Outcomes>((done, fail) => {
      child.on('close', (code, signal) => {
        const last = stdout.trim().split('\n').at(-1) ?? '';
        if (code === 0 && last.startsWith('{')) done(JSON.parse(last) as Outcomes);
        else fail(new Error(`worker process ended (code ${code}, signal ${signal})\n${stderr}`));
      });
    });
    exited.catch(() => {});
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!ready && stdout.includes('ready\n')) {
        ready = true;
        resolve({
          child,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => {
      if (!ready) reject(new Error(`worker process never got ready\n${stderr}`));
    });
  });
}

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithRedis('two worker processes and one dispatcher', () => {
  let dir: string;
  let prefix: string;
  let store: SqliteEventStore;
  let readModels: RedisReadModels;
  const children: WorkerChild[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-two-workers-'));
    prefix = testPrefix();
    store = openSqliteEventStore({ path: join(dir, 'ledger.db'), synchronous: 'NORMAL', pollIntervalMs: 20 });
    readModels = RedisReadModels.open(redisUrl, { prefix });
  });

  afterEach(async () => {
    for (const { child } of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await readModels.close();
    await store.close();
    await cleanUp(prefix);
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies every batch exactly once and in order, though a restarted dispatcher queued the log twice over', { timeout: 60_000 }, async () => {
    // Given a generated ledger, most of it already in the log and the rest to come while the workers run
    const appends = [...generateLedger({ seed: 2024, events: 3_000 })];
    const split = Math.floor(appends.length * 0.8);
    for (const a of appends.slice(0, split)) await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision });
    const caughtUpTo = (await store.readAll()).at(-1)?.position ?? 0;

    // and a dispatcher that queued all of it in batches of 40, then was restarted with batches of 55
    // before any worker ran: two chains of overlapping batches wait in the queues
    const dispatcher = (batchSize: number) =>
      new Dispatcher({
        store,
        redis: { url: redisUrl },
        readModels,
        projections,
        batchSize,
        batchWindowMs: 10,
        maxPendingBatches: 1_000,
        serial: false,
        log: silentLogger,
      });
    const first = dispatcher(40);
    await first.start();
    await until(() => first.stats.through >= caughtUpTo);
    await first.stop();
    const second = dispatcher(55);
    await second.start();
    await until(() => second.stats.through >= caughtUpTo);

    // When two worker processes race for the batches, several jobs each at once, while appends go on
    children.push(...(await Promise.all([startWorkerProcess(prefix, 4, SPIN_MS), startWorkerProcess(prefix, 4, SPIN_MS)])));
    for (const a of appends.slice(split)) {
      await store.append(a.streamId, a.events, { expectedRevision: a.expectedRevision });
      if (Math.random() < 0.05) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const log = await store.readAll();
    const head = (log.at(-1) as { position: number }).position;
    await waitForCheckpoints(
      readModels,
      projections.map((p) => p.name),
      head,
      45_000,
    );
    await second.stop();
    const outcomes = await Promise.all(children.map((c) => c.stop()));

    // Then each projection's documents are those of a single fold over the whole log...
    const events = log.map(toProjectedEvent);
    for (const projection of projections) {
      const documents = await readModels.list(projection.name, '');
      expect(documents, projection.name).toEqual(singleFold(projection, events));
      expect(await readModels.checkpoint(projection.name)).toMatchObject({ position: head, status: 'running', lastError: null });
    }
    // ...so no position was applied twice, out of order, or lost
    const applied = (await readModels.list('count-all', 'stream:')).flatMap(([, doc]) => (doc as PositionsDocument).positions);
    for (const [, doc] of await readModels.list('count-all', '')) {
      const { positions } = doc as PositionsDocument;
      expect(positions.every((p, i) => i === 0 || p > (positions[i - 1] as number))).toBe(true);
    }
    expect(applied.sort((a, b) => a - b)).toEqual(log.map((e) => e.position));

    // And both processes did part of the work, racing for it: batches came early, were beaten to
    // their commit, or were found done already
    const total = (own: Outcomes, outcome: JobOutcome) => Object.values(own).reduce((sum, counts) => sum + counts[outcome], 0);
    for (const own of outcomes) {
      expect(total(own, 'applied')).toBeGreaterThan(0);
      expect(total(own, 'parked') + total(own, 'failed') + total(own, 'lost')).toBe(0);
    }
    const all = (outcome: JobOutcome) => outcomes.reduce((sum, own) => sum + total(own, outcome), 0);
    expect(all('not_yet')).toBeGreaterThan(0);
    expect(all('already_applied')).toBeGreaterThan(0);
    // (the compare-and-set refused a commit: without it, that batch would have been applied twice)
    expect(all('conflict')).toBeGreaterThan(0);
    expect(first.stats.batches + second.stats.batches).toBeGreaterThan(100);
  });
});
