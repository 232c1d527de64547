// What the dispatcher and the workers agree on: one BullMQ queue per projection,
// the shape of a job, where its events are, its id, and how to reach Redis.
//
// Why one queue per projection: batches of one projection are sequential by nature
// (each starts where the previous one's checkpoint ends), so the only parallelism is
// across projections. A queue each, with a global concurrency of 1, hands a
// projection's batches out one at a time, in order, to whichever worker is free;
// a projection that fails or is parked holds up nobody else. Order is still
// guaranteed by the checkpoint compare-and-set in applyBatch, not by the queue: a
// batch that arrives early ('not_yet') or races another ('conflict') is delayed and
// tried again, and one already applied is skipped.
//
// Where the events are: in Redis, written once per batch under `<prefix>:batch:<after>-<through>`
// (a JSON array of ProjectedEvent), and every projection's job names that key. Workers
// so need Redis and nothing else (not the store), and a batch costs one copy of its
// events whatever the number of projections. Carrying the events in each job made the
// dispatcher write them once per projection: queuing 100k events for 8 projections took
// 5.8-7.4 s that way (2.7 s for one projection), and 2.3 s with one stored copy (2 cores).

export interface BatchJobData {
  projection: string;
  /** The batch covers log positions after `after`... */
  after: number;
  /** ...through `through`, inclusive. */
  through: number;
  /** Redis key of the batch's events: a JSON array of the ProjectedEvents in the range that some projection reads. */
  eventsKey: string;
  /** How many of them the projection handles: with none, the worker moves the checkpoint without reading them. */
  handled: number;
}

export function batchEventsKey(prefix: string, after: number, through: number): string {
  return `${prefix}:batch:${after}-${through}`;
}

/** How BullMQ reaches Redis: it opens its own connections from this (a URL, as REDIS_URL gives). */
export interface RedisConnectionOptions {
  url: string;
}

export function bullConnection(redis: RedisConnectionOptions): { url: string; maxRetriesPerRequest: null } {
  // Workers block on Redis; with retries per request limited, a short outage would fail their commands.
  return { url: redis.url, maxRetriesPerRequest: null };
}

/** BullMQ's keys live beside the read models, under the same prefix, so one prefix is one deployment (or one test). */
export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}

export function queueName(projection: string): string {
  // BullMQ refuses ':' in queue names and job ids.
  if (projection.includes(':')) throw new Error(`projection name ${JSON.stringify(projection)} cannot contain ':' (BullMQ forbids it in queue names)`);
  return `projection-${projection}`;
}

/** Deterministic, so the same batch dispatched twice (a dispatcher restart) is one job while it is pending. */
export function batchJobId(projection: string, after: number, through: number): string {
  return `${projection}@${after}-${through}`;
}

/** Reducer failures a batch is tried for before its projection is parked. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** First retry delay after a reducer failure; it doubles each time. */
export const DEFAULT_RETRY_BASE_MS = 100;

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const stderrLogger: Logger = {
  info: (message) => process.stderr.write(`ledger worker: ${message}\n`),
  warn: (message) => process.stderr.write(`ledger worker: warning: ${message}\n`),
  error: (message) => process.stderr.write(`ledger worker: error: ${message}\n`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
