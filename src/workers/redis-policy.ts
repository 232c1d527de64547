// BullMQ keeps its jobs in Redis: a Redis that evicts keys under memory pressure
// silently loses jobs (and, here, read-model documents). It must run with
// maxmemory-policy noeviction. We check at start and say so; managed Redis often
// forbids CONFIG, and then we say that it could not be checked.

import type { Redis } from 'ioredis';

export type EvictionPolicyCheck =
  | { status: 'ok'; policy: 'noeviction' }
  | { status: 'wrong'; policy: string }
  | { status: 'unknown'; reason: string };

export const NOEVICTION_FIX =
  'run `redis-cli config set maxmemory-policy noeviction` (and set `maxmemory-policy noeviction` in redis.conf so it survives a restart), ' +
  'or start Redis with `--maxmemory-policy noeviction` as docker-compose.yml does';

export async function checkEvictionPolicy(redis: Redis): Promise<EvictionPolicyCheck> {
  let reply: unknown;
  try {
    reply = await redis.config('GET', 'maxmemory-policy');
  } catch (error) {
    // ACLs (NOPERM) or a renamed/disabled CONFIG command, as managed services do.
    return { status: 'unknown', reason: error instanceof Error ? error.message : String(error) };
  }
  const policy = Array.isArray(reply) && typeof reply[1] === 'string' ? reply[1] : undefined;
  if (policy === undefined) return { status: 'unknown', reason: 'CONFIG GET maxmemory-policy gave no value' };
  return policy === 'noeviction' ? { status: 'ok', policy } : { status: 'wrong', policy };
}

/** One line for the operator: what was found and, when it is wrong, how to fix it. */
export function describeEvictionPolicy(check: EvictionPolicyCheck): { level: 'info' | 'warn'; message: string } {
  switch (check.status) {
    case 'ok':
      return { level: 'info', message: 'Redis maxmemory-policy is noeviction, as BullMQ needs' };
    case 'wrong':
      return {
        level: 'warn',
        message: `Redis maxmemory-policy is ${check.policy}, not noeviction: under memory pressure Redis will delete queued jobs and read-model documents. To fix it, ${NOEVICTION_FIX}`,
      };
    case 'unknown':
      return {
        level: 'warn',
        message: `could not check Redis maxmemory-policy (${check.reason}); it must be noeviction, so check your Redis service's settings (managed services set it in their console)`,
      };
  }
}
