// When BullMQ workers keep the read models (PROJECTIONS=workers), the server watches Redis:
// a ping for readiness and the queues' depths for the metrics. Its own connection, which
// fails a command at once while Redis is away rather than queuing it, so a probe is told.

import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullConnection, bullPrefix, queueName } from '../workers/queues.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

export interface RedisWatch {
  ping(): Promise<string>;
  queueDepths(): Promise<Array<{ queue: string; state: string; count: number }>>;
  close(): Promise<void>;
}

export function watchRedis(url: string, prefix: string, projections: readonly string[]): RedisWatch {
  const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: (times) => Math.min(times * 200, 2_000) });
  redis.on('error', () => undefined); // reported by the probe, not as an unhandled event
  let queues: Queue[] | undefined;
  return {
    ping: () => redis.ping(),
    async queueDepths() {
      queues ??= projections.map((p) => new Queue(queueName(p), { connection: bullConnection({ url }), prefix: bullPrefix(prefix) }));
      const counts = await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts(...STATES)] as const));
      return counts.flatMap(([queue, byState]) => STATES.map((state) => ({ queue, state, count: byState[state] ?? 0 })));
    },
    async close() {
      await Promise.all((queues ?? []).map((q) => q.close()));
      redis.disconnect();
    },
  };
}
