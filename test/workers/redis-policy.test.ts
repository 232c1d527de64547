// The start-up check of Redis's eviction policy: BullMQ loses jobs under any policy but noeviction.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { checkEvictionPolicy, describeEvictionPolicy } from '../../src/workers/redis-policy.js';
import { connectRedis } from '../../src/workers/redis-read-models.js';
import { redisServer, startOwnRedis } from '../support/own-redis.js';

const answering = (reply: () => Promise<unknown>) => ({ config: reply }) as unknown as Redis;

describe('checking the eviction policy', () => {
  it('accepts noeviction', async () => {
    const check = await checkEvictionPolicy(answering(async () => ['maxmemory-policy', 'noeviction']));
    expect(check).toEqual({ status: 'ok', policy: 'noeviction' });
    expect(describeEvictionPolicy(check).level).toBe('info');
  });

  it('warns about any other policy, naming the fix', async () => {
    const check = await checkEvictionPolicy(answering(async () => ['maxmemory-policy', 'allkeys-lru']));
    expect(check).toEqual({ status: 'wrong', policy: 'allkeys-lru' });
    const { level, message } = describeEvictionPolicy(check);
    expect(level).toBe('warn');
    expect(message).toContain('maxmemory-policy is allkeys-lru, not noeviction');
    expect(message).toContain('redis-cli config set maxmemory-policy noeviction');
    expect(message).toContain('--maxmemory-policy noeviction');
  });

  it('says it could not check when CONFIG is not allowed, as on managed Redis', async () => {
    const check = await checkEvictionPolicy(
      answering(async () => {
        throw new Error("NOPERM this user has no permissions to run the 'config|get' command");
      }),
    );
    expect(check.status).toBe('unknown');
    const { level, message } = describeEvictionPolicy(check);
    expect(level).toBe('warn');
    expect(message).toMatch(/^could not check Redis maxmemory-policy \(NOPERM/);
    expect(message).toContain('must be noeviction');
  });

  it('says it could not check when CONFIG GET answers nothing', async () => {
    expect((await checkEvictionPolicy(answering(async () => []))).status).toBe('unknown');
  });
});

redisServer.describe('the eviction policy of a real Redis', () => {
  it('is reported as the server has it: noeviction is ok, another policy set on the server is wrong, by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-redis-policy-'));
    const server = await startOwnRedis(dir, false);
    const redis = connectRedis(server.url);
    try {
      expect(await checkEvictionPolicy(redis)).toEqual({ status: 'ok', policy: 'noeviction' });

      await redis.config('SET', 'maxmemory-policy', 'volatile-lru');

      expect(await checkEvictionPolicy(redis)).toEqual({ status: 'wrong', policy: 'volatile-lru' });
    } finally {
      await redis.quit();
      await server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
