// Personal data in events is never plaintext: it is a sealed envelope, encrypted per data
// subject before the domain sees it (src/privacy does the cryptography; the domain only
// knows the shape, and where an envelope belongs).

import { z } from 'zod';
import { entityId } from './values.js';

export const SEAL_VERSION = 'aes-256-gcm:v1';

/**
 * A value encrypted with its data subject's key. `subjectId` says which key; `context` says
 * where the value was sealed (which response, which field). Both are bound to the ciphertext
 * as associated data, so neither can be changed without the envelope refusing to open.
 */
export const sealedEnvelope = z.strictObject({
  sealed: z.literal(SEAL_VERSION),
  subjectId: entityId,
  context: z.string().min(1).max(200),
  iv: z.base64().length(16),
  tag: z.base64().length(24),
  // 20,000 characters of text may take up to 80,000 bytes in UTF-8, and base64 adds a third.
  ciphertext: z.base64().max(120_000),
});
export type SealedEnvelope = z.infer<typeof sealedEnvelope>;

export function isSealed(value: unknown): value is SealedEnvelope {
  return typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === SEAL_VERSION;
}

/** The fields of a response that may hold personal data. */
export type PersonalField = 'respondent' | 'text';

/** Where a response's personal field was sealed: an envelope opens only where it belongs. */
export function feedbackSealContext(activityId: string, feedbackId: string, field: PersonalField): string {
  return `feedback/${activityId}/${feedbackId}/${field}`;
}
