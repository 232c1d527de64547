// A lease in Redis, so that of several `ledger worker` processes only one dispatches at a
// time and the others stand by. It is an efficiency measure, not a safety one: two
// dispatchers at once (a lease lost during a long pause) only queue batches twice, and
// the checkpoint compare-and-set still applies each event once.

import type { Redis } from 'ioredis';

const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

interface LeaseScripts {
  ledgerLeaseRenew(key: string, token: string, ttlMs: number): Promise<number>;
  ledgerLeaseRelease(key: string, token: string): Promise<number>;
}

export class Lease {
  private readonly redis: Redis & LeaseScripts;

  constructor(
    redis: Redis,
    readonly key: string,
    readonly token: string,
    readonly ttlMs: number,
  ) {
    redis.defineCommand('ledgerLeaseRenew', { numberOfKeys: 1, lua: RENEW });
    redis.defineCommand('ledgerLeaseRelease', { numberOfKeys: 1, lua: RELEASE });
    this.redis = redis as Redis & LeaseScripts;
  }

  /** True if this holder has the lease now (taken, or still held). */
  async acquire(): Promise<boolean> {
    if ((await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX')) === 'OK') return true;
    return this.renew();
  }

  /** True while this holder still has it. */
  async renew(): Promise<boolean> {
    return (await this.redis.ledgerLeaseRenew(this.key, this.token, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.redis.ledgerLeaseRelease(this.key, this.token);
  }

  /** Who holds it, if anyone. */
  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }
}
