// The EventStore port on EventStoreDB / KurrentDB (gRPC client @eventstore/db-client).
//
// Appends and idempotency (the port: a batch whose ids are already the stream's events
// at the same places writes nothing and returns the original result, whatever the
// expected revision, even a stale one):
//   1. check the batch (prepare-append.ts), then claim its ids (id-claims.ts): another
//      stream owning an id is a DuplicateEventId.
//   2. if every claim was fresh, no event with these ids exists: go straight on.
//      Otherwise (a retry, or ids reused) find the ids in the stream (a backward scan,
//      stopping when all are found; the whole stream when they are not there): a
//      retry returns the original result, a partial reuse is a DuplicateEventId.
//   3. append with an exact expectation. Numbers and 'no_stream' are exact already,
//      and the server itself turns a retry at the same expected revision into a no-op
//      returning the original result. 'any' and 'stream_exists' are sent as the
//      revision last seen (one single-event read when step 2 did not scan), so a
//      concurrent copy of the same batch cannot land twice. If another writer got
//      there first, read what it appended (it may be this batch) and try again, up
//      to ANY_ATTEMPTS times.
// Happy-path cost per append: one claim append per event (in parallel), plus one
// single-event read for 'any'/'stream_exists'. Retries cost a claim read per id and
// the stream scan.
//
// Receipts (port.ts): not kept. EventStoreDB commits one stream per append, so an answer
// cannot commit atomically with the events it reports; this adapter has no findReceipt,
// ignores AppendOptions.receipt, and the API keeps answers in server.db after the append
// (a crash between the two can leave a key "in use": ARCHITECTURE.md).

import {
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  MaxAppendSizeExceededError,
  WrongExpectedVersionError,
  type AppendResult as EsdbAppendResult,
} from '@eventstore/db-client';
import { DuplicateEventId, InvalidAppend, StoreError, WrongExpectedRevision } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js';
import { lastLedgerPosition, readAllAfter, subscriptionStart } from './all-reads.js';
import { decodeRecorded, type RawEvent } from './event-codec.js';
import { claimEventIds } from './id-claims.js';
import { DEFAULT_CHUNK_SIZE, positionNumber } from './positions.js';
import { prepareAppend } from './prepare-append.js';
import { checkRetry, type StoredAt } from './retry-match.js';
import { actualRevision, exactRevision, isExact } from './revisions.js';
import { findEventIds, lastRevision, positionOfRevision, readStreamRaw } from './stream-reads.js';
import { FeedSubscription, type Feed } from './subscription.js';

export interface EventStoreDbEventStoreOptions {
  /** e.g. esdb://localhost:2113?tls=false */
  connectionString: string;
  /** The server's chunk size, if not the default 256 MiB; only used to read after positions that are not an event's. */
  chunkSize?: number;
}

/** How many times an 'any' / 'stream_exists' append retries after losing a race for the stream's next revision. */
const ANY_ATTEMPTS = 100;

export function openEventStoreDbEventStore(options: EventStoreDbEventStoreOptions): EventStoreDbEventStore {
  return new EventStoreDbEventStore(options);
}

export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly chunkSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | undefined;

  /** `client` is for tests that bring their own; normally it is made from the connection string. */
  constructor(options: EventStoreDbEventStoreOptions, client?: EventStoreDBClient) {
    this.client = client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    const proposed = prepareAppend(streamId, events, expected);
    const ids = events.map((event) => event.id);
    const { allFresh } = await claimEventIds(this.client, streamId, ids);

    let current = -1;
    if (!allFresh) {
      const search = await findEventIds(this.client, streamId, ids);
      const original = settle(ids, search.found);
      if (original) return original;
      current = search.lastRevision;
    } else if (!isExact(expected)) {
      current = await lastRevision(this.client, streamId);
    }

    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.client.appendToStream(streamId, proposed, { expectedRevision: exactRevision(streamId, expected, current) });
        return await this.resultOf(streamId, result);
      } catch (error) {
        if (error instanceof MaxAppendSizeExceededError) {
          throw new InvalidAppend(`append to ${streamId} is larger than the server's maximum append size (${error.maxAppendSize} bytes)`);
        }
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const actual = actualRevision(error.actualVersion);
        if (isExact(expected) || attempt >= ANY_ATTEMPTS) throw new WrongExpectedRevision(streamId, expected, actual);
        // Another writer appended since `current`; it may have been this very batch.
        const since = await findEventIds(this.client, streamId, ids, current + 1);
        const original = settle(ids, since.found);
        if (original) return original;
        current = Math.max(since.lastRevision, actual);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const { maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const fromRevision = BigInt(Math.max(0, options.fromRevision ?? 0));
    const events: RecordedEvent[] = [];
    for await (const raw of readStreamRaw(this.client, streamId, { fromRevision, maxCount, direction: FORWARDS })) {
      const event = decodeRecorded(raw);
      if (event) events.push(event);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const types = options.types && new Set(options.types);
    return readAllAfter(this.client, options.after ?? 0, options.maxCount ?? Number.POSITIVE_INFINITY, this.chunkSize, types);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return lastLedgerPosition(this.client);
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after ?? 0;
    const subscription: Subscription = new FeedSubscription(
      async (opening) => {
        const fromPosition = await subscriptionStart(this.client, after, this.chunkSize);
        if (opening.isClosed) return undefined;
        const feed = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
        return {
          feed: feed as Feed,
          stop: async () => {
            await feed.unsubscribe();
            feed.destroy();
          },
        };
      },
      (resolved) => {
        const raw = (resolved as { event?: RawEvent }).event;
        return raw ? decodeRecorded(raw) : undefined;
      },
      after,
      () => this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /** The port's result; an older server answering a deduplicated retry gives no position, so read it. */
  private async resultOf(streamId: string, result: EsdbAppendResult): Promise<AppendResult> {
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    const position = result.position
      ? positionNumber(result.position)
      : await positionOfRevision(this.client, streamId, nextExpectedRevision);
    return { nextExpectedRevision, position };
  }

  private assertOpen(): void {
    if (this.closing) throw new StoreError('STORE_CLOSED', 'the event store is closed');
  }
}

/** The original result when the batch is already stored; throws when its ids are reused otherwise. */
function settle(ids: readonly string[], found: ReadonlyMap<string, StoredAt>): AppendResult | undefined {
  const check = checkRetry(ids, found);
  if (check.kind === 'duplicate') throw new DuplicateEventId(check.eventId);
  return check.kind === 'retry' ? check.result : undefined;
}
