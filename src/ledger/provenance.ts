// An event with its provenance, flat, as auditors read it: in entity histories,
// the event feed and traces alike.

import { z } from 'zod';
import { recordSourceAsRead } from '../domain/source.js';
import type { RecordedEvent } from '../store/port.js';

export const recordedEventSchema = z.object({
  id: z.string(),
  type: z.string(),
  version: z.int(),
  streamId: z.string(),
  revision: z.int(),
  position: z.int(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  actor: z.string(),
  organisation: z.string().nullable(),
  correlationId: z.string(),
  causationId: z.string().nullable(),
  hash: z.string().nullable(),
  /** The document the event was recorded from, when its command gave one. */
  source: recordSourceAsRead.optional(),
  data: z.unknown(),
});

/** An event with its provenance, flat, as auditors read it. The data is as recorded (not upcast). */
export function withProvenance(event: RecordedEvent): z.infer<typeof recordedEventSchema> {
  const { metadata } = event;
  return {
    id: event.id,
    type: event.type,
    version: event.version,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    organisation: metadata.organisation,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    hash: event.hash,
    ...(metadata.source ? { source: metadata.source } : {}),
    data: event.data,
  };
}
