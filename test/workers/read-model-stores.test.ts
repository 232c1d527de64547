// One behavioural suite, two stores: the SQLite read models of the embedded runner and
// the Redis read models of the BullMQ workers must agree on every rule.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { SqliteReadModels } from '../../src/projections/sqlite/sqlite-read-models.js';
import { RedisReadModels } from '../../src/workers/redis-read-models.js';
import { readModelStoreContract } from './read-model-store.contract.js';
import { cleanUp, describeWithRedis, redisUrl, testPrefix } from './redis.js';

describe('SqliteReadModels', () => {
  readModelStoreContract(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
    const store = new SqliteReadModels(join(dir, 'read-models.db'));
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
});

describeWithRedis('RedisReadModels', () => {
  readModelStoreContract(async () => {
    const prefix = testPrefix();
    const store = RedisReadModels.open(redisUrl, { prefix });
    return {
      store,
      async cleanup() {
        await store.close();
        await cleanUp(prefix);
      },
    };
  });
});
