// Response and header schemas shared by routes, so the OpenAPI document describes them once.

import { z } from 'zod';

export const errorBody = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable: match on this, not the message' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export const errorResponses = {
  400: errorBody.describe('The request is malformed; details.issues names each field'),
  401: errorBody.describe('No bearer token, or one the ledger does not know'),
  403: errorBody.describe('The role or organisation may not do this'),
  404: errorBody.describe('No such entity or route'),
  409: errorBody.describe('Stale If-Match revision (details.currentRevision), or an Idempotency-Key in use'),
  413: errorBody.describe('Body or event too large'),
  415: errorBody.describe('Send application/json'),
  422: errorBody.describe('A domain rule refused it; error.code names the rule'),
  429: errorBody.describe('Rate limit reached'),
} as const;

export const commandResponse = z.object({
  id: z.string().meta({ description: 'The entity the command acted on' }),
  createdId: z.string().optional().meta({ description: 'The id of what the command created (an activity, a finding, a link...)' }),
  streamId: z.string(),
  revision: z.int().meta({ description: 'The entity’s revision after the command; send it as If-Match next time' }),
  position: z.int().meta({ description: 'Log position of the last event written; read models have caught up once past it' }),
  events: z.array(z.object({ id: z.string(), type: z.string(), version: z.int() })),
  subjects: z
    .array(z.object({ feedbackId: z.string(), subjectId: z.string() }))
    .optional()
    .meta({ description: 'Feedback only: the data subject of each response holding personal data; keep it to erase them later (SECURITY.md)' }),
});

export const writeHeaders = z.object({
  'idempotency-key': z.string().min(1).max(200).optional().meta({ description: 'Retries with the same key and body return the first response and write nothing' }),
  'if-match': z.string().max(20).optional().meta({ description: 'The revision you last saw, e.g. "3"; a stale one gets 409' }),
});
