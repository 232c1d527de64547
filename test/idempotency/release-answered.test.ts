// A claim whose key has a receipt is given back after the answer, not before it
// (IdempotencyKeys.releaseAnswered): what a retry gets must not change while it is still held.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { IdempotencyKeys } from '../../src/idempotency/keys.js';
import { SqliteClaimStore } from '../../src/idempotency/sqlite/claim-store.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvent } from '../contract/event-store.contract.js';

let dir: string;
let serverDb: Database.Database;
let store: SqliteEventStore;
let claims: SqliteClaimStore;
let keys: IdempotencyKeys;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-release-'));
  serverDb = openServerDb(dir);
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  claims = new SqliteClaimStore(serverDb, 'this');
  keys = new IdempotencyKeys(claims, store, { waitMs: 0 });
});

afterEach(async () => {
  keys.close();
  await claims.close();
  await store.close();
  serverDb.close();
  rmSync(dir, { recursive: true, force: true });
});

const scope = 'credential-1';
const hash = 'hash-of-the-request';
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function appendKeyed(key: string) {
  const event = newEvent({ note: key });
  const result = await store.append(`stream-${key}`, [event], {
    receipt: { scope, key, requestHash: hash, answer: (r) => ({ status: 201, body: { position: r.position } }) },
  });
  return result.position;
}

describe('giving back claims answered by a receipt', () => {
  it('replays the receipt to a retry while the claim is still held, and gives the claim back within two turns', async () => {
    expect(await keys.claim(scope, 'k1', hash)).toEqual({ kind: 'claimed' });
    const position = await appendKeyed('k1');

    keys.releaseAnswered(scope, 'k1');
    expect(await claims.find(scope, 'k1')).toMatchObject({ answer: null, owner: 'this' });
    expect(await keys.claim(scope, 'k1', hash)).toEqual({ kind: 'replay', response: { status: 201, body: { position } } });
    expect(await keys.claim(scope, 'k1', 'another request')).toEqual({ kind: 'mismatch' });
    await turns(2);

    expect(await claims.find(scope, 'k1')).toBeUndefined();
  });

  it('gives back every claim answered in one turn together, and only those', async () => {
    const answered = ['k2', 'k3', 'k4'];
    for (const key of [...answered, 'k5']) await keys.claim(scope, key, hash);
    for (const key of answered) await appendKeyed(key);

    for (const key of answered) keys.releaseAnswered(scope, key);
    await turns(2);

    for (const key of answered) expect(await claims.find(scope, key)).toBeUndefined();
    expect(await claims.find(scope, 'k5')).toMatchObject({ answer: null, owner: 'this' });
  });

  it('gives back the claims answered in its last turn when it closes', async () => {
    await keys.claim(scope, 'k6', hash);
    await appendKeyed('k6');

    keys.releaseAnswered(scope, 'k6');
    keys.close();
    await claims.close();

    expect(await claims.find(scope, 'k6')).toBeUndefined();
  });
});
