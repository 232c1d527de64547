// What a retry finds after the server died in the middle of a keyed write, state by state,
// on the real files (server.db for claims, ledger.db for the events and their receipts).
// A "process" here is an IdempotencyKeys with its own boot id; a dead one simply never
// finishes what it started. The crash test (crash-cycles.test.ts) reaches the same states
// with kill -9; this file pins each one down.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdempotencyKeys } from '../../src/idempotency/keys.js';
import { openServerDb } from '../../src/api/server-db.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvent } from '../contract/event-store.contract.js';

let dir: string;
let serverDb: Database.Database;
let store: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-claims-'));
  serverDb = openServerDb(dir);
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
});

afterEach(async () => {
  await store.close();
  serverDb.close();
  rmSync(dir, { recursive: true, force: true });
});

const scope = 'credential-1';
const hash = 'hash-of-the-request';
const processNamed = (bootId: string) => new IdempotencyKeys(serverDb, store, { bootId });

/** The append a keyed request makes, with its receipt, as the command route makes it. */
async function appendKeyed(key: string) {
  const event = newEvent({ note: key });
  const result = await store.append(`stream-${key}`, [event], {
    receipt: { scope, key, requestHash: hash, answer: (r) => ({ status: 201, body: { events: [{ id: event.id }], position: r.position } }) },
  });
  return { eventId: event.id, position: result.position };
}

describe('a retry after the server died during a keyed write', () => {
  it('gets the original answer when the server died after the append committed, before it answered', async () => {
    const dead = processNamed('dead');
    expect(await dead.claim(scope, 'k1', hash)).toEqual({ kind: 'claimed' });
    const { eventId, position } = await appendKeyed('k1');
    // ...and the process dies here: its claim is never released, the client never answered.

    const claim = await processNamed('restarted').claim(scope, 'k1', hash);

    expect(claim).toEqual({ kind: 'replay', response: { status: 201, body: { events: [{ id: eventId }], position } } });
  });

  it('runs again when the server died before the append committed', async () => {
    await processNamed('dead').claim(scope, 'k2', hash);

    const restarted = processNamed('restarted');

    expect(await restarted.claim(scope, 'k2', hash)).toEqual({ kind: 'claimed' });
    // Now it is the restarted process's claim: a concurrent copy of the retry waits its turn.
    expect(await restarted.claim(scope, 'k2', hash)).toEqual({ kind: 'in_progress' });
  });

  it('lets one of two retries racing for a claim left behind take it over', async () => {
    await processNamed('dead').claim(scope, 'k3', hash);
    const restarted = processNamed('restarted');

    const claims = await Promise.all([restarted.claim(scope, 'k3', hash), restarted.claim(scope, 'k3', hash), restarted.claim(scope, 'k3', hash)]);

    expect(claims.map((c) => c.kind).sort()).toEqual(['claimed', 'in_progress', 'in_progress']);
  });

  it('takes over a claim made before claims named their process', async () => {
    serverDb.prepare('CREATE TABLE IF NOT EXISTS idempotency_keys (credential_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, status INTEGER, body TEXT, created_at TEXT NOT NULL, PRIMARY KEY (credential_id, key))').run();
    serverDb.prepare("INSERT INTO idempotency_keys (credential_id, key, request_hash, created_at) VALUES (?, 'k4', ?, '2026-01-01T00:00:00Z')").run(scope, hash);

    expect(await processNamed('restarted').claim(scope, 'k4', hash)).toEqual({ kind: 'claimed' });
  });

  it('refuses the key for another request, whether its answer is in the store or its claim was left behind', async () => {
    await processNamed('dead').claim(scope, 'k5', hash);
    await appendKeyed('k5');
    await processNamed('dead').claim(scope, 'k6', hash);

    const restarted = processNamed('restarted');

    expect(await restarted.claim(scope, 'k5', 'another request')).toEqual({ kind: 'mismatch' });
    expect(await restarted.claim(scope, 'k6', 'another request')).toEqual({ kind: 'mismatch' });
  });

  it('gets the first answer when two live servers on one DATA_DIR both ran the request: the store kept one append for the key', async () => {
    const first = processNamed('first');
    const second = processNamed('second');
    expect(await first.claim(scope, 'k7', hash)).toEqual({ kind: 'claimed' });
    // The second server sees a claim by another process and, finding no receipt yet, takes it over.
    expect(await second.claim(scope, 'k7', hash)).toEqual({ kind: 'claimed' });

    const kept = await appendKeyed('k7');
    const again = await appendKeyed('k7').catch((error: unknown) => error);

    expect(again).toMatchObject({ code: 'RECEIPT_ALREADY_KEPT', receipt: { key: 'k7', body: { position: kept.position } } });
    expect(await store.readStream('stream-k7')).toHaveLength(1);
  });

  it('gives its claim back when the store cannot be asked for a receipt, so a retry is not told the key is in use', async () => {
    const closed = openSqliteEventStore({ path: join(dir, 'ledger.db') });
    await closed.close();

    await expect(new IdempotencyKeys(serverDb, closed, { bootId: 'this' }).claim(scope, 'k9', hash)).rejects.toMatchObject({ code: 'STORE_CLOSED' });

    expect(await processNamed('this').claim(scope, 'k9', hash)).toEqual({ kind: 'claimed' });
  });

  it('stays in use when the store keeps no receipts (EventStoreDB): nothing can tell whether the write happened', async () => {
    const withoutReceipts = (bootId: string) => new IdempotencyKeys(serverDb, {}, { bootId });
    await withoutReceipts('dead').claim(scope, 'k8', hash);

    expect(await withoutReceipts('restarted').claim(scope, 'k8', hash)).toEqual({ kind: 'in_progress' });
  });
});
