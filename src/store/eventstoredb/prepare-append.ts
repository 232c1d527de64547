// Checking a writer's batch before anything is sent: the same refusals as the SQLite
// adapter (same size rule), plus what EventStoreDB needs (ULID ids, no `$` names).

import { EventTooLarge, InvalidAppend } from '../errors.js';
import { MAX_EVENT_BYTES, type EventMetadata, type ExpectedRevision, type NewEvent } from '../port.js';
import type { EventData } from '@eventstore/db-client';
import { toEventData } from './event-codec.js';
import { RESERVED_PREFIX } from './id-claims.js';
import { isUlid } from './ids.js';

export function prepareAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): EventData[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppend('stream id is empty');
  if (streamId.startsWith('$')) throw new InvalidAppend(`stream ${streamId}: names starting with $ are EventStoreDB system streams`);
  if (streamId.startsWith(RESERVED_PREFIX)) throw new InvalidAppend(`stream ${streamId}: names starting with ${RESERVED_PREFIX} are the adapter's own`);
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= 0)) {
    throw new InvalidAppend(`expected revision ${expected} is not a stream revision`);
  }
  if (events.length === 0) throw new InvalidAppend(`append to ${streamId} has no events`);
  const ids = new Set<string>();
  return events.map((event) => {
    if (typeof event.id !== 'string' || !isUlid(event.id)) {
      throw new InvalidAppend(`event id ${JSON.stringify(event.id)} for ${streamId} is not a canonical (upper-case) ULID`);
    }
    if (ids.has(event.id)) throw new InvalidAppend(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.startsWith('$')) {
      throw new InvalidAppend(`event ${event.id}: type ${JSON.stringify(event.type)} is empty or starts with $`);
    }
    return toEventData(frozenCopy(event));
  });
}

/** The event as its JSON will be stored, so later changes to the writer's objects cannot leak into the append. */
function frozenCopy(event: NewEvent): NewEvent {
  const dataJson = JSON.stringify(event.data) as string | undefined;
  const metadataJson = JSON.stringify(event.metadata) as string | undefined;
  if (dataJson === undefined || metadataJson === undefined) {
    throw new InvalidAppend(`event ${event.id}: data and metadata must be JSON`);
  }
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLarge(event.id, bytes, MAX_EVENT_BYTES);
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    data: JSON.parse(dataJson) as unknown,
    metadata: JSON.parse(metadataJson) as EventMetadata,
  };
}
