import { z } from 'zod';
import { entityId, isoDate, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

/** A decision made by a body (committee, board, partnership). */
export const DecisionRecorded = defineEvent(
  'DecisionRecorded',
  1,
  z.object({
    decisionId: entityId,
    organisationId: entityId,
    body: shortText,
    decidedOn: isoDate,
    /** The body's own reference, e.g. "RC/09/09/01". */
    reference: z.string().trim().min(1).max(100).optional(),
    title: shortText,
    outcome: longText,
  }),
);

export const DecisionAmended = defineEvent(
  'DecisionAmended',
  1,
  z.object({
    decisionId: entityId,
    body: shortText.optional(),
    reference: z.string().trim().min(1).max(100).optional(),
    title: shortText.optional(),
    outcome: longText.optional(),
    reason,
  }),
);

export const influenceKinds = ['changed', 'confirmed', 'not_adopted'] as const;
export const influenceKind = z.enum(influenceKinds);

/** What the decision cites: a whole activity, or one finding of it. */
export const influenceSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activity'), activityId: entityId }),
  z.object({ kind: z.literal('finding'), activityId: entityId, findingId: entityId }),
]);
export type InfluenceSource = z.infer<typeof influenceSource>;

/** "Show that account has been taken of views when decisions are made." */
export const InfluenceLinked = defineEvent(
  'InfluenceLinked',
  1,
  z.object({
    decisionId: entityId,
    linkId: entityId,
    source: influenceSource,
    influence: influenceKind,
    rationale: longText,
    /** Why a view was not adopted; required for `not_adopted`. */
    notAdoptedReason: longText.optional(),
  }),
);

export const InfluenceLinkWithdrawn = defineEvent(
  'InfluenceLinkWithdrawn',
  1,
  z.object({ decisionId: entityId, linkId: entityId, reason }),
);
