// One behavioural suite, two stores: the SQLite read models of the embedded runner and
// the Redis read models of the BullMQ workers must agree on every rule.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe('SqliteReadModels over a file from before rows had an index', () => {
  it('drops the old documents and every checkpoint, so each read model is rebuilt from the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
    try {
      const path = join(dir, 'readmodels.db');
      const old = new Database(path);
      old.exec(`
        CREATE TABLE documents (projection TEXT NOT NULL, key TEXT NOT NULL, doc TEXT NOT NULL, UNIQUE (projection, key));
        CREATE TABLE checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL, version INTEGER NOT NULL, status TEXT NOT NULL, last_error TEXT, updated_at TEXT NOT NULL);
        INSERT INTO documents VALUES ('duplication', 'activity:a', '{}');
        INSERT INTO checkpoints VALUES ('duplication', 41, 1, 'running', NULL, '2026-01-01T00:00:00Z');`);
      old.close();
      const store = new SqliteReadModels(path);
      expect(await store.checkpoint('duplication')).toBeUndefined();
      expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'documents'").get()).toBeUndefined();
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteReadModels checkpoints, kept between reads', () => {
  const commit = (from: number, to: number) => ({ fromPosition: from, toPosition: to, version: 1, rows: { 'a': { row: { n: to }, index: [] } } });

  it('sees another connection move a checkpoint at its next look, and its own writes at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
    const path = join(dir, 'readmodels.db');
    const server = new SqliteReadModels(path);
    const rebuilder = new SqliteReadModels(path);
    try {
      expect(await server.checkpoint('calendar')).toBeUndefined();
      expect(await rebuilder.commit('calendar', commit(0, 5))).toBe(true);
      // Another connection's commit: seen once the run of calls that looked before it is over.
      expect((await server.checkpoint('calendar'))?.position).toBe(5);
      expect(await server.commit('calendar', commit(5, 9))).toBe(true);
      expect((await server.checkpoint('calendar'))?.position).toBe(9);
      await server.setStatus('calendar', 'parked', 'stopped by hand');
      expect((await server.checkpoint('calendar'))?.status).toBe('parked');
      expect((await rebuilder.checkpoint('calendar'))?.status).toBe('parked');
      await rebuilder.drop('calendar');
      expect(await server.checkpoint('calendar')).toBeUndefined();
      expect(await rebuilder.commit('calendar-next', commit(0, 12))).toBe(true);
      await rebuilder.swap('calendar-next', 'calendar');
      expect((await server.checkpoint('calendar'))?.position).toBe(12);
    } finally {
      await server.close();
      await rebuilder.close();
      rmSync(dir, { recursive: true, force: true });
    }
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
