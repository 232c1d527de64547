// Tests that need Redis. Without one they are skipped, loudly; with REQUIRE_REDIS=1 (CI)
// an unreachable Redis fails the suite instead, so a CI run can never pass without them.
//
//   docker compose up -d redis        (or any Redis 7 with maxmemory-policy noeviction)
//   REDIS_URL=redis://127.0.0.1:6379 npx vitest run test/workers

import { Redis } from 'ioredis';
import { ulid } from 'ulid';
import { deleteKeysUnder } from '../../src/workers/redis-read-models.js';
import { service } from '../support/service.js';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<string | undefined> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  let cause: Error | undefined;
  redis.on('error', (error: Error) => (cause ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    // The socket's error (ECONNREFUSED...) says more than "Connection is closed".
    return (cause ?? (error as Error)).message;
  } finally {
    redis.disconnect();
  }
}

const unreachable = await probe();
/** Why Redis cannot be used here (undefined when it can): for callers that decide themselves how to skip. */
export const redisMissing: string | undefined = unreachable && `no Redis at ${redisUrl} (${unreachable})`;
const redis = service({
  name: 'Redis',
  requiredBy: 'REQUIRE_REDIS',
  missing: unreachable && `no Redis at ${redisUrl} (${unreachable})`,
  howToRun: 'start one with `docker compose up -d redis` or set REDIS_URL',
});

/** A describe block that needs Redis: skipped with a visible reason without one, failed when REQUIRE_REDIS=1. */
export const describeWithRedis = (name: string, body: () => void): void => redis.describe(name, body);

/** A key prefix no other test run shares. */
export function testPrefix(): string {
  return `ledger-test-${ulid()}`;
}

/** Delete every key a test wrote under its prefix. */
export async function cleanUp(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    await deleteKeysUnder(redis, prefix);
  } finally {
    await redis.quit();
  }
}
