// Personal data in responses is sealed here, at the edge, before the command reaches the
// domain: the domain and the log only ever see envelopes.
//
// What is sealed: the respondent (name, contact, postcode, with their subject id), and the
// text of any response that comes from an identified person or is marked personal. A
// response names its subject by `respondent.subjectId`; one with personal data and no
// subject id gets a new one, returned to the caller so the person can be erased later.

import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { FeedbackReceived, respondentInClear } from '../domain/events/activity.js';
import { feedbackSealContext, type SealedEnvelope } from '../domain/personal-data.js';
import { entityId, longText } from '../domain/values.js';
import { IV_BYTES, seal } from './envelope.js';
import { RandomDraw } from './random-draw.js';
import type { SubjectKeys } from './key-store.js';

const newSubjectId = monotonicFactory();

/** What a caller may send about a response's personal data, in clear (over TLS), to be sealed on arrival. */
export const personalInput = {
  respondent: respondentInClear.optional().meta({
    description: 'Who gave it. Sealed on arrival with the subject’s own key; a new subjectId is made (and returned) when none is given',
  }),
  personalText: z.boolean().optional().meta({
    description: 'The text may identify someone: seal it too (it always is when a respondent is given)',
  }),
};

/**
 * One response as an officer gives it, personal data in clear (the API's feedback route, the
 * workbench's form and spreadsheet import): the recorded response's fields, with the text and
 * the respondent in clear and an optional id (a new one is made when absent).
 */
export const feedbackInClear = FeedbackReceived.schema
  .omit({ activityId: true, feedbackId: true, text: true, respondent: true })
  .extend({ feedbackId: entityId.optional(), text: longText, ...personalInput });
export type FeedbackInClear = z.infer<typeof feedbackInClear>;

export interface ResponseInClear {
  feedbackId: string;
  text: string;
  respondent?: z.infer<typeof respondentInClear>;
  personalText?: boolean;
  [field: string]: unknown;
}

export type SealedResponse = Omit<ResponseInClear, 'respondent' | 'personalText' | 'text'> & { text: string | SealedEnvelope; respondent?: SealedEnvelope };

function isPersonal(response: ResponseInClear): boolean {
  return response.respondent !== undefined || response.personalText === true;
}

/** Seal the personal fields of an activity's responses, each with its subject's key. */
export async function sealResponses(keys: Pick<SubjectKeys, 'keysToSeal'>, activityId: string, responses: readonly ResponseInClear[]): Promise<SealedResponse[]> {
  const subjects = responses.map((r) => (isPersonal(r) ? (r.respondent?.subjectId ?? newSubjectId()) : null));
  const personal = subjects.filter((s): s is string => s !== null);
  const subjectKeys = await keys.keysToSeal(personal);
  // Two seals at most per personal response, their IVs drawn together.
  const ivs = new RandomDraw(IV_BYTES, 2 * personal.length);
  return responses.map((response, i) => {
    const subjectId = subjects[i];
    // Nothing to seal and nothing to drop: the response as given, not copied.
    if (!subjectId && !('personalText' in response) && !('respondent' in response)) return response as SealedResponse;
    const { respondent, personalText: _marked, ...rest } = response;
    if (!subjectId) return rest;
    const key = subjectKeys.get(subjectId) as Buffer;
    const at = (field: 'respondent' | 'text') => ({ subjectId, context: feedbackSealContext(activityId, response.feedbackId, field) });
    return {
      ...rest,
      text: seal(rest.text, key, at('text'), ivs.take()),
      ...(respondent ? { respondent: seal({ ...respondent, subjectId }, key, at('respondent'), ivs.take()) } : {}),
    };
  });
}

/** The subject of each recorded response that has one, for the caller to keep. */
export function subjectsOf(events: readonly { type: string; data: unknown }[]): { feedbackId: string; subjectId: string }[] {
  const subjects: { feedbackId: string; subjectId: string }[] = [];
  for (const event of events) {
    if (event.type !== 'FeedbackReceived') continue;
    const data = event.data as { feedbackId: string; text: unknown; respondent?: unknown };
    const envelope = [data.respondent, data.text].find((v): v is SealedEnvelope => typeof v === 'object' && v !== null && 'sealed' in v);
    if (envelope) subjects.push({ feedbackId: data.feedbackId, subjectId: envelope.subjectId });
  }
  return subjects;
}
