// The SQLite store writing on a writer thread (thread-commit.ts, writer-thread.ts): beyond the
// contract it passes like the event-loop writer, its groups and how it ends.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEventId, InvalidAppend, ReceiptAlreadyKept, StoreError, WrongExpectedRevision } from '../../src/store/errors.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvent, newEvents } from '../contract/event-store.contract.js';
import { writerThreadScript } from '../support/worker-script.js';

let dir: string;
let path: string;
let store: SqliteEventStore;
let groups: number[];

const openOnThread = async () =>
  openSqliteEventStore({ path, writer: 'thread', writerScript: await writerThreadScript(), observer: { groupCommitted: (appends) => groups.push(appends) } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-writer-thread-'));
  path = join(dir, 'events.db');
  groups = [];
  store = await openOnThread();
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a writer thread', () => {
  it('groups the appends of many callers into few commits, numbered in the order they were made', async () => {
    await store.append('warm-up', [newEvent()]);
    groups = [];

    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(`caller-${i}`, newEvents(1))));

    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(groups.reduce((a, b) => a + b, 0)).toBe(200);
    expect(groups.length).toBeLessThan(20);
    expect(store.verify()).toMatchObject({ ok: true, headPosition: 201 });
  });

  it('rolls back a refused append alone; the rest of its group commits', async () => {
    const taken = newEvent();
    await store.append('owner', [taken]);
    const good = newEvents(2);

    const outcomes = await Promise.allSettled([
      store.append('first', good),
      store.append('owner', [newEvent()], { expectedRevision: 'no_stream' }),
      store.append('thief', [newEvent(), taken]),
      store.append('second', [newEvent()]),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect(await store.readStream('thief')).toEqual([]);
    expect((await store.readStream('first')).map((e) => e.id)).toEqual(good.map((e) => e.id));
    expect(store.verify()).toMatchObject({ ok: true, headPosition: 4 });
  });

  it('refuses with the error classes and fields of the event-loop writer', async () => {
    const taken = newEvent();
    await store.append('owner', [taken]);

    const wrong = await store.append('owner', [newEvent()], { expectedRevision: 5 }).catch((error: unknown) => error);
    const duplicate = await store.append('other', [taken]).catch((error: unknown) => error);

    expect(wrong).toBeInstanceOf(WrongExpectedRevision);
    expect(wrong).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: 'owner', expected: 5, actual: 0 });
    expect(duplicate).toBeInstanceOf(DuplicateEventId);
    expect(duplicate).toMatchObject({ eventId: taken.id });
  });

  it('keeps a receipt with the answer its caller makes from the result, and refuses the key a second time', async () => {
    const answer = (result: { nextExpectedRevision: number; position: number }) => ({ status: 201, body: { revision: result.nextExpectedRevision, position: result.position, etag: `"${result.nextExpectedRevision}"` } });
    const receipt = { scope: 'client', key: 'k-1', requestHash: 'h-1', answer };
    await store.append('before', newEvents(2));

    const result = await store.append('keyed', newEvents(1), { receipt });
    const again = await store.append('keyed', newEvents(1), { receipt }).catch((error: unknown) => error);

    expect(await store.findReceipt('client', 'k-1')).toEqual({ scope: 'client', key: 'k-1', requestHash: 'h-1', ...answer(result) });
    expect(again).toBeInstanceOf(ReceiptAlreadyKept);
    expect((again as ReceiptAlreadyKept).receipt.body).toEqual(answer(result).body);
  });

  it('refuses, writing nothing, a receipt whose answer it could not remake exactly', async () => {
    const receipt = { scope: 'client', key: 'k-2', requestHash: 'h', answer: (result: { position: number }) => ({ status: 200, body: { next: result.position + 1 } }) };

    await expect(store.append('keyed', newEvents(1), { receipt })).rejects.toBeInstanceOf(InvalidAppend);
    expect(await store.headPosition()).toBe(0);
  });

  it('wakes this process’s subscriptions after each commit', async () => {
    const subscription = store.subscribe();
    const next = subscription[Symbol.asyncIterator]().next();
    const event = newEvent();

    await store.append('seen', [event]);

    expect((await next).value).toMatchObject({ id: event.id, position: 1 });
    await subscription.close();
  });

  it('commits every append still in flight when closed, then ends the thread', async () => {
    const appends = Array.from({ length: 50 }, (_, i) => store.append(`late-${i}`, newEvents(1)));

    await store.close();

    expect((await Promise.all(appends)).map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await expect(store.append('after', [newEvent()])).rejects.toBeInstanceOf(StoreError);
    store = await openOnThread();
    expect(await store.headPosition()).toBe(50);
    expect(store.verify()).toMatchObject({ ok: true, headPosition: 50 });
  });

  it('fails appends, rather than leaving them waiting, when its thread cannot start', async () => {
    const broken = openSqliteEventStore({ path: join(dir, 'other.db'), writer: 'thread', writerScript: new URL('data:text/javascript,throw new Error("no writer here")') });

    await expect(broken.append('lost', [newEvent()])).rejects.toThrow(/no writer here|writer thread ended/);
    await broken.close();
  });
});
