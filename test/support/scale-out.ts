// The environment of scale-out nodes for a test: `ledger serve` with STORE=postgres over a
// schema (or database) of the test's own, PROJECTIONS=workers over a Redis prefix of its
// own, and the two keys every node shares. `close()` deletes the prefix's keys in Redis.

import { cleanUp, redisMissing, redisUrl, testPrefix } from '../workers/redis.js';
import { sharedKeys } from './shared-keys.js';

export interface ScaleOutEnvironment {
  env: Record<string, string>;
  prefix: string;
  close(): Promise<void>;
}

export function scaleOutEnvironment(databaseUrl: string): ScaleOutEnvironment {
  const prefix = testPrefix();
  return {
    env: { STORE: 'postgres', DATABASE_URL: databaseUrl, PROJECTIONS: 'workers', REDIS_URL: redisUrl, REDIS_PREFIX: prefix, ...sharedKeys() },
    prefix,
    close: () => (redisMissing ? Promise.resolve() : cleanUp(prefix)),
  };
}
