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
    body: shortText.meta({ title: 'Decided by', description: 'The committee, board or partnership that decided' }),
    decidedOn: isoDate.meta({ description: 'The day it was decided' }),
    /** The body's own reference, e.g. "RC/09/09/01". */
    reference: z.string().trim().min(1).max(100).optional().meta({ description: 'The body’s own reference, e.g. RC/09/09/01' }),
    title: shortText.meta({ description: 'What was decided, in a line' }),
    outcome: longText.meta({ description: 'The decision as the body made it' }),
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
export const influenceKind = z.enum(influenceKinds).meta({ title: 'How it counted', description: 'Changed the decision, confirmed it, or was not adopted' });

/** What the decision cites: a whole activity, or one finding of it. */
export const influenceSource = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('activity'), activityId: entityId }).meta({ title: 'A whole activity' }),
    z.object({ kind: z.literal('finding'), activityId: entityId, findingId: entityId }).meta({ title: 'One finding of an activity' }),
  ])
  .meta({ title: 'What it cites', description: 'The consultation or activity, or one of its findings, that the decision took into account' });
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
    rationale: longText.meta({ description: 'How it was taken into account' }),
    /** Why a view was not adopted; required for `not_adopted`. */
    notAdoptedReason: longText.optional().meta({ title: 'Why it was not adopted', description: 'Needed when the view was not adopted' }),
  }),
);

export const InfluenceLinkWithdrawn = defineEvent(
  'InfluenceLinkWithdrawn',
  1,
  z.object({ decisionId: entityId, linkId: entityId, reason }),
);
