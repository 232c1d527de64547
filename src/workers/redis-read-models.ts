// Read models in Redis, for BullMQ workers on any machine. The same contract as SqliteReadModels:
// per projection, a hash of rows, a hash of each row's index entries, one sorted set of all its
// entries in index order, and each term's row count (with a sorted set of the terms in use).
// A commit is one Lua script, so rows, index and checkpoint move together or, when the
// checkpoint is not where the commit starts, nothing is written.
//
//   <prefix>:rm:<projection>:rows        field = key, value = row JSON
//   <prefix>:rm:<projection>:entries     field = key, value = JSON [[term, sort], ...]
//   <prefix>:rm:<projection>:index       sorted set, all scores 0, members "term\0sort\0key":
//                                        ZRANGE BYLEX reads a term's rows in (sort, key) order,
//                                        byte for byte the order SQLite's primary key keeps
//   <prefix>:rm:<projection>:counts      field = term, value = rows under it
//   <prefix>:rm:<projection>:terms       sorted set of the terms with a row, by name
//   <prefix>:rm:<projection>:checkpoint  position, version, status, lastError, updatedAt
//
// Key names differ in their last segment, so no projection name can reach another's keys.

import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Documents } from '../projections/projection.js';
import type { Checkpoint, Commit, IndexedRow, ProjectionStatus, ReadModelStore, ScanRange } from '../projections/read-model-store.js';

export const DEFAULT_PREFIX = 'ledger';

/** Above every sort value, term and key (see the SQLite adapter). */
const HIGHEST = '\u{10FFFF}';

/** Fields per HSCAN step of a list. */
const CHUNK = 1000;

// KEYS: checkpoint, rows, entries, index, counts, terms.
// ARGV: from, to, version, now, then per row: key, '1' (put) or '0' (remove), row JSON, entries JSON.
const COMMIT = `
local current = tonumber(redis.call('HGET', KEYS[1], 'position') or '0')
if current ~= tonumber(ARGV[1]) then return 0 end
local function members(key, json)
  local set = {}
  if json then for _, e in ipairs(cjson.decode(json)) do set[e[1] .. '\\0' .. e[2] .. '\\0' .. key] = e[1] end end
  return set
end
for i = 5, #ARGV, 4 do
  local key, put, row, entries = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local before = redis.call('HGET', KEYS[3], key)
  if put == '1' then
    redis.call('HSET', KEYS[2], key, row)
    redis.call('HSET', KEYS[3], key, entries)
  else
    entries = false
    redis.call('HDEL', KEYS[2], key)
    redis.call('HDEL', KEYS[3], key)
  end
  if before ~= entries then
    local old, now = members(key, before), members(key, entries)
    for member, term in pairs(old) do
      if not now[member] and redis.call('ZREM', KEYS[4], member) == 1 then
        if redis.call('HINCRBY', KEYS[5], term, -1) <= 0 then
          redis.call('HDEL', KEYS[5], term)
          redis.call('ZREM', KEYS[6], term)
        end
      end
    end
    for member, term in pairs(now) do
      if not old[member] and redis.call('ZADD', KEYS[4], 0, member) == 1 then
        if redis.call('HINCRBY', KEYS[5], term, 1) == 1 then redis.call('ZADD', KEYS[6], 0, term) end
      end
    end
  end
end
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'status', 'running') end
redis.call('HSET', KEYS[1], 'position', ARGV[2], 'version', ARGV[3], 'updatedAt', ARGV[4])
return 1`;

const SET_STATUS = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('HSET', KEYS[1], 'position', '0', 'version', '0') end
redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updatedAt', ARGV[2])
if ARGV[3] == '1' then redis.call('HSET', KEYS[1], 'lastError', ARGV[4]) else redis.call('HDEL', KEYS[1], 'lastError') end
return 1`;

// One script, so the entries and their rows are one snapshot. KEYS: index, rows. ARGV: min, max, limit, '1' for reverse.
const SCAN = `
local members
if ARGV[4] == '1' then
  members = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[1], 'BYLEX', 'REV', 'LIMIT', 0, ARGV[3])
else
  members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2], 'BYLEX', 'LIMIT', 0, ARGV[3])
end
local out = {}
for _, member in ipairs(members) do
  local key = string.match(member, '^[^%z]*%z[^%z]*%z(.*)$')
  out[#out + 1] = member
  out[#out + 1] = redis.call('HGET', KEYS[2], key) or ''
end
return out`;

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

// KEYS: the rebuilt copy's six keys, then the live copy's six, in the same order.
const SWAP = `
for i = 7, 12 do redis.call('DEL', KEYS[i]) end
for i = 1, 6 do if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('RENAME', KEYS[i], KEYS[i + 6]) end end
return 1`;

type Arg = string | number;

interface ReadModelScripts {
  /** Arguments go in one array (ioredis flattens it): a spread of a large batch would overflow the call stack. */
  ledgerRowsCommit(...keysThenArgs: [string, string, string, string, string, string, Arg[]]): Promise<number>;
  ledgerRowsSetStatus(checkpoint: string, args: Arg[]): Promise<number>;
  ledgerRowsScan(index: string, rows: string, args: Arg[]): Promise<string[]>;
  ledgerRowsList(rows: string, pattern: string): Promise<string[]>;
  ledgerRowsSwap(...keys: string[]): Promise<number>;
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

const parts = ['checkpoint', 'rows', 'entries', 'index', 'counts', 'terms'] as const;

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
    redis.defineCommand('ledgerRowsCommit', { numberOfKeys: 6, lua: COMMIT });
    redis.defineCommand('ledgerRowsSetStatus', { numberOfKeys: 1, lua: SET_STATUS });
    redis.defineCommand('ledgerRowsScan', { numberOfKeys: 2, lua: SCAN });
    redis.defineCommand('ledgerRowsList', { numberOfKeys: 1, lua: LIST });
    redis.defineCommand('ledgerRowsSwap', { numberOfKeys: 12, lua: SWAP });
    this.redis = redis as Redis & ReadModelScripts;
  }

  static open(url: string, options: RedisReadModelsOptions = {}): RedisReadModels {
    return new RedisReadModels(connectRedis(url), options, true);
  }

  /** The Redis key of one part of a projection's read model. */
  key(projection: string, part: (typeof parts)[number]): string {
    return `${this.prefix}:rm:${projection}:${part}`;
  }

  private keys(projection: string): string[] {
    return parts.map((part) => this.key(projection, part));
  }

  async checkpoint(projection: string): Promise<Checkpoint | undefined> {
    const fields = await this.redis.hgetall(this.key(projection, 'checkpoint'));
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
    const values = (await this.redis.call('HMGET', [this.key(projection, 'rows'), ...keys])) as Array<string | null>;
    keys.forEach((key, i) => {
      const value = values[i];
      documents[key] = value === null || value === undefined ? undefined : (JSON.parse(value) as unknown);
    });
    return documents;
  }

  async commit(projection: string, commit: Commit): Promise<boolean> {
    const args: Arg[] = [commit.fromPosition, commit.toPosition, commit.version, new Date().toISOString()];
    for (const [key, write] of Object.entries(commit.rows)) {
      if (write === undefined) args.push(key, '0', '', '');
      else args.push(key, '1', JSON.stringify(write.row), JSON.stringify(write.index));
    }
    const [checkpoint, rows, entries, index, counts, terms] = this.keys(projection) as [string, string, string, string, string, string];
    return (await this.redis.ledgerRowsCommit(checkpoint, rows, entries, index, counts, terms, args)) === 1;
  }

  async list(projection: string, prefix: string): Promise<Array<[string, unknown]>> {
    const flat = await this.redis.ledgerRowsList(this.key(projection, 'rows'), `${escapeGlob(prefix)}*`);
    // A hash being rehashed may yield a field twice; the map keeps one.
    const found = new Map<string, string>();
    for (let i = 0; i + 1 < flat.length; i += 2) found.set(flat[i] as string, flat[i + 1] as string);
    return [...found.keys()].sort(byUtf8).map((key) => [key, JSON.parse(found.get(key) as string) as unknown]);
  }

  async scan(projection: string, term: string, range: ScanRange): Promise<IndexedRow[]> {
    const { start, from, to, reverse = false } = range;
    // Members are "term\0sort\0key"; bounds in Redis' lex syntax ("[" inclusive, "(" exclusive).
    const lowest = from === undefined ? `[${term}\0` : `[${term}\0${from}`;
    const highest = to === undefined ? `(${term}\u0001` : `(${term}\0${to}\u0001`;
    const at = start && `${start.inclusive ? '[' : '('}${term}\0${start.sort}\0${start.key}`;
    const tighter = (a: string, b: string, pick: 1 | -1): string => (byUtf8(a.slice(1), b.slice(1)) * pick >= 0 ? a : b);
    const min = reverse || at === undefined ? lowest : tighter(at, lowest, 1);
    const max = !reverse || at === undefined ? highest : tighter(at, highest, -1);
    if (byUtf8(min.slice(1), max.slice(1)) > 0) return [];
    const flat = await this.redis.ledgerRowsScan(this.key(projection, 'index'), this.key(projection, 'rows'), [min, max, range.limit, reverse ? '1' : '0']);
    const found: IndexedRow[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [, sort, key] = (flat[i] as string).split('\0') as [string, string, string];
      const json = flat[i + 1] as string;
      if (json !== '') found.push({ key, sort, row: JSON.parse(json) as unknown });
    }
    return found;
  }

  async count(projection: string, terms: readonly string[]): Promise<number[]> {
    if (terms.length === 0) return [];
    const values = (await this.redis.call('HMGET', [this.key(projection, 'counts'), ...terms])) as Array<string | null>;
    return values.map((v) => (v === null ? 0 : Number(v)));
  }

  async terms(projection: string, prefix: string, range: { after?: string; limit: number }): Promise<string[]> {
    const min = range.after !== undefined && byUtf8(range.after, prefix) >= 0 ? `(${range.after}` : `[${prefix}`;
    return this.redis.zrangebylex(this.key(projection, 'terms'), min, `(${prefix}${HIGHEST}`, 'LIMIT', 0, range.limit);
  }

  async setStatus(projection: string, status: ProjectionStatus, lastError: string | null): Promise<void> {
    const args = [status, new Date().toISOString(), lastError === null ? '0' : '1', lastError ?? ''];
    await this.redis.ledgerRowsSetStatus(this.key(projection, 'checkpoint'), args);
  }

  async drop(projection: string): Promise<void> {
    await this.redis.del(...this.keys(projection));
  }

  async swap(rebuilt: string, live: string): Promise<void> {
    await this.redis.ledgerRowsSwap(...this.keys(rebuilt), ...this.keys(live));
  }

  async cursorKey(): Promise<Buffer> {
    const key = `${this.prefix}:rm:cursor-key`;
    await this.redis.set(key, randomBytes(32).toString('hex'), 'NX');
    return Buffer.from((await this.redis.get(key)) as string, 'hex');
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
