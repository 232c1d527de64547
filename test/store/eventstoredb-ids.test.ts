// The EventStoreDB adapter's pure parts, without a server: id, revision and position
// mapping, the event envelope, batch checks, retry recognition and the subscription queue.

import { EventEmitter } from 'node:events';
import { ANY, NO_STREAM, STREAM_EXISTS } from '@eventstore/db-client';
import { decodeTime, monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { EventTooLarge, InvalidAppend, WrongExpectedRevision } from '../../src/store/errors.js';
import { decodeRecorded, toEventData, type RawEvent } from '../../src/store/eventstoredb/event-codec.js';
import { claimStreamOf } from '../../src/store/eventstoredb/id-claims.js';
import { isUlid, ulidToUuid, uuidToUlid } from '../../src/store/eventstoredb/ids.js';
import { chunkStartOf, DEFAULT_CHUNK_SIZE, positionNumber, readPositionAt } from '../../src/store/eventstoredb/positions.js';
import { prepareAppend } from '../../src/store/eventstoredb/prepare-append.js';
import { checkRetry, type StoredAt } from '../../src/store/eventstoredb/retry-match.js';
import { actualRevision, exactRevision, isExact, toAppendRevision } from '../../src/store/eventstoredb/revisions.js';
import { FeedSubscription, type OpenedFeed } from '../../src/store/eventstoredb/subscription.js';
import { MAX_EVENT_BYTES, type NewEvent, type RecordedEvent } from '../../src/store/port.js';

const ulid = monotonicFactory();

function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  const at = '2025-01-02T03:04:05.000Z';
  return {
    id: ulid(),
    type: 'NoteTaken',
    version: 2,
    data: { note: 'hello' },
    metadata: { actor: 'user:a', organisation: null, recordedAt: at, occurredAt: at, correlationId: ulid(), causationId: null },
    ...overrides,
  };
}

/** What EventStoreDB gives back for an EventData the adapter sent. */
function recorded(event: NewEvent, at: { streamId?: string; revision?: bigint; position?: bigint } = {}): RawEvent {
  const data = toEventData(event);
  return {
    streamId: at.streamId ?? 'stream-1',
    id: data.id,
    revision: at.revision ?? 0n,
    type: data.type,
    isJson: data.contentType === 'application/json',
    data: JSON.parse(JSON.stringify(data.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
    position: { commit: at.position ?? 1000n, prepare: at.position ?? 1000n },
  };
}

describe('ULID <-> UUID', () => {
  it('round-trips many ids, monotonic and random alike', () => {
    const ids = Array.from({ length: 5000 }, () => ulid());
    const random = monotonicFactory(() => Math.random());
    for (let i = 0; i < 1000; i++) ids.push(random(Math.floor(Math.random() * 2 ** 48)));
    for (const id of ids) {
      const uuid = ulidToUuid(id);
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(uuidToUlid(uuid)).toBe(id);
    }
  });

  it('maps the extremes of the 128-bit range', () => {
    expect(ulidToUuid('00000000000000000000000000')).toBe('00000000-0000-0000-0000-000000000000');
    expect(ulidToUuid('7ZZZZZZZZZZZZZZZZZZZZZZZZZ')).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    expect(uuidToUlid('FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF')).toBe('7ZZZZZZZZZZZZZZZZZZZZZZZZZ');
  });

  it('puts the ULID timestamp in the first 48 bits', () => {
    const id = ulid();
    expect(ulidToUuid(id).replace(/-/g, '').slice(0, 12)).toBe(decodeTime(id).toString(16).padStart(12, '0'));
  });

  it('keeps the order of monotonic ULIDs', () => {
    const ids = Array.from({ length: 2000 }, () => ulid());
    const uuids = ids.map(ulidToUuid);
    expect([...uuids].sort()).toEqual(uuids);
    expect(new Set(uuids).size).toBe(ids.length);
  });

  it('refuses what is not a canonical ULID, and reads no ULID from a non-UUID', () => {
    for (const bad of ['', 'abc', ulid().toLowerCase(), '8ZZZZZZZZZZZZZZZZZZZZZZZZZ', `${ulid()}0`, '0000000000000000000000000I']) {
      expect(isUlid(bad)).toBe(false);
      expect(() => ulidToUuid(bad)).toThrow(TypeError);
    }
    expect(uuidToUlid('not-a-uuid')).toBeUndefined();
    expect(uuidToUlid('00000000-0000-0000-0000-00000000000g')).toBeUndefined();
  });
});

describe('expected revisions', () => {
  it('maps each port expectation to the client constant', () => {
    expect(toAppendRevision('no_stream')).toBe(NO_STREAM);
    expect(toAppendRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toAppendRevision('any')).toBe(ANY);
    expect(toAppendRevision(0)).toBe(0n);
    expect(toAppendRevision(41)).toBe(41n);
  });

  it('sends numbers and no_stream as given, any/stream_exists as the revision last seen', () => {
    expect(isExact(3)).toBe(true);
    expect(isExact('no_stream')).toBe(true);
    expect(isExact('any')).toBe(false);
    expect(exactRevision('s', 3, 9)).toBe(3n);
    expect(exactRevision('s', 'no_stream', 9)).toBe(NO_STREAM);
    expect(exactRevision('s', 'any', -1)).toBe(NO_STREAM);
    expect(exactRevision('s', 'any', 4)).toBe(4n);
    expect(exactRevision('s', 'stream_exists', 4)).toBe(4n);
  });

  it('refuses stream_exists on a missing stream, reporting -1', () => {
    let error: unknown;
    try {
      exactRevision('missing', 'stream_exists', -1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ streamId: 'missing', expected: 'stream_exists', actual: -1 });
  });

  it('reads the actual revision of a wrong-expected-version error', () => {
    expect(actualRevision(NO_STREAM)).toBe(-1);
    expect(actualRevision(0n)).toBe(0);
    expect(actualRevision(17n)).toBe(17);
  });
});

describe('positions', () => {
  it('numbers an event by its prepare position', () => {
    expect(positionNumber({ commit: 4096n, prepare: 4096n })).toBe(4096);
  });

  it('gives events that share a commit position distinct, increasing numbers', () => {
    const shared = 9000n;
    const numbers = [8000n, 8200n, 8400n].map((prepare) => positionNumber({ commit: shared, prepare }));
    expect(numbers).toEqual([8000, 8200, 8400]);
  });

  it('refuses positions a Number cannot hold exactly, and "no position"', () => {
    expect(positionNumber({ commit: 0n, prepare: BigInt(Number.MAX_SAFE_INTEGER) })).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => positionNumber({ commit: 0n, prepare: BigInt(Number.MAX_SAFE_INTEGER) + 1n })).toThrow(RangeError);
    expect(() => positionNumber({ commit: 0n, prepare: 18446744073709551615n })).toThrow(RangeError);
    expect(() => positionNumber({ commit: 0n, prepare: 0n })).toThrow(RangeError);
  });

  it('converts back to the event position it came from', () => {
    expect(readPositionAt(123456)).toEqual({ commit: 123456n, prepare: 123456n });
    expect(positionNumber(readPositionAt(123456))).toBe(123456);
  });

  it('finds the start of the chunk holding a position', () => {
    expect(chunkStartOf(5, DEFAULT_CHUNK_SIZE)).toBe(0);
    expect(chunkStartOf(DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE)).toBe(DEFAULT_CHUNK_SIZE);
    expect(chunkStartOf(3 * DEFAULT_CHUNK_SIZE + 17, DEFAULT_CHUNK_SIZE)).toBe(3 * DEFAULT_CHUNK_SIZE);
  });
});

describe('event envelope', () => {
  it('round-trips an event, keeping the ULID, version and metadata', () => {
    const event = newEvent({ data: { emoji: '👩‍👩‍👧‍👦', nul: 'a\u0000b' } });
    event.metadata.causationId = ulid();
    const read = decodeRecorded(recorded(event, { streamId: 'engagement-1', revision: 7n, position: 5555n }));
    expect(read).toEqual({ ...event, streamId: 'engagement-1', revision: 7, position: 5555, hash: null });
  });

  it('stores the ULID as a UUID and names correlation for EventStoreDB', () => {
    const event = newEvent();
    const data = toEventData(event);
    expect(data.id).toBe(ulidToUuid(event.id));
    expect(data.metadata).toMatchObject({ $correlationId: event.metadata.correlationId, $ledger: { version: 2 } });
    expect(data.metadata).not.toHaveProperty('$causationId');
  });

  it('round-trips data that is not an object', () => {
    for (const data of [null, 42, 'text', [1, 'two'], true]) {
      expect(decodeRecorded(recorded(newEvent({ data })))?.data).toEqual(data);
    }
  });

  it('leaves out events the ledger did not write', () => {
    const mine = recorded(newEvent());
    expect(decodeRecorded({ ...mine, metadata: undefined })).toBeUndefined();
    expect(decodeRecorded({ ...mine, metadata: { actor: 'x' } })).toBeUndefined();
    expect(decodeRecorded({ ...mine, type: '$>' })).toBeUndefined();
    expect(decodeRecorded({ ...mine, isJson: false })).toBeUndefined();
    expect(decodeRecorded({ ...mine, id: 'not-a-uuid' })).toBeUndefined();
    expect(decodeRecorded({ ...mine, streamId: claimStreamOf(ulid()), type: 'ledger~EventIdClaimed', metadata: undefined })).toBeUndefined();
  });
});

describe('checking a batch', () => {
  it('accepts a good batch, one EventData per event', () => {
    const events = [newEvent(), newEvent()];
    expect(prepareAppend('stream-1', events, 'any').map((e) => e.id)).toEqual(events.map((e) => ulidToUuid(e.id)));
  });

  it('refuses empty, badly named or badly identified appends', () => {
    const one = [newEvent()];
    const event = newEvent();
    const refusals: Array<() => unknown> = [
      () => prepareAppend('', one, 'any'),
      () => prepareAppend('$system', one, 'any'),
      () => prepareAppend(claimStreamOf(ulid()), one, 'any'),
      () => prepareAppend('s', [], 'any'),
      () => prepareAppend('s', one, -1),
      () => prepareAppend('s', one, 1.5),
      () => prepareAppend('s', [event, event], 'any'),
      () => prepareAppend('s', [newEvent({ id: 'evt-1' })], 'any'),
      () => prepareAppend('s', [newEvent({ id: ulid().toLowerCase() })], 'any'),
      () => prepareAppend('s', [newEvent({ type: '$stream-created' })], 'any'),
      () => prepareAppend('s', [newEvent({ data: undefined })], 'any'),
    ];
    for (const refuse of refusals) expect(refuse).toThrow(InvalidAppend);
  });

  it('refuses an event over MAX_EVENT_BYTES, counting UTF-8 bytes of data and metadata', () => {
    const huge = newEvent({ data: { blob: 'é'.repeat(MAX_EVENT_BYTES / 2 + 1) } });
    let error: unknown;
    try {
      prepareAppend('s', [newEvent(), huge], 'any');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventTooLarge);
    expect(error).toMatchObject({ eventId: huge.id, limit: MAX_EVENT_BYTES });
  });

  it('sends a copy, unaffected by later changes to the writer objects', () => {
    const event = newEvent({ data: { n: 1 } });
    const [sent] = prepareAppend('s', [event], 'any');
    (event.data as { n: number }).n = 2;
    expect(sent?.data).toEqual({ n: 1 });
  });
});

describe('recognising a retry', () => {
  const ids = [ulid(), ulid(), ulid()];
  const at = (revision: number): StoredAt => ({ revision, position: 100 + revision });

  it('is absent when no id is stored', () => {
    expect(checkRetry(ids, new Map())).toEqual({ kind: 'absent' });
  });

  it('is a retry when every id is stored, consecutively, in order', () => {
    const found = new Map(ids.map((id, i) => [id, at(4 + i)]));
    expect(checkRetry(ids, found)).toEqual({ kind: 'retry', result: { nextExpectedRevision: 6, position: 106 } });
  });

  it('is a duplicate when only some ids are stored, or not in the same places', () => {
    expect(checkRetry(ids, new Map([[ids[0]!, at(0)]]))).toEqual({ kind: 'duplicate', eventId: ids[0] });
    expect(checkRetry(ids, new Map([[ids[2]!, at(0)]]))).toEqual({ kind: 'duplicate', eventId: ids[2] });
    const shuffled = new Map([
      [ids[0]!, at(0)],
      [ids[1]!, at(2)],
      [ids[2]!, at(1)],
    ]);
    expect(checkRetry(ids, shuffled)).toEqual({ kind: 'duplicate', eventId: ids[0] });
  });
});

describe('subscription queue', () => {
  class FakeFeed extends EventEmitter {
    paused = false;
    stopped = false;
    pause() {
      this.paused = true;
    }
    resume() {
      this.paused = false;
    }
  }

  const event = (position: number): RecordedEvent => ({ ...newEvent(), streamId: 's', revision: position, position, hash: null });

  function subscribe(after = 0) {
    const feed = new FakeFeed();
    const opened: OpenedFeed = {
      feed,
      stop: async () => {
        feed.stopped = true;
      },
    };
    const subscription = new FeedSubscription(async () => opened, (raw) => raw as RecordedEvent | undefined, after);
    return { feed, subscription, iterator: subscription[Symbol.asyncIterator]() };
  }

  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('delivers events strictly after `after`, once each, in order, including to waiting readers', async () => {
    const { feed, iterator } = subscribe(10);
    await tick();
    const waiting = iterator.next();
    for (const p of [5, 10, 11, 11, 12, 9, 13]) feed.emit('data', event(p));
    feed.emit('data', undefined);
    const positions = [(await waiting).value.position];
    for (let i = 0; i < 2; i++) positions.push((await iterator.next()).value.position);
    expect(positions).toEqual([11, 12, 13]);
  });

  it('close() ends a waiting iteration and stops the feed', async () => {
    const { feed, subscription, iterator } = subscribe();
    await tick();
    const waiting = iterator.next();
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(feed.stopped).toBe(true);
  });

  it('breaking out of for-await closes it', async () => {
    const { feed, subscription } = subscribe();
    await tick();
    feed.emit('data', event(1));
    for await (const e of subscription) if (e.position === 1) break;
    expect(feed.stopped).toBe(true);
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
  });

  it('hands over queued events, then the feed error', async () => {
    const { feed, iterator } = subscribe();
    await tick();
    feed.emit('data', event(1));
    feed.emit('error', new Error('server went away'));
    expect((await iterator.next()).value.position).toBe(1);
    await expect(iterator.next()).rejects.toThrow('server went away');
  });

  it('treats a feed that ends on its own as a failure', async () => {
    const { feed, iterator } = subscribe();
    await tick();
    const waiting = iterator.next();
    feed.emit('end');
    await expect(waiting).rejects.toThrow(/ended without being closed/);
  });

  it('pauses the feed when the queue is long and resumes as it drains', async () => {
    const { feed, iterator } = subscribe();
    await tick();
    for (let p = 1; p <= 600; p++) feed.emit('data', event(p));
    expect(feed.paused).toBe(true);
    for (let i = 0; i < 600; i++) await iterator.next();
    expect(feed.paused).toBe(false);
  });

  it('reports a failure to open', async () => {
    const subscription = new FeedSubscription(() => Promise.reject(new Error('no server')), () => undefined);
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toThrow('no server');
  });
});
