// A ledger event <-> an EventStoreDB event.
//
//   EventStoreDB event id   = the ULID written as a UUID (ids.ts)
//   EventStoreDB type       = the event type
//   EventStoreDB data       = the event's data, as JSON
//   EventStoreDB metadata   = { ...metadata,                    (the port's EventMetadata, key for key)
//                               $correlationId, $causationId?,   (EventStoreDB's own names, for its UI and projections)
//                               $ledger: { version } }           (the event's schema version)
//
// `$ledger` is also the mark of an event this adapter wrote: events without it (other
// applications, the server's own, the adapter's id claims) are left out of reads.
// The port's metadata has no `$` keys, so reading drops every `$` key.
// EventStoreDB keeps no hash chain, so `hash` is null (tamper evidence on this
// backend is separate, later work).

import { jsonEvent, type EventData, type JSONType } from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '../port.js';
import { ulidToUuid, uuidToUlid } from './ids.js';
import { positionNumber } from './positions.js';

const LEDGER_KEY = '$ledger';

/** The fields of a recorded EventStoreDB event this adapter reads (the client's type fits it). */
export interface RawEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint; prepare: bigint };
}

export function toEventData(event: NewEvent): EventData {
  const { correlationId, causationId } = event.metadata;
  return jsonEvent({
    id: ulidToUuid(event.id),
    type: event.type,
    // jsonEvent's type says object, array or string; any JSON value round-trips.
    data: event.data as JSONType,
    metadata: {
      ...event.metadata,
      $correlationId: correlationId,
      ...(causationId === null ? {} : { $causationId: causationId }),
      [LEDGER_KEY]: { version: event.version },
    },
  });
}

/** The ledger event `raw` holds, or undefined when it is not one this adapter wrote. */
export function decodeRecorded(raw: RawEvent): RecordedEvent | undefined {
  if (!raw.isJson || raw.type.startsWith('$') || !isRecord(raw.metadata)) return undefined;
  const ledger = raw.metadata[LEDGER_KEY];
  if (!isRecord(ledger) || typeof ledger.version !== 'number') return undefined;
  const id = uuidToUlid(raw.id);
  if (id === undefined) return undefined;
  const metadata = Object.fromEntries(Object.entries(raw.metadata).filter(([key]) => !key.startsWith('$')));
  return {
    id,
    type: raw.type,
    version: ledger.version,
    data: raw.data,
    metadata: metadata as unknown as EventMetadata,
    streamId: raw.streamId,
    revision: Number(raw.revision),
    position: positionOfRaw(raw),
    hash: null,
  };
}

/** The adapter's number for a raw event's position (positions.ts). */
export function positionOfRaw(raw: RawEvent): number {
  if (!raw.position) {
    throw new RangeError(`EventStoreDB gave no position for ${raw.streamId}@${raw.revision}; the ledger needs server 22.6 or later`);
  }
  return positionNumber(raw.position);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
