// Tamper evidence on EventStoreDB. Today the adapter keeps no chain, and the ledger says so
// plainly (checked against a real server when EVENTSTORE_URL names one). The design for it,
// a chain per stream in each event's metadata plus signed checkpoints of a digest of $all
// (docs/tamper-evidence.md), is checked here over an in-memory store shaped like
// EventStoreDB: positions with gaps, each event linked only to its stream's previous one.

import Database from 'better-sqlite3';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { checkStatement } from '../../src/audit/integrity/check-statement.js';
import { SqliteCheckpointStore } from '../../src/audit/checkpoints/sqlite/checkpoint-store.js';
import { listCheckpoints } from '../../src/audit/integrity/checkpoints.js';
import { signAt, signCheckpoint } from '../../src/audit/integrity/sign.js';
import { keyIdOf, type SigningKey } from '../../src/audit/integrity/signing-key.js';
import { signStatement } from '../../src/audit/integrity/statement.js';
import { streamLinkHash, walkStreamChains } from '../../src/audit/integrity/stream-chain.js';
import { verifyLedger, verifyLedgerWith, type LedgerVerification } from '../../src/audit/integrity/verify.js';
import { GENESIS_HASH } from '../../src/store/chain.js';
import { openEventStoreDbEventStore } from '../../src/store/eventstoredb/index.js';
import type { AppendResult, EventStore, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '../../src/store/port.js';
import { newEvents } from '../contract/event-store.contract.js';

/** What the EventStoreDB adapter would be with the design: positions are log byte offsets, hashes link within a stream. */
class StreamChainedStore implements EventStore {
  events: RecordedEvent[] = [];
  private offset = 4096;

  async append(streamId: string, events: readonly NewEvent[]): Promise<AppendResult> {
    const last = this.events.findLast((e) => e.streamId === streamId);
    let revision = last?.revision ?? -1;
    let previous = last?.hash ?? GENESIS_HASH;
    for (const event of events) {
      revision++;
      const unlinked = { ...event, streamId, revision };
      previous = streamLinkHash(previous, unlinked);
      this.offset += 200 + JSON.stringify(event).length;
      this.events.push({ ...unlinked, position: this.offset, hash: previous });
    }
    return { nextExpectedRevision: revision, position: this.offset };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = this.events.filter((e) => e.streamId === streamId && e.revision >= (options.fromRevision ?? 0));
    return events.slice(0, options.maxCount ?? events.length);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const events = this.events.filter((e) => e.position > (options.after ?? 0));
    return events.slice(0, options.maxCount ?? events.length);
  }

  async headPosition(): Promise<number> {
    return this.events.at(-1)?.position ?? 0;
  }

  subscribe(): Subscription {
    throw new Error('not needed here');
  }

  async close(): Promise<void> {}

  /** The event `index`th in the log, for an intruder to alter. */
  at(index: number): RecordedEvent {
    return this.events[index] as RecordedEvent;
  }
}

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const key: SigningKey = { privateKey, publicKey, keyId: keyIdOf(publicKey) };
const db = new Database(':memory:');
const checkpoints = new SqliteCheckpointStore(db);
afterAll(() => db.close());

let store: StreamChainedStore;

beforeEach(async () => {
  listCheckpoints(db); // creates the table the first time
  db.exec('DELETE FROM checkpoints');
  store = new StreamChainedStore();
  // Three streams written in turns, 60 events.
  for (let round = 0; round < 10; round++) {
    for (const stream of ['activity-a', 'activity-b', 'decision-c']) await store.append(stream, newEvents(2));
  }
});

/** Sign the digest at the head, as the checkpointer would. */
async function signHead(): Promise<void> {
  const walk = await walkStreamChains(store, {});
  if (walk.ok !== true) throw new Error('the log should verify before it is signed');
  await signAt(key, checkpoints, walk.head);
}

function verify(): Promise<LedgerVerification> {
  const checkpoints = listCheckpoints(db).map((c) => c.statement);
  return verifyLedgerWith(store, { walker: walkStreamChains, evidence: { checkpoints, publicKey } });
}

describe('the design for EventStoreDB: a chain per stream and signed digests of $all', () => {
  it('verifies an untouched log, though its positions have gaps', async () => {
    await signHead();
    expect(await verify()).toMatchObject({ ok: true, headPosition: store.at(59).position, checked: 60, checkpoints: { held: 1 } });
  });

  it("catches an event's data changed, at that event, by its stream's chain alone", async () => {
    store.at(31).data = { note: 'changed' };
    expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: store.at(31).position });
  });

  it('catches an event deleted from the middle of its stream, at the next event of that stream', async () => {
    const [deleted] = store.events.splice(12, 1);
    const next = store.events.find((e) => e.streamId === deleted?.streamId && e.revision === deleted.revision + 1);
    expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: next?.position });
  });

  it('catches the first events of a stream cut away (truncate-before), at the first one left', async () => {
    store.events = store.events.filter((e) => !(e.streamId === 'activity-b' && e.revision < 4));
    const first = store.events.find((e) => e.streamId === 'activity-b');
    expect(await verify()).toMatchObject({ ok: false, problem: 'chain', brokenAt: first?.position });
  });

  it('catches the end of a stream cut off, which the stream chain cannot see, by the signed digest', async () => {
    await signHead();
    const lastOfA = store.events.findLastIndex((e) => e.streamId === 'activity-a');
    store.events.splice(lastOfA, 1);
    // Every stream chain still holds...
    expect((await walkStreamChains(store, {})).ok).toBe(true);
    // ...but the log is not the one signed.
    expect(await verify()).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: store.events.at(-1)?.position });
  });

  it('catches two streams’ events swapped in the order of $all by the signed digest', async () => {
    await signHead();
    // activity-a's second event and activity-b's first: each stream keeps its own order.
    const [a, b] = [store.at(1), store.at(2)];
    [store.events[1], store.events[2]] = [{ ...b, position: a.position }, { ...a, position: b.position }];
    expect((await walkStreamChains(store, {})).ok).toBe(true);
    expect(await verify()).toMatchObject({ ok: false, problem: 'rewritten' });
  });

  it('catches the end of the log cut off by the signed digest', async () => {
    await signHead();
    const signedHead = store.at(59).position;
    store.events.splice(50);
    expect(await verify()).toMatchObject({ ok: false, problem: 'truncated', brokenAt: store.at(49).position + 1, reason: expect.stringContaining(`${signedHead}`) });
  });

  it('catches the very event a checkpoint names being removed', async () => {
    await store.append('note-x', newEvents(1));
    const named = store.events.at(-1) as RecordedEvent;
    await store.append('activity-a', newEvents(2));
    const walk = await walkStreamChains(store, { upTo: named.position });
    if (walk.ok !== true) throw new Error('expected the log to verify');
    await signAt(key, checkpoints, walk.head);
    store.events = store.events.filter((e) => e !== named);

    expect(await verify()).toMatchObject({ ok: false, problem: 'rewritten', brokenAt: named.position, reason: expect.stringMatching(/no event there/) });
  });
});

// The adapter as it is, against a real server.
const url = process.env.EVENTSTORE_URL;

describe.skipIf(!url)(url ? `EventStoreDB at ${url}, as the adapter is today` : 'EventStoreDB (skipped: EVENTSTORE_URL is not set)', () => {
  it('says plainly that it keeps no hash chain, and signs nothing', async () => {
    const esdb = openEventStoreDbEventStore({ connectionString: url as string });
    try {
      await esdb.append(`integrity-${Date.now()}`, newEvents(2));
      expect(await verifyLedger(esdb)).toEqual({ ok: null, reason: 'this store keeps no hash chain', checked: 0 });
      expect(await verifyLedgerWith(esdb, { walker: walkStreamChains })).toMatchObject({ ok: null });
      await expect(signCheckpoint(esdb, key, checkpoints)).rejects.toMatchObject({ code: 'NO_HASH_CHAIN' });
      const [event] = await esdb.readAll({ maxCount: 1 });
      const statement = signStatement(key, { ledger: 'esdb', position: event?.position ?? 1, headHash: GENESIS_HASH, signedAt: new Date().toISOString() });
      expect(await checkStatement(esdb, statement, publicKey)).toMatchObject({ ok: null });
    } finally {
      await esdb.close();
    }
  });
});
