// Behaviour of the SQLite adapter beyond the shared contract: group commit,
// closing, and seeing appends made through another connection to the same file.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateEventId, StoreError, WrongExpectedRevision } from '../../src/store/errors.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/store/sqlite/index.js';
import { newEvent, newEvents } from '../contract/event-store.contract.js';

let dir: string;
let path: string;
let store: SqliteEventStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-sqlite-'));
  path = join(dir, 'events.db');
  store = openSqliteEventStore({ path });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('group commit', () => {
  it('refuses only the failing appends of a group; the rest of the group commits', async () => {
    const taken = newEvent();
    await store.append('owner', [taken]);
    await store.append('busy', [newEvent()]);
    const good = [newEvents(2), newEvents(1)];

    const outcomes = await Promise.allSettled([
      store.append('first', good[0]!),
      store.append('busy', [newEvent()], { expectedRevision: 'no_stream' }),
      store.append('thief', [newEvent(), taken]),
      store.append('second', good[1]!),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventId);
    expect((await store.readStream('first')).map((e) => e.id)).toEqual(good[0]!.map((e) => e.id));
    expect((await store.readStream('second')).map((e) => e.id)).toEqual(good[1]!.map((e) => e.id));
    expect(await store.readStream('thief')).toEqual([]);
    expect(store.verify()).toMatchObject({ ok: true, headPosition: 5 });
  });

  it('numbers a group contiguously, in the order the appends were made', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.append(`s${i}`, newEvents(2))));

    expect(results.map((r) => r.position)).toEqual([2, 4, 6, 8, 10]);
  });
});

describe('closing the store', () => {
  it('commits appends still waiting for their group', async () => {
    const event = newEvent();
    const pending = store.append('late', [event]);

    await store.close();

    await expect(pending).resolves.toEqual({ nextExpectedRevision: 0, position: 1 });
    store = openSqliteEventStore({ path });
    expect((await store.readStream('late')).map((e) => e.id)).toEqual([event.id]);
  });

  it('refuses appends afterwards', async () => {
    await store.close();

    await expect(store.append('after', [newEvent()])).rejects.toBeInstanceOf(StoreError);
  });
});

describe('a subscription', () => {
  it('sees appends made by another connection to the same file, by polling', async () => {
    const watcher = openSqliteEventStore({ path, pollIntervalMs: 20 });
    const subscription = watcher.subscribe();
    try {
      const iterator = subscription[Symbol.asyncIterator]();
      const next = iterator.next();

      const event = newEvent();
      await store.append('elsewhere', [event]);

      expect((await next).value).toMatchObject({ id: event.id, position: 1 });
    } finally {
      await watcher.close();
    }
  });

  it('ends when the store is closed', async () => {
    const subscription = store.subscribe();
    const next = subscription[Symbol.asyncIterator]().next();

    await store.close();

    await expect(next).resolves.toEqual({ done: true, value: undefined });
  });
});
