// Checking a writer's batch before anything is sent: the checks every adapter makes
// (prepare-events.ts), plus what EventStoreDB needs (ULID ids, no `$` names).

import type { EventData } from '@eventstore/db-client';
import { InvalidAppend } from '../errors.js';
import type { EventMetadata, ExpectedRevision, NewEvent } from '../port.js';
import { checkExpectedRevision, prepareEvents } from '../prepare-events.js';
import { toEventData } from './event-codec.js';
import { RESERVED_PREFIX } from './id-claims.js';
import { isUlid } from './ids.js';

export function prepareAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): EventData[] {
  if (typeof streamId === 'string' && streamId.startsWith('$')) {
    throw new InvalidAppend(`stream ${streamId}: names starting with $ are EventStoreDB system streams`);
  }
  if (typeof streamId === 'string' && streamId.startsWith(RESERVED_PREFIX)) {
    throw new InvalidAppend(`stream ${streamId}: names starting with ${RESERVED_PREFIX} are the adapter's own`);
  }
  checkExpectedRevision(expected);
  return prepareEvents(streamId, events).map(({ id, type, version, dataJson, metadataJson }) => {
    if (!isUlid(id)) throw new InvalidAppend(`event id ${JSON.stringify(id)} for ${streamId} is not a canonical (upper-case) ULID`);
    if (typeof type !== 'string' || type.length === 0 || type.startsWith('$')) {
      throw new InvalidAppend(`event ${id}: type ${JSON.stringify(type)} is empty or starts with $`);
    }
    // Copies parsed from the JSON taken now, so later changes to the writer's objects cannot leak into the append.
    return toEventData({ id, type, version, data: JSON.parse(dataJson) as unknown, metadata: JSON.parse(metadataJson) as EventMetadata });
  });
}
