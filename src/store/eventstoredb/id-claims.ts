// Event ids are unique across the whole log (the port's DuplicateEventId), but
// EventStoreDB only knows ids per stream. So before an append, each event id is
// claimed for its stream: one tiny stream per id, `ledger~event-id-<ULID>`, created
// with NO_STREAM so exactly one claim can win; its single event names the owning stream.
//
//   fresh   the claim was made now, so no event with this id was ever appended
//   ours    an earlier append to this same stream claimed it (a retry, or a batch
//           reusing an id of this stream: the stream itself tells which)
//   theirs  another stream owns the id: DuplicateEventId
//
// Costs one extra (parallel) append per event, plus one read per already-claimed id.
// A claim made by an append that then fails (wrong revision, duplicate) stays: the id
// remains bound to that stream, which only matters if a writer later reuses the id for
// another stream, which the port forbids anyway.

import { FORWARDS, jsonEvent, NO_STREAM, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import { DuplicateEventId } from '../errors.js';
import { readStreamRaw } from './stream-reads.js';

/** Streams and event types starting with this are the adapter's own; writers may not use it. */
export const RESERVED_PREFIX = 'ledger~';
const CLAIM_TYPE = `${RESERVED_PREFIX}EventIdClaimed`;

export function claimStreamOf(eventId: string): string {
  return `${RESERVED_PREFIX}event-id-${eventId}`;
}

type Claim = 'fresh' | 'ours' | 'theirs';

/** Claims every id for `streamId`; throws DuplicateEventId if another stream owns one. */
export async function claimEventIds(client: EventStoreDBClient, streamId: string, ids: readonly string[]): Promise<{ allFresh: boolean }> {
  const claims = await Promise.all(ids.map((id) => claim(client, streamId, id)));
  const taken = ids.find((_, i) => claims[i] === 'theirs');
  if (taken !== undefined) throw new DuplicateEventId(taken);
  return { allFresh: claims.every((c) => c === 'fresh') };
}

async function claim(client: EventStoreDBClient, streamId: string, id: string): Promise<Claim> {
  try {
    await client.appendToStream(claimStreamOf(id), jsonEvent({ type: CLAIM_TYPE, data: { streamId } }), { expectedRevision: NO_STREAM });
    return 'fresh';
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  return (await ownerOf(client, id)) === streamId ? 'ours' : 'theirs';
}

async function ownerOf(client: EventStoreDBClient, id: string): Promise<string | undefined> {
  for await (const raw of readStreamRaw(client, claimStreamOf(id), { fromRevision: 0n, maxCount: 1, direction: FORWARDS })) {
    const data = raw.data as { streamId?: unknown } | null;
    return typeof data?.streamId === 'string' ? data.streamId : undefined;
  }
  return undefined;
}
