// Reading one stream: raw events for the adapter's own checks, with a missing stream
// read as empty and an abandoned read cancelled on the server.

import {
  BACKWARDS,
  END,
  FORWARDS,
  StreamNotFoundError,
  type Direction,
  type EventStoreDBClient,
  type ReadRevision,
} from '@eventstore/db-client';
import { positionOfRaw, type RawEvent } from './event-codec.js';
import { uuidToUlid } from './ids.js';
import type { StoredAt } from './retry-match.js';

export interface StreamReadOptions {
  fromRevision: ReadRevision;
  maxCount?: number;
  direction: Direction;
}

export async function* readStreamRaw(client: EventStoreDBClient, streamId: string, options: StreamReadOptions): AsyncGenerator<RawEvent> {
  const read = client.readStream(streamId, options);
  let finished = false;
  try {
    for await (const resolved of read) if (resolved.event) yield resolved.event;
    finished = true;
  } catch (error) {
    finished = true;
    if (!(error instanceof StreamNotFoundError)) throw error;
  } finally {
    if (!finished) await read.cancel();
  }
}

/** Revision of the stream's last event, -1 when it does not exist. */
export async function lastRevision(client: EventStoreDBClient, streamId: string): Promise<number> {
  for await (const raw of readStreamRaw(client, streamId, { fromRevision: END, maxCount: 1, direction: BACKWARDS })) {
    return Number(raw.revision);
  }
  return -1;
}

export async function positionOfRevision(client: EventStoreDBClient, streamId: string, revision: number): Promise<number> {
  for await (const raw of readStreamRaw(client, streamId, { fromRevision: BigInt(revision), maxCount: 1, direction: FORWARDS })) {
    return positionOfRaw(raw);
  }
  throw new Error(`EventStoreDB reported an append ending at ${streamId}@${revision}, but that event cannot be read`);
}

export interface IdSearch {
  found: Map<string, StoredAt>;
  /** Revision of the last event the search saw in the stream (-1 for none). */
  lastRevision: number;
}

/**
 * Where any of `ids` sit in the stream. Without `fromRevision`: the whole stream,
 * walking back from the end and stopping once every id is found (a retry usually
 * sits near the end). With it: the events from that revision to the end.
 */
export async function findEventIds(
  client: EventStoreDBClient,
  streamId: string,
  ids: readonly string[],
  fromRevision?: number,
): Promise<IdSearch> {
  const wanted = new Set(ids);
  const found = new Map<string, StoredAt>();
  let last = fromRevision === undefined ? -1 : fromRevision - 1;
  const options: StreamReadOptions =
    fromRevision === undefined ? { fromRevision: END, direction: BACKWARDS } : { fromRevision: BigInt(fromRevision), direction: FORWARDS };
  for await (const raw of readStreamRaw(client, streamId, options)) {
    const revision = Number(raw.revision);
    last = Math.max(last, revision);
    const id = uuidToUlid(raw.id);
    if (id !== undefined && wanted.has(id)) {
      found.set(id, { revision, position: positionOfRaw(raw) });
      if (fromRevision === undefined && found.size === wanted.size) break;
    }
  }
  return { found, lastRevision: last };
}
