import { z } from 'zod';
import { recordSource } from '../source.js';
import { timestamp } from '../values.js';

/** Metadata every event carries. `actor` and `organisation` come from the credential, never from a request body. */
export const eventMetadata = z.object({
  actor: z.string().min(1).max(200),
  organisation: z.string().min(1).max(64).nullable(),
  recordedAt: timestamp,
  occurredAt: timestamp,
  correlationId: z.string().min(1).max(100),
  causationId: z.string().min(1).max(100).nullable(),
  /** The document the command was recorded from, on every event of that command; absent when none was given. */
  source: recordSource.optional(),
});
export type EventMetadata = z.infer<typeof eventMetadata>;
