// Generated ledgers (src/generate) hold made-up personal data, sealed as the API would seal
// it but with one published key and IVs derived from where each value sits, so that the
// same seed still gives byte-identical events. Never use this for real data: the key is here.

import { createHash } from 'node:crypto';
import { feedbackSealContext, type PersonalField, type SealedEnvelope } from '../domain/personal-data.js';
import { seal } from './envelope.js';

export const GENERATED_DATA_KEY = createHash('sha256').update('engagement-ledger: generated test data, not secret').digest();

function sealHere(value: unknown, subjectId: string, activityId: string, feedbackId: string, field: PersonalField): SealedEnvelope {
  const context = feedbackSealContext(activityId, feedbackId, field);
  const iv = createHash('sha256').update(context).digest().subarray(0, 12);
  return seal(value, GENERATED_DATA_KEY, { subjectId, context }, iv);
}

/** A generated response's text and respondent, sealed for its subject. */
export function sealGeneratedResponse(
  activityId: string,
  feedbackId: string,
  text: string,
  respondent: { subjectId: string; postcode: string },
): { text: SealedEnvelope; respondent: SealedEnvelope } {
  return {
    text: sealHere(text, respondent.subjectId, activityId, feedbackId, 'text'),
    respondent: sealHere(respondent, respondent.subjectId, activityId, feedbackId, 'respondent'),
  };
}
