import { readStoredEvent } from '../domain/events/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import type { ProjectedEvent } from './projection.js';

export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent {
  const event = readStoredEvent(recorded.type, recorded.version, recorded.data);
  // Built field by field: a spread makes a slower object, and this runs for every event of a rebuild.
  return {
    type: event.type,
    data: event.data,
    id: recorded.id,
    streamId: recorded.streamId,
    position: recorded.position,
    metadata: recorded.metadata,
  } as ProjectedEvent;
}
