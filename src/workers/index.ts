// The distributed runner (`ledger worker`): a dispatcher that follows the event store and
// queues batches on BullMQ, and workers that apply them to read models kept in Redis.

import { Dispatcher, type DispatcherOptions } from './dispatcher.js';

export { Dispatcher, type DispatcherOptions, type DispatcherStats } from './dispatcher.js';
export { startWorker, type JobOutcome, type RunningWorker, type StartWorkerOptions } from './worker.js';
export { RedisReadModels, deleteKeysUnder, connectRedis, DEFAULT_PREFIX } from './redis-read-models.js';
export { checkEvictionPolicy, describeEvictionPolicy, type EvictionPolicyCheck } from './redis-policy.js';
export { stderrLogger, silentLogger, type Logger, type BatchJobData } from './queues.js';

/** Start a dispatcher: it rebuilds projections whose version changed, then follows the log until `stop()`. */
export async function startDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
  const dispatcher = new Dispatcher(options);
  await dispatcher.start();
  return dispatcher;
}
