// A worker: BullMQ consumers, one per projection queue, that apply batches to the read
// models in Redis with applyBatch, exactly as the embedded runner applies them to SQLite.
//
// What the outcome means for the job:
//   applied / already_applied   done.
//   lost                        the batch's events are gone from Redis (expired): done without
//                               applying; the dispatcher's watchdog sees the gap and dispatches again.
//   not_yet / conflict          an earlier batch is not applied yet, or another worker just
//                               committed: the job is put back, delayed a little (it does not
//                               count as a failed attempt), and tried again. Order comes from
//                               the checkpoint compare-and-set, not from the order of jobs.
//   the reducer throws          a failed attempt, retried with exponential backoff; after the
//                               last attempt the projection is parked (setStatus 'parked'),
//                               the dispatcher stops queuing for it, the others go on.

import { DelayedError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { applyBatch, type BatchOutcome } from '../projections/apply-batch.js';
import type { Projection, ProjectedEvent } from '../projections/projection.js';
import { bullConnection, bullPrefix, errorMessage, queueName, stderrLogger, type BatchJobData, type Logger, type RedisConnectionOptions } from './queues.js';
import { connectRedis, DEFAULT_PREFIX, RedisReadModels } from './redis-read-models.js';

export interface StartWorkerOptions {
  redis: RedisConnectionOptions;
  /** Key prefix shared with the dispatcher. Default 'ledger'. */
  prefix?: string;
  projections: readonly Projection<unknown>[];
  /** Jobs each projection's consumer runs at once. Default 1; with the dispatcher's serial queues (the default) one is all it gets. */
  concurrency?: number;
  /** First delay before an early ('not_yet') or raced ('conflict') batch is tried again; it doubles up to waitMaxMs. Default 10. */
  waitBaseMs?: number;
  waitMaxMs?: number;
  /** How long a job is locked to its worker; a worker that dies loses its jobs to others after this. Default 30000. */
  lockDurationMs?: number;
  /** How often locks of dead workers are looked for. Default 30000. */
  stalledIntervalMs?: number;
  log?: Logger;
}

export type JobOutcome = BatchOutcome | 'parked' | 'lost' | 'failed';

export interface RunningWorker {
  /** Outcomes of the jobs this process ran, by projection: for logs and tests. */
  readonly outcomes: ReadonlyMap<string, Readonly<Record<JobOutcome, number>>>;
  close(): Promise<void>;
}

const emptyOutcomes = (): Record<JobOutcome, number> => ({ applied: 0, already_applied: 0, not_yet: 0, conflict: 0, parked: 0, lost: 0, failed: 0 });

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? stderrLogger;
  const readModels = RedisReadModels.open(options.redis.url, { prefix: options.prefix ?? DEFAULT_PREFIX });
  const redis = connectRedis(options.redis.url);
  // Room for every batch the dispatcher may have queued ahead (8 per projection by default): projections
  // move at different speeds, and a batch evicted before the slowest reaches it is read and parsed again.
  const batches = new BatchCache(redis, Math.max(16, 8 * options.projections.length));
  const connection = bullConnection(options.redis);
  const prefix = bullPrefix(readModels.prefix);
  const waitBaseMs = options.waitBaseMs ?? 10;
  const waitMaxMs = options.waitMaxMs ?? 1_000;
  const outcomes = new Map<string, Record<JobOutcome, number>>();

  const workers = options.projections.map((projection) => {
    const counts = emptyOutcomes();
    outcomes.set(projection.name, counts);

    const processBatch = async (job: Job<BatchJobData>, token?: string): Promise<JobOutcome> => {
      const outcome = await applyOrPark({ readModels, batches, log }, projection, job).catch((error: unknown) => {
        counts.failed++;
        throw error;
      });
      counts[outcome]++;
      if (outcome === 'not_yet' || outcome === 'conflict') {
        // Back in the queue after a short, growing pause; attemptsMade is untouched.
        const wait = Math.min(waitMaxMs, waitBaseMs * 2 ** Math.min(job.attemptsStarted, 16));
        await job.moveToDelayed(Date.now() + wait, token);
        throw new DelayedError(`${outcome}: batch ${job.data.after}-${job.data.through} tried again later`);
      }
      return outcome;
    };

    const worker = new Worker<BatchJobData, JobOutcome>(queueName(projection.name), processBatch, {
      connection,
      prefix,
      concurrency: options.concurrency ?? 1,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: options.stalledIntervalMs ?? 30_000,
      // A batch whose worker died is handed to another rather than failed (and lost).
      maxStalledCount: 10,
    });
    worker.on('error', (error) => log.error(`worker of ${projection.name}: ${errorMessage(error)}`));
    return worker;
  });
  await Promise.all(workers.map((worker) => worker.waitUntilReady()));

  return {
    outcomes,
    async close() {
      // Lets running jobs finish, so none is left half-done to be redone after the lock lapses.
      await Promise.all(workers.map((worker) => worker.close()));
      await readModels.close();
      await redis.quit();
    },
  };
}

interface Context {
  readModels: RedisReadModels;
  batches: BatchCache;
  log: Logger;
}

/**
 * The batches this process read lately, parsed: every projection's job of a batch reads the
 * same events, so a process serving several projections reads and parses each batch once.
 * Events are shared between projections as the embedded runner shares them: reducers are pure.
 */
class BatchCache {
  private readonly batches = new Map<string, ProjectedEvent[]>();

  constructor(
    private readonly redis: Redis,
    private readonly size: number,
  ) {}

  /** The batch's events, or undefined when they are gone from Redis. */
  async get(key: string): Promise<ProjectedEvent[] | undefined> {
    const cached = this.batches.get(key);
    if (cached) return cached;
    const json = await this.redis.get(key);
    if (json === null) return undefined;
    const events = JSON.parse(json) as ProjectedEvent[];
    this.batches.set(key, events);
    if (this.batches.size > this.size) this.batches.delete(this.batches.keys().next().value as string);
    return events;
  }
}

async function applyOrPark({ readModels, batches, log }: Context, projection: Projection<unknown>, job: Job<BatchJobData>): Promise<JobOutcome> {
  const { after, through, eventsKey, handled } = job.data;
  // The checkpoint first: most redelivered or early jobs are settled without reading their events.
  const checkpoint = await readModels.checkpoint(projection.name);
  // Parked: its remaining jobs are dropped; the dispatcher queues no more until it is unparked.
  if (checkpoint?.status === 'parked') return 'parked';
  const position = checkpoint?.position ?? 0;
  if (position >= through) return 'already_applied';
  if (position < after) return 'not_yet';

  const events = handled > 0 ? await batches.get(eventsKey) : [];
  if (events === undefined) {
    log.warn(`${projection.name}: the events of batch ${after}-${through} are gone (expired); it will be dispatched again`);
    return 'lost';
  }
  try {
    return await applyBatch(readModels, projection, { after, through, events });
  } catch (error) {
    const attempts = job.attemptsMade + 1;
    const message = errorMessage(error);
    if (attempts >= (job.opts.attempts ?? 1)) {
      const lastError = `${message} (at a batch after position ${after}, ${attempts} attempts)`;
      await readModels.setStatus(projection.name, 'parked', lastError);
      log.error(`${projection.name} parked: ${lastError}`);
      return 'parked';
    }
    await readModels.setStatus(projection.name, 'running', message);
    log.warn(`${projection.name}: batch ${after}-${through} failed (attempt ${attempts}): ${message}; retrying`);
    throw error;
  }
}
