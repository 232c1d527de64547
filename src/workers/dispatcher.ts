// The dispatcher: follows the event store from the lowest checkpoint, cuts the log into
// batches (up to N events, a byte budget, or a short time window, whichever comes first),
// writes each batch's events to Redis once and puts one job per batch on each live
// projection's queue. Workers so need Redis and nothing else: with SQLite the store stays
// on this machine, with EventStoreDB anywhere.
//
// It never decides whether a batch is applied: the workers' checkpoint compare-and-set
// does. So a restart may re-dispatch batches that are done (they are skipped), and a
// lost job is repaired by dispatching again from the checkpoints (the watchdog).

import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { EmbeddedRunner } from '../projections/embedded-runner.js';
import { toProjectedEvent } from '../projections/projected-event.js';
import type { Projection } from '../projections/projection.js';
import type { EventStore, RecordedEvent, Subscription } from '../store/port.js';
import {
  batchEventsKey,
  batchJobId,
  bullConnection,
  bullPrefix,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_BASE_MS,
  errorMessage,
  queueName,
  stderrLogger,
  type BatchJobData,
  type Logger,
  type RedisConnectionOptions,
} from './queues.js';
import { Lease } from './lease.js';
import { connectRedis, type RedisReadModels } from './redis-read-models.js';

export interface DispatcherOptions {
  store: EventStore;
  redis: RedisConnectionOptions;
  /** Where the checkpoints are read: the same prefix the workers write under. */
  readModels: RedisReadModels;
  projections: readonly Projection<unknown>[];
  /** Most events per batch (counting those no projection reads). Default 2000. */
  batchSize?: number;
  /** A batch is sent this long after its first event even if it is not full (live appends). Default 25. */
  batchWindowMs?: number;
  /** A batch is sent once its events reach this many bytes of JSON, so jobs stay bounded. Default 4 MiB. */
  maxBatchBytes?: number;
  /** Batches a projection may have queued ahead of its checkpoint before the dispatcher waits. Default 8. */
  maxPendingBatches?: number;
  /** One batch of a projection at a time across all workers (BullMQ global concurrency 1). Default true. */
  serial?: boolean;
  /** Reducer failures before a projection is parked. Default 5. */
  maxAttempts?: number;
  /** First retry delay after a reducer failure, doubling. Default 100. */
  retryBaseMs?: number;
  /** How often to look for a projection whose jobs are gone while it is behind. Default 5000. */
  watchdogMs?: number;
  /**
   * How long a batch's events stay in Redis at most. They are deleted as soon as every live
   * projection has passed them; this bounds what a dispatcher that stopped leaves behind. A
   * job whose events expired is dispatched again (the watchdog). Default one hour.
   */
  batchTtlMs?: number;
  /** Only one dispatcher per prefix runs at a time; the others wait for its lease to lapse. Default 15000. */
  leaseMs?: number;
  log?: Logger;
}

export interface DispatcherStats {
  batches: number;
  jobs: number;
  /** The log position the last batch queued ends at. */
  through: number;
  /** Times it went back to the checkpoints to dispatch again (restarts of the follow loop). */
  resyncs: number;
}

/** A batch's events in Redis, until every live projection has passed `through`. */
interface StoredBatch {
  key: string;
  through: number;
}

interface QueuedBatch {
  after: number;
  through: number;
  jobId: string;
}

/** An event of the batch being cut, with its JSON. */
interface BatchEvent {
  position: number;
  type: string;
  json: string;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const INTERRUPTED: unique symbol = Symbol('interrupted');
const WINDOW_ELAPSED: unique symbol = Symbol('window elapsed');

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}

export class Dispatcher {
  readonly stats: DispatcherStats = { batches: 0, jobs: 0, through: 0, resyncs: 0 };
  private readonly store: EventStore;
  private readonly readModels: RedisReadModels;
  private readonly projections: readonly Projection<unknown>[];
  private readonly handled: ReadonlyMap<string, ReadonlySet<string>>;
  /** Event types any projection handles: the rest of the log (mostly feedback) is never stored in Redis. */
  private readonly anyHandles: ReadonlySet<string>;
  private readonly queues = new Map<string, Queue<BatchJobData>>();
  private readonly batchSize: number;
  private readonly batchWindowMs: number;
  private readonly maxBatchBytes: number;
  private readonly maxPendingBatches: number;
  private readonly serial: boolean;
  private readonly maxAttempts: number;
  private readonly retryBaseMs: number;
  private readonly watchdogMs: number;
  private readonly batchTtlMs: number;
  private readonly log: Logger;
  private readonly redis: Redis;
  private readonly lease: Lease;

  private running = false;
  private holdsLease = false;
  private leaseTimer: NodeJS.Timeout | undefined;
  private loop: Promise<void> | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private interrupt = deferred();
  private resyncReason: string | undefined;
  private following = false;
  /** Per live projection: the batches queued and not yet passed by its checkpoint, in order. */
  private readonly pending = new Map<string, QueuedBatch[]>();
  /** Per live projection: how far its batches have been queued in this pass (from its checkpoint at the start). */
  private readonly dispatched = new Map<string, number>();
  private parked = new Set<string>();
  private stored: StoredBatch[] = [];

  constructor(private readonly options: DispatcherOptions) {
    this.store = options.store;
    this.readModels = options.readModels;
    this.projections = options.projections;
    this.handled = new Map(this.projections.map((p) => [p.name, new Set<string>(p.eventTypes)]));
    this.anyHandles = new Set(this.projections.flatMap((p) => p.eventTypes));
    this.batchSize = options.batchSize ?? 2_000;
    this.batchWindowMs = options.batchWindowMs ?? 25;
    this.maxBatchBytes = options.maxBatchBytes ?? 4 * 1024 * 1024;
    this.maxPendingBatches = options.maxPendingBatches ?? 8;
    this.serial = options.serial ?? true;
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.watchdogMs = options.watchdogMs ?? 5_000;
    this.batchTtlMs = options.batchTtlMs ?? 3_600_000;
    this.log = options.log ?? stderrLogger;
    this.redis = connectRedis(options.redis.url);
    const leaseMs = options.leaseMs ?? 15_000;
    this.lease = new Lease(this.redis, `${this.readModels.prefix}:dispatcher`, randomUUID(), leaseMs);
  }

  /** Rebuild projections whose version changed, then follow the log until stopped. */
  async start(): Promise<void> {
    const connection = bullConnection(this.options.redis);
    const prefix = bullPrefix(this.readModels.prefix);
    for (const projection of this.projections) {
      const queue = new Queue<BatchJobData>(queueName(projection.name), { connection, prefix });
      queue.on('error', (error) => this.log.error(`queue of ${projection.name}: ${errorMessage(error)}`));
      this.queues.set(projection.name, queue);
      await (this.serial ? queue.setGlobalConcurrency(1) : queue.removeGlobalConcurrency());
    }
    await this.rebuildChangedVersions();
    this.running = true;
    this.loop = this.run();
    this.watchdog = setInterval(() => void this.checkForLostJobs(), this.watchdogMs);
    this.watchdog.unref();
    this.leaseTimer = setInterval(() => void this.renewLease(), Math.max(100, Math.floor(this.lease.ttlMs / 3)));
    this.leaseTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.watchdog);
    clearInterval(this.leaseTimer);
    this.interrupt.resolve();
    await this.loop;
    await this.livePositions()
      .then((positions) => this.forgetPassedBatches(positions))
      .catch(() => undefined);
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    if (this.holdsLease) await this.lease.release().catch(() => undefined);
    this.holdsLease = false;
    await this.redis.quit();
  }

  /** The queue of a projection, for inspection (tests, tooling). */
  queue(projection: string): Queue<BatchJobData> | undefined {
    return this.queues.get(projection);
  }

  private async rebuildChangedVersions(): Promise<void> {
    const rebuilder = new EmbeddedRunner(this.store, this.readModels, this.projections, { batchSize: this.batchSize });
    for (const projection of this.projections) {
      const checkpoint = await this.readModels.checkpoint(projection.name);
      if (!checkpoint || checkpoint.version === projection.version) continue;
      this.log.info(`${projection.name}: version ${checkpoint.version} -> ${projection.version}, rebuilding from the log`);
      await rebuilder.rebuild(projection.name);
    }
  }

  private async run(): Promise<void> {
    let standingBy = false;
    while (this.running) {
      try {
        this.holdsLease = await this.lease.acquire();
        if (!this.holdsLease) {
          if (!standingBy) this.log.info('another dispatcher holds the lease; standing by');
          standingBy = true;
          await Promise.race([delay(this.lease.ttlMs / 3), this.interrupt.promise]);
          this.interrupt = deferred();
          continue;
        }
        if (standingBy) this.log.info('took over the dispatcher lease');
        standingBy = false;
        await this.followFromCheckpoints();
      } catch (error) {
        if (!this.running) break;
        this.log.error(`dispatching stopped: ${errorMessage(error)}; starting again from the checkpoints in 1 s`);
        await Promise.race([delay(1_000), this.interrupt.promise]);
      }
    }
  }

  /** One pass: from the lowest live checkpoint, until stopped or until a resync is asked for. */
  private async followFromCheckpoints(): Promise<void> {
    this.interrupt = deferred();
    if (!this.running) return;
    const reason = this.resyncReason;
    this.resyncReason = undefined;
    const positions = await this.livePositions();
    this.pending.clear();
    this.dispatched.clear();
    for (const [name, position] of positions) {
      this.pending.set(name, []);
      this.dispatched.set(name, position);
    }
    if (positions.size === 0) {
      // Everything is parked: look again later, in case someone unparks a projection.
      await Promise.race([delay(this.watchdogMs), this.interrupt.promise]);
      return;
    }
    const from = Math.min(...positions.values());
    if (reason) {
      this.stats.resyncs++;
      this.log.warn(`${reason}; dispatching again from position ${from}`);
    }
    this.following = true;
    try {
      const caughtUp = await this.catchUp(from);
      if (caughtUp === undefined) return;
      const subscription = this.store.subscribe({ after: caughtUp });
      try {
        await this.follow(subscription, caughtUp);
      } finally {
        await subscription.close();
      }
    } finally {
      this.following = false;
    }
  }

  /**
   * Dispatch what the log already holds, a page of the types some projection reads at a time
   * (the rest, mostly feedback, is skipped in the store, unparsed), until within a batch of the
   * head; the subscription takes over from there. Returns where it starts, undefined if interrupted.
   */
  private async catchUp(from: number): Promise<number | undefined> {
    const types = [...this.anyHandles];
    let after = from;
    while (this.running && this.resyncReason === undefined) {
      const head = await this.store.headPosition();
      if (head - after <= this.batchSize) return after;
      const recorded = await this.store.readAll({ after, maxCount: this.batchSize, types });
      // A short page ends at the head read before it: nothing of these types lies in between.
      const through = recorded.length < this.batchSize ? Math.max(head, recorded.at(-1)?.position ?? after) : (recorded.at(-1) as RecordedEvent).position;
      let batch: BatchEvent[] = [];
      let bytes = 0;
      for (const [i, recordedEvent] of recorded.entries()) {
        const event = toProjectedEvent(recordedEvent);
        const json = JSON.stringify(event);
        batch.push({ position: event.position, type: event.type, json });
        bytes += json.length;
        if (bytes >= this.maxBatchBytes && i < recorded.length - 1) {
          const sent = await this.dispatch(batch, after, event.position);
          if (sent === undefined) return undefined;
          [after, batch, bytes] = [sent, [], 0];
        }
      }
      const sent = await this.dispatch(batch, after, through);
      if (sent === undefined) return undefined;
      after = sent;
    }
    return undefined;
  }

  private async follow(subscription: Subscription, from: number): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    const interrupted = this.interrupt.promise.then((): typeof INTERRUPTED => INTERRUPTED);
    let next: Promise<IteratorResult<RecordedEvent>> | undefined;
    // Each event a projection reads as JSON, made once: it measures the batch and becomes part of what is stored.
    let batch: BatchEvent[] = [];
    /** Events in the batch, those no projection reads included: they count towards its size and end. */
    let seen = 0;
    let through = from;
    let bytes = 0;
    let windowElapsed: Promise<typeof WINDOW_ELAPSED> | undefined;
    let after = from;

    const send = async () => {
      const sent = await this.dispatch(batch, after, through);
      if (sent === undefined) return;
      after = sent;
      batch = [];
      seen = 0;
      bytes = 0;
      windowElapsed = undefined;
    };

    while (this.running && this.resyncReason === undefined) {
      next ??= iterator.next();
      const result = await Promise.race(windowElapsed ? [next, interrupted, windowElapsed] : [next, interrupted]);
      if (result === INTERRUPTED) return;
      if (result === WINDOW_ELAPSED) {
        await send();
        continue;
      }
      next = undefined;
      if (result.done) return;
      through = result.value.position;
      seen++;
      if (this.anyHandles.has(result.value.type)) {
        const event = toProjectedEvent(result.value);
        const json = JSON.stringify(event);
        batch.push({ position: event.position, type: event.type, json });
        bytes += json.length;
      }
      windowElapsed ??= delay(this.batchWindowMs).then((): typeof WINDOW_ELAPSED => WINDOW_ELAPSED);
      if (seen >= this.batchSize || bytes >= this.maxBatchBytes) await send();
    }
  }

  /**
   * Store the batch's events and queue a job for every live projection that has not passed
   * it. Waits first while a projection has too many batches queued ahead of its checkpoint
   * (so a fast log cannot fill Redis). Returns the batch's end, or undefined when interrupted
   * before anything was queued.
   */
  private async dispatch(batch: readonly BatchEvent[], after: number, through: number): Promise<number | undefined> {
    const positions = await this.waitForRoom();
    if (positions === undefined) return undefined;
    const eventsKey = batchEventsKey(this.readModels.prefix, after, through);
    const jobs: Array<{ name: string; handled: number }> = [];
    for (const [name, position] of positions) {
      if (position >= through) continue;
      const types = this.handled.get(name) as ReadonlySet<string>;
      jobs.push({ name, handled: batch.filter((e) => e.position > position && types.has(e.type)).length });
    }
    if (jobs.some((job) => job.handled > 0)) {
      await this.redis.set(eventsKey, `[${batch.map((e) => e.json).join(',')}]`, 'PX', this.batchTtlMs);
      this.stored.push({ key: eventsKey, through });
    }
    await Promise.all(
      jobs.map(({ name, handled }) =>
        (this.queues.get(name) as Queue<BatchJobData>).add(
          'batch',
          { projection: name, after, through, eventsKey, handled },
          {
            jobId: batchJobId(name, after, through),
            attempts: this.maxAttempts,
            backoff: { type: 'exponential', delay: this.retryBaseMs },
            // Done jobs are forgotten: an id then only deduplicates a batch while it is pending.
            removeOnComplete: true,
            removeOnFail: true,
          },
        ),
      ),
    );
    for (const { name } of jobs) {
      this.pending.get(name)?.push({ after, through, jobId: batchJobId(name, after, through) });
      this.dispatched.set(name, through);
    }
    this.stats.batches++;
    this.stats.jobs += jobs.length;
    this.stats.through = through;
    return through;
  }

  /** Delete the stored batches every live projection has passed. */
  private async forgetPassedBatches(positions: ReadonlyMap<string, number>): Promise<void> {
    const lowest = positions.size === 0 ? Number.POSITIVE_INFINITY : Math.min(...positions.values());
    const passed = this.stored.filter((b) => b.through <= lowest);
    if (passed.length === 0) return;
    this.stored = this.stored.filter((b) => b.through > lowest);
    await this.redis.unlink(...passed.map((b) => b.key));
  }

  /** Live projections' checkpoints, once none has more than maxPendingBatches queued; undefined if interrupted. */
  private async waitForRoom(): Promise<Map<string, number> | undefined> {
    for (let wait = 2; ; wait = Math.min(wait * 2, 20)) {
      if (!this.running || this.resyncReason !== undefined) return undefined;
      const positions = await this.livePositions();
      await this.forgetPassedBatches(positions);
      let full = false;
      for (const [name, position] of positions) {
        const pending = (this.pending.get(name) ?? []).filter((batch) => batch.through > position);
        this.pending.set(name, pending);
        if (pending.length >= this.maxPendingBatches) full = true;
      }
      if (!full) return positions;
      await Promise.race([delay(wait), this.interrupt.promise]);
    }
  }

  /** Checkpoint positions of the projections that are not parked; notices a projection coming back from parked. */
  private async livePositions(): Promise<Map<string, number>> {
    const checkpoints = await Promise.all(this.projections.map((p) => this.readModels.checkpoint(p.name)));
    const positions = new Map<string, number>();
    const parked = new Set<string>();
    this.projections.forEach((projection, i) => {
      const checkpoint = checkpoints[i];
      if (checkpoint?.status === 'parked') parked.add(projection.name);
      else positions.set(projection.name, checkpoint?.position ?? 0);
    });
    for (const name of this.parked) {
      // Its batches stopped while it was parked: its chain of jobs has a gap to fill.
      if (!parked.has(name) && this.following) this.requestResync(`${name} is no longer parked`);
    }
    for (const name of parked) if (!this.parked.has(name)) this.log.warn(`${name} is parked (${checkpoints[this.projections.findIndex((p) => p.name === name)]?.lastError ?? 'no error recorded'}); no more batches for it`);
    this.parked = parked;
    return positions;
  }

  /**
   * A projection that cannot reach what was queued for it would wait forever: its next batch
   * (the one starting at or before its checkpoint) is no longer queued (the job was removed,
   * or failed on stalls, or found its events expired), or its checkpoint went back (dropped).
   * Then dispatch again from the checkpoints. Also notices projections parked or unparked.
   */
  private async checkForLostJobs(): Promise<void> {
    if (!this.holdsLease) return;
    try {
      const positions = await this.livePositions();
      // Idle, no dispatch deletes the events of the last batches: this does.
      await this.forgetPassedBatches(positions);
      if (!this.following || this.resyncReason !== undefined) return;
      for (const [name, pending] of this.pending) {
        const position = positions.get(name);
        if (position === undefined) continue;
        const next = pending.find((batch) => batch.after <= position && position < batch.through);
        let problem: string;
        if (next) {
          if (await (this.queues.get(name) as Queue<BatchJobData>).getJob(next.jobId)) continue;
          problem = `${name} is at ${position} and its next batch (${next.jobId}) is no longer queued`;
        } else if (position < (this.dispatched.get(name) ?? 0)) {
          problem = `${name} went back to ${position}, behind the batches queued for it`;
        } else {
          continue;
        }
        // Gone because it was applied just now (the checkpoint moved), or lost?
        const checkpoint = await this.readModels.checkpoint(name);
        if (checkpoint?.status === 'parked' || (checkpoint?.position ?? 0) !== position) continue;
        this.requestResync(problem);
        return;
      }
    } catch (error) {
      this.log.warn(`could not check the queues: ${errorMessage(error)}`);
    }
  }

  private async renewLease(): Promise<void> {
    if (!this.holdsLease || !this.running) return;
    try {
      if (await this.lease.renew()) return;
      this.holdsLease = false;
      this.requestResync('the dispatcher lease lapsed');
    } catch (error) {
      this.log.warn(`could not renew the dispatcher lease: ${errorMessage(error)}`);
    }
  }

  private requestResync(reason: string): void {
    if (this.resyncReason !== undefined) return;
    this.resyncReason = reason;
    this.interrupt.resolve();
  }
}
