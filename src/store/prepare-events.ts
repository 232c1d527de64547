// Checking a writer's batch and serialising it, before anything is queued, sent or written.
// Every adapter refuses the same batches the same way.

import { canonicalJson } from './chain.js';
import { EventTooLarge, InvalidAppend } from './errors.js';
import { MAX_EVENT_BYTES, type ExpectedRevision, type NewEvent } from './port.js';

/**
 * A checked event with the JSON to store, ready to be given a place in the log. The JSON
 * is canonical (chain.ts) and taken when the append is made, so a writer changing its
 * objects while the append waits for its group changes nothing recorded.
 */
export interface PreparedEvent {
  id: string;
  type: string;
  version: number;
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
  const metadataJsonOf = metadataSerialiser();
  return events.map((event) => {
    if (typeof event.id !== 'string' || event.id.length === 0) throw new InvalidAppend(`an event for ${streamId} has no id`);
    if (ids.has(event.id)) throw new InvalidAppend(`event id ${event.id} appears twice in one append`);
    ids.add(event.id);
    return serialise(event, metadataJsonOf(event.metadata));
  });
}

/**
 * The events of one command share one metadata object (who, when, correlation): its canonical
 * JSON is taken once for the append, not once per event. Taken here, in one synchronous pass,
 * the object cannot change between one event and the next.
 */
function metadataSerialiser(): (metadata: NewEvent['metadata']) => string | undefined {
  let last: NewEvent['metadata'] | undefined;
  let lastJson: string | undefined;
  return (metadata) => {
    if (metadata === last && typeof metadata === 'object' && metadata !== null) return lastJson;
    last = metadata;
    lastJson = canonicalJson(metadata) as string | undefined;
    return lastJson;
  };
}

function serialise(event: NewEvent, metadataJson: string | undefined): PreparedEvent {
  const dataJson = canonicalJson(event.data) as string | undefined;
  if (dataJson === undefined || metadataJson === undefined) {
    throw new InvalidAppend(`event ${event.id}: data and metadata must be JSON`);
  }
  const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLarge(event.id, bytes, MAX_EVENT_BYTES);
  return { id: event.id, type: event.type, version: event.version, dataJson, metadataJson };
}
