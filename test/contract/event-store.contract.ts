// The behaviour every EventStore adapter must share. Each adapter's test file calls
// describeEventStoreContract with a way to open a store.
//
// Adapters may share one server across tests and files, so every test writes to
// streams of its own (ulid-prefixed) and looks only at its own events in "all".

import { monotonicFactory } from 'ulid';
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { canonicalJson } from '../../src/store/chain.js';
import { DuplicateEventId, EventTooLarge, InvalidAppend, ReceiptAlreadyKept, WrongExpectedRevision } from '../../src/store/errors.js';
import { MAX_EVENT_BYTES, type AppendResult, type EventStore, type NewEvent, type ReceiptRequest, type RecordedEvent, type Subscription } from '../../src/store/port.js';

export interface ContractSubject {
  store: EventStore;
  cleanup(): Promise<void>;
}

const ulid = monotonicFactory();

export function newEvent(data: unknown = { note: 'hello' }, type = 'NoteTaken'): NewEvent {
  const at = new Date().toISOString();
  return {
    id: ulid(),
    type,
    version: 1,
    data,
    metadata: {
      actor: 'user:contract',
      organisation: 'org:contract',
      recordedAt: at,
      occurredAt: at,
      correlationId: ulid(),
      causationId: null,
    },
  };
}

export function newEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => newEvent({ index: i }));
}

/** A stream id no other test, run or file will use. */
function streamId(name: string): string {
  return `${name}-${ulid()}`;
}

/** The fields a writer chose, which the store must give back unchanged. */
function asWritten(event: NewEvent | RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, version: event.version, data: event.data, metadata: event.metadata };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, it resolved');
}

function withinMs<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Takes events from the subscription until `count` of those in `streams` have arrived. */
async function takeFrom(iterator: AsyncIterator<RecordedEvent>, streams: readonly string[], count: number): Promise<RecordedEvent[]> {
  const taken: RecordedEvent[] = [];
  while (taken.length < count) {
    const next = await withinMs(5_000, iterator.next(), `waiting for event ${taken.length + 1} of ${count}`);
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    if (streams.includes(next.value.streamId)) taken.push(next.value);
  }
  return taken;
}

/** The position just before an appended event, so reads "after" it start with that event. */
async function positionBefore(store: EventStore, stream: string): Promise<number> {
  const [first] = await store.readStream(stream, { maxCount: 1 });
  if (!first) throw new Error(`${stream} is empty`);
  return first.position - 1;
}

/** What an adapter declares it can do; the contract holds it to that. */
export interface AdapterAbilities {
  /** It keeps an append's receipt in the append's own transaction (EventStore.findReceipt). */
  receipts: boolean;
}

/** A receipt request whose answer reports the append's result, as the API's answers do. */
function receiptFor(key: string, scope = 'credential-contract'): ReceiptRequest {
  return { scope, key, requestHash: `hash-of-${key}`, answer: (result: AppendResult) => ({ status: 201, body: { position: result.position, revision: result.nextExpectedRevision } }) };
}

export function describeEventStoreContract(name: string, open: () => Promise<ContractSubject>, abilities: AdapterAbilities): void {
  describe(`${name} honours the EventStore contract`, () => {
    let subject: ContractSubject;
    let store: EventStore;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    describe('reading a stream', () => {
      it('gives the events back in order, revisions 0..n-1, positions increasing, unchanged', async () => {
        const stream = streamId('order');
        const events = newEvents(3);

        await store.append(stream, events.slice(0, 2), { expectedRevision: 'no_stream' });
        await store.append(stream, events.slice(2), { expectedRevision: 1 });
        const read = await store.readStream(stream);

        expect(read.map(asWritten)).toEqual(events.map(asWritten));
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
        expect(read.every((e) => e.streamId === stream)).toBe(true);
        for (let i = 1; i < read.length; i++) expect(read[i]!.position).toBeGreaterThan(read[i - 1]!.position);
      });

      it('reports the revision and position of the last appended event', async () => {
        const stream = streamId('result');

        const result = await store.append(stream, newEvents(3));
        const last = (await store.readStream(stream)).at(-1);

        expect(result).toEqual({ nextExpectedRevision: 2, position: last?.position });
      });

      it('starts at fromRevision and stops after maxCount', async () => {
        const stream = streamId('window');
        const events = newEvents(5);
        await store.append(stream, events);

        const read = await store.readStream(stream, { fromRevision: 1, maxCount: 3 });

        expect(read.map((e) => e.id)).toEqual(events.slice(1, 4).map((e) => e.id));
        expect(read.map((e) => e.revision)).toEqual([1, 2, 3]);
      });

      it('gives an empty array for a stream that does not exist', async () => {
        expect(await store.readStream(streamId('missing'))).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('no_stream accepts a new stream', async () => {
        const stream = streamId('no-stream');

        const result = await store.append(stream, [newEvent()], { expectedRevision: 'no_stream' });

        expect(result.nextExpectedRevision).toBe(0);
      });

      it('no_stream refuses an existing stream, reporting its last revision', async () => {
        const stream = streamId('no-stream-existing');
        await store.append(stream, newEvents(2));

        const error = await rejectionOf(store.append(stream, [newEvent()], { expectedRevision: 'no_stream' }));

        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: stream, expected: 'no_stream', actual: 1 });
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('stream_exists accepts an existing stream', async () => {
        const stream = streamId('exists');
        await store.append(stream, [newEvent()]);

        const result = await store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' });

        expect(result.nextExpectedRevision).toBe(1);
      });

      it('stream_exists refuses a missing stream, reporting -1', async () => {
        const stream = streamId('exists-missing');

        const error = await rejectionOf(store.append(stream, [newEvent()], { expectedRevision: 'stream_exists' }));

        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: stream, expected: 'stream_exists', actual: -1 });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('an exact revision equal to the last event is accepted', async () => {
        const stream = streamId('exact');
        const first = await store.append(stream, newEvents(2));

        const second = await store.append(stream, [newEvent()], { expectedRevision: first.nextExpectedRevision });

        expect(second.nextExpectedRevision).toBe(2);
      });

      it('a stale exact revision is refused, reporting the actual revision', async () => {
        const stream = streamId('stale');
        await store.append(stream, newEvents(3));

        const error = await rejectionOf(store.append(stream, [newEvent()], { expectedRevision: 0 }));

        expect(error).toBeInstanceOf(WrongExpectedRevision);
        expect(error).toMatchObject({ streamId: stream, expected: 0, actual: 2 });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('an exact revision on a missing stream is refused, reporting -1', async () => {
        const stream = streamId('exact-missing');

        const error = await rejectionOf(store.append(stream, [newEvent()], { expectedRevision: 0 }));

        expect(error).toMatchObject({ expected: 0, actual: -1 });
      });

      it('any accepts both a new and an existing stream', async () => {
        const stream = streamId('any');

        await store.append(stream, [newEvent()], { expectedRevision: 'any' });
        const result = await store.append(stream, [newEvent()], { expectedRevision: 'any' });

        expect(result.nextExpectedRevision).toBe(1);
      });
    });

    describe('retries and event ids', () => {
      it('a retry of the same append writes nothing and returns the original result', async () => {
        const stream = streamId('retry');
        const events = newEvents(2);
        const original = await store.append(stream, events, { expectedRevision: 'no_stream' });

        const retried = await store.append(stream, events, { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('a retry is recognised even after the stream moved on and its expected revision is stale', async () => {
        const stream = streamId('retry-late');
        const events = newEvents(2);
        const original = await store.append(stream, events, { expectedRevision: 'no_stream' });
        await store.append(stream, [newEvent()], { expectedRevision: 1 });

        const retried = await store.append(stream, events, { expectedRevision: 'no_stream' });

        expect(retried).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('an id already used in another stream is refused', async () => {
        const first = streamId('owner');
        const second = streamId('thief');
        const event = newEvent();
        await store.append(first, [event]);

        const error = await rejectionOf(store.append(second, [event]));

        expect(error).toBeInstanceOf(DuplicateEventId);
        expect(error).toMatchObject({ eventId: event.id });
        expect(await store.readStream(second)).toEqual([]);
      });

      it('a batch that repeats a recorded id but is not the same append is refused and writes nothing', async () => {
        const stream = streamId('partial-retry');
        const [a, b] = newEvents(2) as [NewEvent, NewEvent];
        await store.append(stream, [a]);

        const error = await rejectionOf(store.append(stream, [a, b]));

        expect(error).toBeInstanceOf(DuplicateEventId);
        expect((await store.readStream(stream)).map((e) => e.id)).toEqual([a.id]);
      });

      it('the same id twice in one append is refused', async () => {
        const stream = streamId('twice');
        const event = newEvent();

        const error = await rejectionOf(store.append(stream, [event, event]));

        expect(error).toBeInstanceOf(InvalidAppend);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('concurrent writers', () => {
      it('of two writers racing on one stream with the same expected revision, exactly one wins', async () => {
        const stream = streamId('race');
        const seed = await store.append(stream, [newEvent()]);
        const batches = [newEvents(2), newEvents(3)];

        const outcomes = await Promise.allSettled(
          batches.map((batch) => store.append(stream, batch, { expectedRevision: seed.nextExpectedRevision })),
        );

        const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [batches[i]!] : []));
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(1);
        expect(losers[0]).toBeInstanceOf(WrongExpectedRevision);
        const ids = (await store.readStream(stream)).slice(1).map((e) => e.id);
        expect(ids).toEqual(winners[0]!.map((e) => e.id));
      });

      it('many concurrent appends to different streams each land exactly once', async () => {
        const appends = Array.from({ length: 40 }, (_, i) => ({ stream: streamId(`crowd${i}`), events: newEvents(1 + (i % 3)) }));

        const results = await Promise.all(appends.map((a) => store.append(a.stream, a.events, { expectedRevision: 'no_stream' })));

        const positions = new Set<number>();
        for (const [i, append] of appends.entries()) {
          const read = await store.readStream(append.stream);
          expect(read.map((e) => e.id)).toEqual(append.events.map((e) => e.id));
          expect(results[i]).toEqual({ nextExpectedRevision: append.events.length - 1, position: read.at(-1)?.position });
          for (const event of read) positions.add(event.position);
        }
        expect(positions.size).toBe(appends.reduce((n, a) => n + a.events.length, 0));
      });
    });

    describe('reading all streams', () => {
      it('gives events across streams in the order they were appended, positions increasing', async () => {
        const [a, b] = [streamId('all-a'), streamId('all-b')];
        const [e1, e2, e3, e4] = newEvents(4) as [NewEvent, NewEvent, NewEvent, NewEvent];
        await store.append(a, [e1]);
        await store.append(b, [e2, e3]);
        await store.append(a, [e4]);

        const all = (await store.readAll({ after: await positionBefore(store, a) })).filter((e) => [a, b].includes(e.streamId));

        expect(all.map((e) => e.id)).toEqual([e1, e2, e3, e4].map((e) => e.id));
        expect(all.map((e) => [e.streamId, e.revision])).toEqual([
          [a, 0],
          [b, 0],
          [b, 1],
          [a, 1],
        ]);
        for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
      });

      it('reports the head: the position of the last event appended', async () => {
        const stream = streamId('head');
        const result = await store.append(stream, newEvents(2));

        // Other writers may share the store (EventStoreDB), so the head is at least ours.
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
        const [last] = await store.readAll({ after: result.position - 1, maxCount: 1 });
        expect(last?.position).toBe(result.position);
      });

      it('starts strictly after the given position', async () => {
        const stream = streamId('after');
        const events = newEvents(3);
        await store.append(stream, events);
        const [first] = await store.readStream(stream);

        const all = (await store.readAll({ after: first!.position })).filter((e) => e.streamId === stream);

        expect(all.map((e) => e.id)).toEqual(events.slice(1).map((e) => e.id));
      });

      it('pages with maxCount, each page continuing after the last position of the one before', async () => {
        const stream = streamId('pages');
        const events = newEvents(5);
        await store.append(stream, events);

        const seen: RecordedEvent[] = [];
        let after = await positionBefore(store, stream);
        while (seen.length < events.length) {
          const page = await store.readAll({ after, maxCount: 2 });
          seen.push(...page.filter((e) => e.streamId === stream));
          // Only the end of the log gives a short page, and the end is not reached while ours remain.
          if (seen.length < events.length) expect(page).toHaveLength(2);
          else expect(page.length).toBeLessThanOrEqual(2);
          after = page.at(-1)!.position;
        }

        expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));
      });

      it('reads only the types asked for, maxCount of them, at their own positions', async () => {
        const stream = streamId('types');
        const kinds = ['NoteTaken', 'NoteDropped', 'NoteFiled', 'NoteTaken', 'NoteDropped', 'NoteFiled'];
        const events = kinds.map((type, i) => newEvent({ i }, type));
        await store.append(stream, events);
        const recorded = await store.readStream(stream);
        const before = await positionBefore(store, stream);

        const wanted = recorded.filter((e) => e.type !== 'NoteDropped');
        const page = await store.readAll({ after: before, maxCount: 3, types: ['NoteTaken', 'NoteFiled'] });
        const rest = await store.readAll({ after: page.at(-1)!.position, types: ['NoteTaken', 'NoteFiled'] });

        expect(page.map((e) => e.id)).toEqual(wanted.slice(0, 3).map((e) => e.id));
        expect(rest.filter((e) => e.streamId === stream).map((e) => [e.id, e.position])).toEqual(wanted.slice(3).map((e) => [e.id, e.position]));
      });
    });

    describe('subscribing', () => {
      let subscription: Subscription | undefined;

      afterEach(async () => {
        await subscription?.close();
        subscription = undefined;
      });

      it('catches up on existing events, then receives events appended afterwards', async () => {
        const stream = streamId('live');
        const existing = newEvents(3);
        const later = newEvents(2);
        await store.append(stream, existing);
        subscription = store.subscribe({ after: await positionBefore(store, stream) });
        const iterator = subscription[Symbol.asyncIterator]();

        const caughtUp = await takeFrom(iterator, [stream], existing.length);
        await store.append(stream, later.slice(0, 1));
        await store.append(stream, later.slice(1));
        const live = await takeFrom(iterator, [stream], later.length);

        expect(caughtUp.map(asWritten)).toEqual(existing.map(asWritten));
        expect(live.map(asWritten)).toEqual(later.map(asWritten));
        expect(live.map((e) => e.revision)).toEqual([3, 4]);
      });

      it('delivers each event once, in order, while appends race with delivery', async () => {
        const streams = [streamId('flood-a'), streamId('flood-b')];
        await store.append(streams[0]!, [newEvent()]);
        subscription = store.subscribe({ after: await positionBefore(store, streams[0]!) });
        const iterator = subscription[Symbol.asyncIterator]();

        const appending = Promise.all(
          Array.from({ length: 20 }, (_, i) => store.append(streams[i % 2]!, newEvents(2))),
        );
        const delivered = await takeFrom(iterator, streams, 41);
        await appending;

        expect(new Set(delivered.map((e) => e.id)).size).toBe(41);
        for (let i = 1; i < delivered.length; i++) expect(delivered[i]!.position).toBeGreaterThan(delivered[i - 1]!.position);
        const all = (await store.readAll({ after: delivered[0]!.position - 1 })).filter((e) => streams.includes(e.streamId));
        expect(delivered.map((e) => e.id)).toEqual(all.map((e) => e.id));
      });

      it('close() ends an iteration that is waiting for events', async () => {
        const stream = streamId('closing');
        const { position } = await store.append(stream, [newEvent()]);
        subscription = store.subscribe({ after: position });
        const iterator = subscription[Symbol.asyncIterator]();
        const waiting = (async () => {
          // Events of other tests sharing the store may arrive first; the end must still come.
          for (let next = await iterator.next(); !next.done; next = await iterator.next());
        })();

        await subscription.close();

        await withinMs(1_000, waiting, 'iteration to end after close()');
      });

      it('breaking out of for-await closes the subscription', async () => {
        const stream = streamId('break');
        await store.append(stream, newEvents(2));
        subscription = store.subscribe({ after: await positionBefore(store, stream) });

        for await (const event of subscription) {
          if (event.streamId === stream) break;
        }

        const after = await withinMs(1_000, subscription[Symbol.asyncIterator]().next(), 'next() after break');
        expect(after.done).toBe(true);
      });
    });

    describe('receipts', () => {
      it(`${abilities.receipts ? 'keeps' : 'says it cannot keep'} receipts in the append's transaction, as the adapter declares`, () => {
        expect(typeof store.findReceipt === 'function').toBe(abilities.receipts);
      });

      describe.skipIf(!abilities.receipts)('kept with the append', () => {
        const find = (scope: string, key: string) => (store.findReceipt as NonNullable<EventStore['findReceipt']>).call(store, scope, key);

        it("keeps the receipt with the events: found by scope and key, its answer made from the append's result", async () => {
          const stream = streamId('receipt');
          const key = ulid();
          await store.append(stream, [newEvent()]);

          const result = await store.append(stream, newEvents(2), { receipt: receiptFor(key) });

          expect(await find('credential-contract', key)).toEqual({
            scope: 'credential-contract',
            key,
            requestHash: `hash-of-${key}`,
            status: 201,
            body: { position: result.position, revision: 2 },
          });
        });

        it('finds no receipt for a key never used, nor for the same key under another scope', async () => {
          const key = ulid();
          await store.append(streamId('receipt-scope'), [newEvent()], { receipt: receiptFor(key, 'credential-a') });

          expect(await find('credential-b', key)).toBeUndefined();
          expect(await find('credential-a', ulid())).toBeUndefined();
        });

        it('refuses a second append carrying a key already kept, writing nothing, and hands back the kept receipt', async () => {
          const key = ulid();
          const first = streamId('receipt-first');
          const second = streamId('receipt-second');
          const result = await store.append(first, [newEvent()], { receipt: receiptFor(key) });

          const error = await rejectionOf(store.append(second, newEvents(2), { receipt: receiptFor(key) }));

          expect(error).toBeInstanceOf(ReceiptAlreadyKept);
          expect((error as ReceiptAlreadyKept).receipt).toMatchObject({ key, body: { position: result.position } });
          expect(await store.readStream(second)).toEqual([]);
        });

        it('of appends racing with one key, on different streams, exactly one lands', async () => {
          const key = ulid();
          const streams = [streamId('receipt-race-a'), streamId('receipt-race-b'), streamId('receipt-race-c')];

          const outcomes = await Promise.allSettled(streams.map((stream) => store.append(stream, [newEvent()], { receipt: receiptFor(key) })));

          const landed = (await Promise.all(streams.map((stream) => store.readStream(stream)))).filter((events) => events.length > 0);
          expect(landed).toHaveLength(1);
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ReceiptAlreadyKept);
          expect(await find('credential-contract', key)).toMatchObject({ body: { position: landed[0]![0]!.position } });
        });

        it('keeps no receipt for an append refused by its expected revision', async () => {
          const key = ulid();
          const stream = streamId('receipt-refused');
          await store.append(stream, newEvents(2));

          const error = await rejectionOf(store.append(stream, [newEvent()], { expectedRevision: 0, receipt: receiptFor(key) }));

          expect(error).toBeInstanceOf(WrongExpectedRevision);
          expect(await find('credential-contract', key)).toBeUndefined();
        });

        it('writes neither the events nor the receipt when the answer cannot be made', async () => {
          const key = ulid();
          const stream = streamId('receipt-no-answer');
          const failing: ReceiptRequest = {
            ...receiptFor(key),
            answer: () => {
              throw new Error('the answer could not be made');
            },
          };

          const error = await rejectionOf(store.append(stream, newEvents(2), { receipt: failing }));

          expect(String(error)).toContain('the answer could not be made');
          expect(await store.readStream(stream)).toEqual([]);
          expect(await find('credential-contract', key)).toBeUndefined();
        });
      });
    });

    describe('payloads', () => {
      it('unicode round-trips exactly: emoji, RTL, combining marks, astral plane, NUL', async () => {
        const stream = streamId('unicode');
        const text = {
          emoji: 'family 👩‍👩‍👧‍👦 flag 🏳️‍🌈 skin 👋🏽',
          rtl: 'שלום עולם — مرحبا بالعالم',
          combining: 'e\u0301 a\u0308 Z\u0335\u0321\u0334',
          astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𓀀 🀄',
          nul: 'before\u0000after',
          'clé 🔑': 'keys too',
        };
        const event = newEvent(text);
        event.metadata.actor = 'user:zoë 🧑‍🚀';

        await store.append(stream, [event]);
        const [read] = await store.readStream(stream);

        expect(read?.data).toEqual(text);
        // Byte for byte, with keys in one order (an adapter may store keys sorted: SQLite keeps canonical JSON for its chain).
        expect(Buffer.from(canonicalJson(read?.data), 'utf8').equals(Buffer.from(canonicalJson(text), 'utf8'))).toBe(true);
        expect((read?.data as typeof text).nul).toHaveLength('before'.length + 1 + 'after'.length);
        expect(read?.metadata.actor).toBe('user:zoë 🧑‍🚀');
      });

      it('a large payload (~900 KB) round-trips', async () => {
        const stream = streamId('large');
        const blob = 'évidence-'.repeat(90_000).slice(0, 900_000);
        const event = newEvent({ blob });

        await store.append(stream, [event]);
        const [read] = await store.readStream(stream);

        expect((read?.data as { blob: string }).blob === blob).toBe(true);
      });

      it(`an event over MAX_EVENT_BYTES is refused and nothing of its append is written`, async () => {
        const stream = streamId('too-large');
        const small = newEvent();
        // 2-byte UTF-8 characters: under the limit in characters, over it in bytes.
        const huge = newEvent({ blob: 'é'.repeat(MAX_EVENT_BYTES / 2 + 1) });

        const error = await rejectionOf(store.append(stream, [small, huge]));

        expect(error).toBeInstanceOf(EventTooLarge);
        expect(error).toMatchObject({ eventId: huge.id, limit: MAX_EVENT_BYTES });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('an append with no events is refused', async () => {
        const error = await rejectionOf(store.append(streamId('empty'), []));

        expect(error).toBeInstanceOf(InvalidAppend);
      });

      it('an append to an empty stream id is refused', async () => {
        const error = await rejectionOf(store.append('', [newEvent()]));

        expect(error).toBeInstanceOf(InvalidAppend);
      });
    });
  });
}
