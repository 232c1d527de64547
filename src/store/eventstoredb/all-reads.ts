// Reading $all "strictly after" a position number.
//
// EventStoreDB can only start a read at a record boundary; a number in the middle of a
// record makes it fail (or, in principle, misread). Positions this adapter hands out
// are boundaries (each is an event's own log position), but the port lets callers pass
// any number ("position - 1" included). So a read starts at `after` only once the first
// event found there sits exactly at `after`; otherwise the adapter finds a boundary
// below it: the last event at or before `after`, walking back from the end of the log
// (cheap when `after` is recent), else the start of the chunk holding `after` (chunks
// always start with a whole record), else the start of the log. Events at or before
// `after` are then skipped on the client.

import {
  AccessDeniedError,
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  NotLeaderError,
  START,
  UnavailableError,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../port.js';
import { decodeRecorded, type RawEvent } from './event-codec.js';
import { chunkStartOf, readPositionAt } from './positions.js';

/** How far back from the end of the log to look for a boundary below a non-boundary `after`. */
const BOUNDARY_SEARCH_EVENTS = 4096;

type AllRawEvent = RawEvent & { position: Position };

interface AllReadOptions {
  fromPosition: ReadPosition;
  direction?: typeof BACKWARDS;
  maxCount?: number;
}

async function* readAllRaw(client: EventStoreDBClient, options: AllReadOptions): AsyncGenerator<AllRawEvent> {
  const read = client.readAll(options);
  let finished = false;
  try {
    for await (const resolved of read) if (resolved.event) yield resolved.event;
    finished = true;
  } catch (error) {
    finished = true;
    throw error;
  } finally {
    if (!finished) await read.cancel();
  }
}

/** Ledger events strictly after `after`, in log order, at most `maxCount` of them. */
export async function readAllAfter(
  client: EventStoreDBClient,
  after: number,
  maxCount: number,
  chunkSize: number,
  types?: ReadonlySet<string>,
): Promise<RecordedEvent[]> {
  if (maxCount <= 0) return [];
  if (after > 0) {
    const fromAfter = await attempt(() => collect(client, readPositionAt(after), after, maxCount, true, types));
    if (fromAfter) return fromAfter;
  }
  const from = after > 0 ? await boundaryBelow(client, after, chunkSize) : START;
  return (await collect(client, from, after, maxCount, false, types))!;
}

/** Where a subscription delivering events strictly after `after` can start. */
export async function subscriptionStart(client: EventStoreDBClient, after: number, chunkSize: number): Promise<ReadPosition> {
  if (after <= 0) return START;
  const atAfter = await attempt(async () => {
    for await (const raw of readAllRaw(client, { fromPosition: readPositionAt(after), maxCount: 1 })) {
      return raw.position.prepare === BigInt(after);
    }
    return false;
  });
  return atAfter ? readPositionAt(after) : boundaryBelow(client, after, chunkSize);
}

/**
 * Reads from `from`, keeping ledger events after `after`. With `mustStartAtAfter`,
 * gives up (undefined) unless the first event read sits exactly at `after`; an empty
 * read is fine then, as nothing at all lies at or beyond `after`.
 */
async function collect(
  client: EventStoreDBClient,
  from: ReadPosition,
  after: number,
  maxCount: number,
  mustStartAtAfter: boolean,
  types?: ReadonlySet<string>,
): Promise<RecordedEvent[] | undefined> {
  const events: RecordedEvent[] = [];
  let first = true;
  for await (const raw of readAllRaw(client, { fromPosition: from })) {
    if (first && mustStartAtAfter && raw.position.prepare !== BigInt(after)) return undefined;
    first = false;
    const event = decodeRecorded(raw);
    if (!event || event.position <= after || (types && !types.has(event.type))) continue;
    events.push(event);
    if (events.length >= maxCount) break;
  }
  return events;
}

/** A record boundary at or before `after` (see the top of this file). */
async function boundaryBelow(client: EventStoreDBClient, after: number, chunkSize: number): Promise<ReadPosition> {
  let seen = 0;
  for await (const raw of readAllRaw(client, { fromPosition: END, direction: BACKWARDS, maxCount: BOUNDARY_SEARCH_EVENTS })) {
    seen++;
    // The event's own position pair, compared by commit: reading from it cannot skip
    // anything the log orders after it.
    if (raw.position.commit <= BigInt(after)) return raw.position;
  }
  if (seen < BOUNDARY_SEARCH_EVENTS) return START;
  const chunk = readPositionAt(chunkStartOf(after, chunkSize));
  if (chunk.commit === 0n) return START;
  const readable = await attempt(async () => {
    for await (const _ of readAllRaw(client, { fromPosition: chunk, maxCount: 1 })) break;
    return true;
  });
  return readable ? chunk : START;
}

/** Runs a read that may fail for a bad position; undefined then. Connection problems still throw. */
async function attempt<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isConnectionProblem(error)) throw error;
    return undefined;
  }
}

function isConnectionProblem(error: unknown): boolean {
  return [UnavailableError, DeadlineExceededError, CancelledError, NotLeaderError, AccessDeniedError].some((type) => error instanceof type);
}

/** The position of the last ledger event in $all (0 for an empty log), walking back past system and claim events. */
export async function lastLedgerPosition(client: EventStoreDBClient): Promise<number> {
  for await (const raw of readAllRaw(client, { fromPosition: END, direction: BACKWARDS })) {
    const event = decodeRecorded(raw);
    if (event) return event.position;
  }
  return 0;
}
