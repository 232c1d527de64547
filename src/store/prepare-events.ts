// Checking a writer's batch and serialising it, before anything is queued, sent or written.
// Every adapter refuses the same batches the same way.

import { EventTooLarge, InvalidAppend } from './errors.js';
import { MAX_EVENT_BYTES, type EventMetadata, type ExpectedRevision, type NewEvent } from './port.js';

/** A checked event with its stored JSON, ready to be given a place in the log. */
export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
  data: unknown;
  metadata: EventMetadata;
  dataJson: string;
  metadataJson: string;
}

export function checkExpectedRevision(expected: ExpectedRevision): void {
  if (typeof expected === 'number' && !(Number.isInteger(expected) && expected >= 0)) {
    throw new InvalidAppend(`expected revision ${expected} is not a stream revision`);
  }
}

export function prepareEvents(streamId: string, events: readonly NewEvent[]): PreparedEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppend('stream id is empty');
  if (events.length === 0) throw new InvalidAppend(`append to ${streamId} has no events`);
  const ids = new Set<string>();
  return events.map((event) => {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new InvalidAppend(`an event for ${streamId} has no id`);
    if (ids.has(event.id)) throw new InvalidAppend(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    return serialise(event);
  });
}

function serialise(event: NewEvent): PreparedEvent {
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
    // The chain hashes these parsed copies, so the hash covers exactly the stored bytes
    // even if the writer mutates its objects while the append waits for its group.
    data: JSON.parse(dataJson) as unknown,
    metadata: JSON.parse(metadataJson) as EventMetadata,
    dataJson,
    metadataJson,
  };
}
