// `ledger worker`: the distributed projection runner. The dispatcher follows the configured
// store (with SQLite, run it on the machine that holds the file) and queues batches on
// BullMQ; workers need only Redis (REDIS_URL) and apply the batches to read models there.
// Runs until SIGINT or SIGTERM, then lets running batches finish and closes.

import { Redis } from 'ioredis';
import { openStore } from '../app.js';
import { allProjections } from '../projections/registry.js';
import type { EventStore } from '../store/port.js';
import type { Dispatcher } from '../workers/dispatcher.js';
import {
  checkEvictionPolicy,
  describeEvictionPolicy,
  RedisReadModels,
  startDispatcher,
  startWorker,
  stderrLogger,
  type Logger,
  type RunningWorker,
} from '../workers/index.js';
import { configOrExit } from './environment.js';

export interface WorkerCommandOptions {
  role: 'all' | 'dispatcher' | 'worker';
  /** Jobs each projection's consumer runs at once in this process. */
  concurrency?: number;
  dataDir?: string;
  /** Key prefix in Redis for queues and read models; default REDIS_PREFIX ('ledger'). One per deployment sharing a Redis. */
  prefix?: string;
}

export async function worker(options: WorkerCommandOptions): Promise<void> {
  const config = configOrExit({ DATA_DIR: options.dataDir, REDIS_PREFIX: options.prefix });
  const log = stderrLogger;
  const redis = { url: config.REDIS_URL };
  const prefix = config.REDIS_PREFIX;

  await checkRedis(config.REDIS_URL, log);
  if (allProjections.length === 0) log.warn('no read models are registered (src/projections/registry.ts): nothing to project');

  let store: EventStore | undefined;
  let readModels: RedisReadModels | undefined;
  let dispatcher: Dispatcher | undefined;
  let workers: RunningWorker | undefined;
  if (options.role !== 'worker') {
    store = openStore(config);
    readModels = RedisReadModels.open(config.REDIS_URL, { prefix });
    dispatcher = await startDispatcher({ store, redis, readModels, projections: allProjections, log });
    log.info(`dispatcher following the ${config.STORE} store for ${allProjections.length} projection(s)`);
  }
  if (options.role !== 'dispatcher') {
    workers = await startWorker({ redis, prefix, projections: allProjections, concurrency: options.concurrency, log });
    log.info(`worker consuming ${allProjections.length} projection queue(s) on ${redactUrl(config.REDIS_URL)}, concurrency ${options.concurrency ?? 1}`);
  }

  // Until here a signal simply ends the process: nothing half-done survives it (commits are atomic).
  let closing: Promise<void> | undefined;
  const close = async (signal: NodeJS.Signals) => {
    log.info(`${signal}: closing`);
    await dispatcher?.stop();
    await workers?.close();
    await readModels?.close();
    await store?.close();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    closing ??= close(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error(`while closing: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/**
 * Reach Redis once with few retries, so an unreachable one stops the start with a message
 * (the runner's own connections wait for Redis indefinitely), then check its eviction policy.
 */
async function checkRedis(url: string, log: Logger): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout: 5_000 });
  let cause: Error | undefined;
  probe.on('error', (error: Error) => (cause ??= error));
  try {
    await probe.ping();
    const { level, message } = describeEvictionPolicy(await checkEvictionPolicy(probe));
    log[level](message);
  } catch (error) {
    throw new Error(`cannot reach Redis at ${redactUrl(url)} (REDIS_URL): ${(cause ?? (error as Error)).message}`);
  } finally {
    probe.disconnect();
  }
}

/** A Redis URL without its password, for logs. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
