import { readStoredEvent } from '../domain/events/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import type { ProjectedEvent } from './projection.js';

export function toProjectedEvent(recorded: RecordedEvent): ProjectedEvent {
  return {
    ...readStoredEvent(recorded.type, recorded.version, recorded.data),
    id: recorded.id,
    streamId: recorded.streamId,
    position: recorded.position,
    metadata: recorded.metadata,
  };
}
