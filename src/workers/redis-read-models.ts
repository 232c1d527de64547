// Read models in Redis, for BullMQ workers on any machine. The same semantics as
// SqliteReadModels: per projection, one hash of JSON documents and one hash for the
// checkpoint; a commit is one Lua script, so documents and checkpoint move together
// or, when the checkpoint is not where the commit starts, nothing is written.
//
//   <prefix>:rm:<projection>:docs        field = document key, value = JSON
//   <prefix>:rm:<projection>:checkpoint  position, version, status, lastError, updatedAt
//
// Key names differ in their last segment, so no projection name can reach another's keys.

import { Redis } from 'ioredis';
import type { Documents } from '../projections/projection.js';
import type { Checkpoint, Commit, ProjectionStatus, ReadModelStore } from '../projections/read-model-store.js';

export const DEFAULT_PREFIX = 'ledger';

/** Fields per HSET / HDEL inside the scripts: Lua's unpack has a stack limit of a few thousand values. */
const CHUNK = 1000;

const COMMIT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'position') or '0')
if current ~= tonumber(ARGV[1]) then return 0 end
local last = 5 + 2 * tonumber(ARGV[5])
local i = 6
while i <= last do
  local j = math.min(i + ${CHUNK} * 2 - 1, last)
  redis.call('HSET', KEYS[2], unpack(ARGV, i, j))
  i = j + 1
end
while i <= #ARGV do
  local j = math.min(i + ${CHUNK} - 1, #ARGV)
  redis.call('HDEL', KEYS[2], unpack(ARGV, i, j))
  i = j + 1
end
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'status', 'running') end
redis.call('HSET', KEYS[1], 'position', ARGV[2], 'version', ARGV[3], 'updatedAt', ARGV[4])
return 1`;

const SET_STATUS = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'position', '0', 'version', '0') end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updatedAt', ARGV[2])
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'lastError', ARGV[4]) else redis.call('HDEL', KEYS[1], 'lastError') end
return 1`;

// One script, so a list is a snapshot: no commit lands between its pages.
const LIST = `
local out = {}
local cursor = '0'
repeat
  local page = redis.call('HSCAN', KEYS[1], cursor, 'MATCH', ARGV[1], 'COUNT', ${CHUNK})
  cursor = page[1]
  for i = 1, #page[2] do out[#out + 1] = page[2][i] end
until cursor == '0'
return out`;

// KEYS: rebuilt docs, rebuilt checkpoint, live docs, live checkpoint.
const SWAP = `
redis.call('DEL', KEYS[3], KEYS[4])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[3]) end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('RENAME', KEYS[2], KEYS[4]) end
return 1`;

type Arg = string | number;

interface ReadModelScripts {
  /** Arguments go in one array (ioredis flattens it): a spread of a large batch would overflow the call stack. */
  ledgerReadModelCommit(checkpoint: string, docs: string, args: Arg[]): Promise<number>;
  ledgerReadModelSetStatus(checkpoint: string, args: Arg[]): Promise<number>;
  ledgerReadModelList(docs: string, pattern: string): Promise<string[]>;
  ledgerReadModelSwap(rebuiltDocs: string, rebuiltCheckpoint: string, liveDocs: string, liveCheckpoint: string): Promise<number>;
}

export interface RedisReadModelsOptions {
  /** Every key starts with `<prefix>:`; tests use a fresh one each (`ledger-test-<ulid>`). Default 'ledger'. */
  prefix?: string;
}

/** Escape Redis glob metacharacters so a pattern matches them literally. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Compare as SQLite's BINARY collation does: by UTF-8 bytes. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** A connection for read models and workers: commands wait for Redis to come back rather than fail. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

export class RedisReadModels implements ReadModelStore {
  readonly prefix: string;
  private readonly redis: Redis & ReadModelScripts;

  /** `redis` stays the caller's: close() does not quit it. Use `RedisReadModels.open` to own one. */
  constructor(
    redis: Redis,
    options: RedisReadModelsOptions = {},
    private readonly ownsConnection = false,
  ) {
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    redis.defineCommand('ledgerReadModelCommit', { numberOfKeys: 2, lua: COMMIT });
    redis.defineCommand('ledgerReadModelSetStatus', { numberOfKeys: 1, lua: SET_STATUS });
    redis.defineCommand('ledgerReadModelList', { numberOfKeys: 1, lua: LIST });
    redis.defineCommand('ledgerReadModelSwap', { numberOfKeys: 4, lua: SWAP });
    this.redis = redis as Redis & ReadModelScripts;
  }

  static open(url: string, options: RedisReadModelsOptions = {}): RedisReadModels {
    return new RedisReadModels(connectRedis(url), options, true);
  }

  docsKey(projection: string): string {
    return `${this.prefix}:rm:${projection}:docs`;
  }

  checkpointKey(projection: string): string {
    return `${this.prefix}:rm:${projection}:checkpoint`;
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    const fields = await this.redis.hgetall(this.checkpointKey(projection));
    if (fields.position === undefined) return undefined;
    return {
      position: Number(fields.position),
      version: Number(fields.version ?? 0),
      status: (fields.status ?? 'running') as ProjectionStatus,
      lastError: fields.lastError ?? null,
      updatedAt: fields.updatedAt ?? '',
    };
  }

  async load(projection: string, keys: readonly string[]): Promise<Documents<unknown>> {
    const documents: Documents<unknown> = {};
    if (keys.length === 0) return documents;
    // One array argument: a spread of many keys would overflow the call stack.
    const values = (await this.redis.call('HMGET', [this.docsKey(projection), ...keys])) as Array<string | null>;
    keys.forEach((key, i) => {
      const value = values[i];
      documents[key] = value === null || value === undefined ? undefined : (JSON.parse(value) as unknown);
    });
    return documents;
  }

  async commit(projection: string, commit: Commit): Promise<boolean> {
    const entries = Object.entries(commit.documents);
    const puts = entries.filter(([, doc]) => doc !== undefined);
    const args: Arg[] = [commit.fromPosition, commit.toPosition, commit.version, new Date().toISOString(), puts.length];
    for (const [key, doc] of puts) args.push(key, JSON.stringify(doc));
    for (const [key, doc] of entries) if (doc === undefined) args.push(key);
    return (await this.redis.ledgerReadModelCommit(this.checkpointKey(projection), this.docsKey(projection), args)) === 1;
  }

  async list(projection: string, prefix: string): Promise<Array<[string, unknown]>> {
    const flat = await this.redis.ledgerReadModelList(this.docsKey(projection), `${escapeGlob(prefix)}*`);
    // A hash being rehashed may yield a field twice; the map keeps one.
    const found = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) found.set(flat[i] as string, flat[i + 1] as string);
    return [...found.keys()].sort(byUtf8).map((key) => [key, JSON.parse(found.get(key) as string) as unknown]);
  }

  async setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void> {
    const args = [status, new Date().toISOString(), lastError === null ? '0' : '1', lastError ?? ''];
    await this.redis.ledgerReadModelSetStatus(this.checkpointKey(projection), args);
  }

  async drop(projection: string): Promise<void> {
    await this.redis.del(this.docsKey(projection), this.checkpointKey(projection));
  }

  async swap(rebuilt: string, live: string): Promise<void> {
    await this.redis.ledgerReadModelSwap(this.docsKey(rebuilt), this.checkpointKey(rebuilt), this.docsKey(live), this.checkpointKey(live));
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.redis.quit();
  }
}

/** Delete every key under `<prefix>:` (read models and queues alike): test cleanup, or wiping a deployment's Redis. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
