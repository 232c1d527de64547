// What the PostgreSQL store promises beyond the shared contract: one gap-free order across
// nodes, group commit, steps that commit with their append, subscriptions woken by
// LISTEN/NOTIFY and rescued by polling, the chain format, and a lost server reported as
// StoreUnavailable (then recovered from without a restart).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { canonicalJson, GENESIS_HASH } from '../../src/store/chain.js';
import { StoreUnavailable, WrongExpectedRevision } from '../../src/store/errors.js';
import { openPostgresEventStore, type AppendStep, type PostgresEventStore, type PostgresEventStoreOptions } from '../../src/store/postgres/index.js';
import type { RecordedEvent, Subscription } from '../../src/store/port.js';
import { newEvent, newEvents } from '../contract/event-store.contract.js';
import { dropSchema, postgresForTests, TEST_DATABASE_URL, uniqueSchema, withConnection } from '../support/postgres.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const available = await postgresForTests('postgres store');

let schema: string;
const opened: PostgresEventStore[] = [];

function open(options: Partial<PostgresEventStoreOptions> = {}): PostgresEventStore {
  const store = openPostgresEventStore({ connectionString: TEST_DATABASE_URL, schema, pollIntervalMs: 100, ...options });
  opened.push(store);
  return store;
}

/** Every row of the test's log, as an outsider reads it. */
function rows(): Promise<{ position: number; stream_id: string; revision: number; id: string; xmin: string }[]> {
  return withConnection(async (client) => (await client.query('SELECT position::int, stream_id, revision, id, xmin::text FROM events ORDER BY position')).rows, schema);
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

async function nextOf(subscription: Subscription, streamId: string, ms: number): Promise<RecordedEvent> {
  const iterator = subscription[Symbol.asyncIterator]();
  for (;;) {
    const next = await within(ms, iterator.next(), `an event of ${streamId}`);
    if (next.done) throw new Error('the subscription ended');
    if (next.value.streamId === streamId) return next.value;
  }
}

describe.skipIf(!available)('the PostgreSQL event store', () => {
  beforeAll(() => {
    schema = uniqueSchema('store');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await dropSchema(schema);
  });
  afterAll(async () => {
    await dropSchema(schema);
  });

  describe('order across nodes', () => {
    it('given three nodes appending at once, positions run 1..n with no gap and the chain verifies', async () => {
      const nodes = [open(), open(), open()];

      await Promise.all(nodes.flatMap((node, n) => Array.from({ length: 30 }, (_, i) => node.append(`stream-${i % 5}`, newEvents(1 + ((i + n) % 3))))));

      const stored = await rows();
      expect(stored.map((r) => r.position)).toEqual(stored.map((_, i) => i + 1));
      // Every stream's revisions run 0..k in position order, whichever node wrote them.
      const byStream = new Map<string, number[]>();
      for (const row of stored) byStream.set(row.stream_id, [...(byStream.get(row.stream_id) ?? []), row.revision]);
      for (const revisions of byStream.values()) expect(revisions).toEqual(revisions.map((_, i) => i));
      expect(await nodes[1]!.verify()).toMatchObject({ ok: true, headPosition: stored.length, checked: stored.length });
    });

    it('given two nodes racing with the same expected revision, exactly one append lands', async () => {
      const [a, b] = [open(), open()];
      const seed = await a.append('race', [newEvent()]);

      const outcomes = await Promise.allSettled([a, b].map((node) => node.append('race', newEvents(2), { expectedRevision: seed.nextExpectedRevision })));

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: expect.any(WrongExpectedRevision) });
      expect(await b.readStream('race')).toHaveLength(3);
    });

    it('given a retry of an append sent to another node, it writes nothing and returns the original result', async () => {
      const [a, b] = [open(), open()];
      const events = newEvents(3);
      const original = await a.append('retried', events, { expectedRevision: 'no_stream' });

      expect(await b.append('retried', events, { expectedRevision: 'no_stream' })).toEqual(original);
      expect(await rows()).toHaveLength(3);
    });

    it('given several nodes opening a new schema at the same moment, all of them create and use it', async () => {
      const nodes = [open(), open(), open(), open()];

      const results = await Promise.all(nodes.map((node, i) => node.append(`first-${i}`, [newEvent()])));

      expect(results.map((r) => r.position).sort()).toEqual([1, 2, 3, 4]);
    });
  });

  describe('group commit', () => {
    it('given appends made in one event-loop turn, they are committed by one transaction', async () => {
      const store = open();
      await store.append('warm', [newEvent()]);

      await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(`turn-${i}`, newEvents(2))));

      const ours = (await rows()).filter((r) => r.stream_id.startsWith('turn-'));
      expect(ours).toHaveLength(40);
      // Rows written by one transaction carry its id (xmin).
      expect(new Set(ours.map((r) => r.xmin)).size).toBe(1);
    });

    it('given a refused append in a group, the others commit with consecutive positions', async () => {
      const store = open();
      await store.append('taken', [newEvent()]);

      const outcomes = await Promise.allSettled([
        store.append('ok-1', newEvents(2)),
        store.append('taken', [newEvent()], { expectedRevision: 'no_stream' }),
        store.append('ok-2', newEvents(2)),
      ]);

      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await rows()).map((r) => [r.position, r.stream_id])).toEqual([
        [1, 'taken'],
        [2, 'ok-1'],
        [3, 'ok-1'],
        [4, 'ok-2'],
        [5, 'ok-2'],
      ]);
      expect(await store.verify()).toMatchObject({ ok: true, headPosition: 5 });
    });
  });

  describe('append steps (receipts, the Merkle tree)', () => {
    const sideTable = (client: { query(sql: string): Promise<unknown> }) =>
      client.query('CREATE TABLE IF NOT EXISTS step_log (stream_id text NOT NULL, first_position bigint NOT NULL, last_position bigint NOT NULL)');

    it("given a step, its writes commit in the append's transaction, once per append, in log order", async () => {
      const step: AppendStep = async (tx, append) => {
        await sideTable(tx);
        await tx.query('INSERT INTO step_log VALUES ($1, $2, $3)', [append.streamId, append.events[0]!.position, append.result.position]);
      };
      const store = open({ steps: [step] });

      await Promise.all([store.append('a', newEvents(2)), store.append('b', newEvents(3))]);

      const logged = await withConnection(async (client) => (await client.query('SELECT stream_id, first_position::int, last_position::int, xmin::text FROM step_log ORDER BY first_position')).rows, schema);
      const events = await rows();
      expect(logged.map((r) => [r.stream_id, r.first_position, r.last_position])).toEqual([
        ['a', 1, 2],
        ['b', 3, 5],
      ]);
      expect(new Set([...logged, ...events].map((r) => r.xmin)).size).toBe(1);
    });

    it('given a step that throws for one append, that append alone is refused and rolled back; the rest commit with a gap-free chain', async () => {
      const refusal = new Error('no receipt for this one');
      const step: AppendStep = async (tx, append) => {
        await sideTable(tx);
        await tx.query('INSERT INTO step_log VALUES ($1, $2, $3)', [append.streamId, append.events[0]!.position, append.result.position]);
        if (append.streamId === 'doomed') throw refusal;
      };
      const store = open({ steps: [step] });

      const outcomes = await Promise.allSettled([store.append('before', newEvents(2)), store.append('doomed', newEvents(2)), store.append('after', newEvents(2))]);

      expect(outcomes[1]).toEqual({ status: 'rejected', reason: refusal });
      expect(outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o as PromiseFulfilledResult<unknown>).value)).toEqual([
        { nextExpectedRevision: 1, position: 2 },
        { nextExpectedRevision: 1, position: 4 },
      ]);
      expect((await rows()).map((r) => r.stream_id)).toEqual(['before', 'before', 'after', 'after']);
      const logged = await withConnection(async (client) => (await client.query('SELECT stream_id FROM step_log ORDER BY first_position')).rows, schema);
      expect(logged.map((r) => r.stream_id)).toEqual(['before', 'after']);
      expect(await store.verify()).toMatchObject({ ok: true, headPosition: 4 });
    });
  });

  describe('subscriptions', () => {
    it('given another node appends, its NOTIFY wakes a subscription long before the next poll', async () => {
      const reader = open({ pollIntervalMs: 120_000 });
      const writer = open();
      const subscription = reader.subscribe();
      const first = nextOf(subscription, 'woken', 10_000);
      // Let the subscription find the log empty and go to sleep with its listener connected.
      await waitForListener('engagement-ledger listen');

      await writer.append('woken', [newEvent()]);

      expect((await first).streamId).toBe('woken');
      await subscription.close();
    });

    it('given the listening connection is cut and its notification missed, polling still delivers the event', async () => {
      const reader = open({ pollIntervalMs: 300, listenRetryMs: 600_000, applicationName: `missed-${schema}` });
      const writer = open();
      const subscription = reader.subscribe();
      const delivered = nextOf(subscription, 'missed', 10_000);
      const pid = await waitForListener(`missed-${schema} listen`);

      await withConnection((client) => client.query('SELECT pg_terminate_backend($1)', [pid]));
      await waitUntil(async () => !(await listenerPids(`missed-${schema} listen`)).length);
      await writer.append('missed', [newEvent()]);

      expect((await delivered).streamId).toBe('missed');
      // The listener stays down (it retries after 10 minutes here): only polling could have delivered it.
      expect(await listenerPids(`missed-${schema} listen`)).toEqual([]);
      await subscription.close();
    });
  });

  describe('values written into the append transaction', () => {
    it('quotes, backslashes and SQL in stream ids, types, ids and data round-trip exactly and are stored as written', async () => {
      const store = open();
      const stream = `o'brien\\'); DROP TABLE events; --`;
      const event = { ...newEvent({ text: `it's a \\'quote\\' \\\\ E'x' $$ $1 \u0000 end`, 'k\'ey': ["'", '\\', '"'] }), type: `Note'Taken\\` };
      event.id = `${event.id}'\\`;

      await store.append(stream, [event]);
      const [read] = await store.readStream(stream);

      expect(read).toMatchObject({ streamId: stream, id: event.id, type: event.type, data: event.data });
      const [stored] = await store.readStored();
      expect(stored?.dataJson).toBe(canonicalJson(event.data));
      expect(await store.verify()).toMatchObject({ ok: true, headPosition: 1 });
    });

    it('a NUL in a stream id, an event id or a type is refused, and nothing of its append is written', async () => {
      const store = open();
      for (const [stream, event] of [
        ['nul\u0000stream', newEvent()],
        ['nul-id', { ...newEvent(), id: 'id\u0000x' }],
        ['nul-type', { ...newEvent(), type: 'Type\u0000' }],
      ] as const) {
        await expect(store.append(stream, [newEvent(), event])).rejects.toMatchObject({ code: 'INVALID_APPEND', message: expect.stringMatching(/NUL/) });
      }
      expect(await store.headPosition()).toBe(0);
    });

    it('an event version that is not an integer is refused', async () => {
      const store = open();

      await expect(store.append('versions', [{ ...newEvent(), version: 1.5 }])).rejects.toMatchObject({ code: 'INVALID_APPEND' });
      expect(await store.readStream('versions')).toEqual([]);
    });
  });

  describe('the chain format', () => {
    it('is recorded when the log is created, and a log of another format is refused, not appended to', async () => {
      const store = open();
      await store.append('s', [newEvent()]);
      expect(await withConnection(async (c) => (await c.query(`SELECT value FROM ledger_store WHERE key = 'chain_format'`)).rows, schema)).toEqual([{ value: '2' }]);
      await withConnection((c) => c.query(`UPDATE ledger_store SET value = '1' WHERE key = 'chain_format'`), schema);

      await expect(open().append('s', [newEvent()])).rejects.toThrow(/format 1; this ledger reads and writes format 2 only/);
    });

    it('an events table holding events but no recorded format is refused', async () => {
      await open().append('s', [newEvent()]);
      await withConnection((c) => c.query(`DELETE FROM ledger_store`), schema);

      await expect(open().readAll()).rejects.toThrow(/no chain format/);
    });

    it('an empty log verifies, its head the genesis hash', async () => {
      expect(await open().verify()).toEqual({ ok: true, headPosition: 0, headHash: GENESIS_HASH, checked: 0 });
    });
  });

  describe('when PostgreSQL cannot be reached', () => {
    let proxy: TcpProxy;

    beforeAll(async () => {
      const target = new URL(TEST_DATABASE_URL);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    });
    afterAll(async () => {
      await proxy.close();
    });

    function throughProxy(options: Partial<PostgresEventStoreOptions> = {}): PostgresEventStore {
      const url = new URL(TEST_DATABASE_URL);
      url.port = String(proxy.port);
      return open({ connectionString: url.toString(), ...options });
    }

    it('given the connection is lost, appends and reads fail with StoreUnavailable; once it is back the store carries on by itself', async () => {
      const store = throughProxy();
      await store.append('through', [newEvent()]);

      await proxy.cut();
      const append = store.append('through', [newEvent()]);
      await expect(append).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(append).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) });
      await expect(store.readStream('through')).rejects.toBeInstanceOf(StoreUnavailable);
      await expect(store.headPosition()).rejects.toBeInstanceOf(StoreUnavailable);

      await proxy.restore();
      await store.append('through', [newEvent()]);
      expect((await store.readStream('through')).map((e) => e.revision)).toEqual([0, 1]);
      expect(await store.verify()).toMatchObject({ ok: true, headPosition: 2 });
    });

    it('given a store opened while the server is down, it opens once the server is back', async () => {
      await proxy.cut();
      const store = throughProxy();
      await expect(store.append('late', [newEvent()])).rejects.toBeInstanceOf(StoreUnavailable);

      await proxy.restore();
      expect(await store.append('late', [newEvent()])).toMatchObject({ position: 1 });
    });

    it('given a subscription following the log, it goes on after the connection comes back, missing nothing', async () => {
      const follower = throughProxy({ pollIntervalMs: 100, listenRetryMs: 200 });
      const writer = open();
      await writer.append('followed', [newEvent()]);
      const subscription = follower.subscribe();
      expect((await nextOf(subscription, 'followed', 5_000)).revision).toBe(0);

      await proxy.cut();
      await writer.append('followed', newEvents(2));
      await new Promise((resolve) => setTimeout(resolve, 400));
      await proxy.restore();

      expect((await nextOf(subscription, 'followed', 10_000)).revision).toBe(1);
      expect((await nextOf(subscription, 'followed', 10_000)).revision).toBe(2);
      await subscription.close();
    });
  });
});

describe('configuration', () => {
  it('STORE=postgres needs DATABASE_URL, and names it when missing', () => {
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(/DATABASE_URL is required when STORE=postgres/);
  });

  it('DATABASE_URL must be a postgres:// connection string', () => {
    expect(() => loadConfig({ STORE: 'postgres', DATABASE_URL: 'mysql://db/ledger', PROJECTIONS: 'workers' })).toThrow(/DATABASE_URL must be a postgres:\/\//);
    expect(loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgresql://ledger@db:5432/ledger', PROJECTIONS: 'workers' })).toMatchObject({ STORE: 'postgres', DATABASE_URL: 'postgresql://ledger@db:5432/ledger' });
  });
});

async function listenerPids(applicationName: string): Promise<number[]> {
  return withConnection(async (client) =>
    (await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN %'`, [applicationName])).rows.map((r) => r.pid),
  );
}

async function waitUntil(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The pid of the (one) listening connection of that name, once it listens. */
async function waitForListener(applicationName: string): Promise<number> {
  let pids: number[] = [];
  await waitUntil(async () => (pids = await listenerPids(applicationName)).length > 0);
  return pids[0]!;
}
