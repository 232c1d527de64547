import { z } from 'zod';
import { entityId, isoDate, lineText, longText, reason, shortText } from '../values.js';
import { defineEvent } from './define.js';

/**
 * What the body did, in the record's own terms. A report's recommendations put to a body are
 * `recommended` until the body decides them (RecommendationDecided); Highland's Chief Officers'
 * Group, asked "to discuss and comment", `discussed`. `not_stated` is what a decision recorded
 * before outcome kinds existed reads as (v1): the ledger cannot claim it was approved. A command
 * may give it too, where the document does not say.
 */
export const decisionOutcomeKinds = ['recommended', 'approved', 'noted', 'deferred', 'rejected', 'discussed', 'not_stated'] as const;
export const decisionOutcomeKind = z.enum(decisionOutcomeKinds).meta({
  title: 'What the body did',
  description: 'Recommended while the body has yet to decide; not stated where the record does not say',
});
export type DecisionOutcomeKind = z.infer<typeof decisionOutcomeKind>;

/** What a body may do with a recommendation put to it (or an item it deferred): anything but recommend it again. */
export const recommendationOutcomeKind = decisionOutcomeKind.exclude(['recommended', 'not_stated']);

/** The body's own reference, e.g. "RC/09/09/01/SJ/WW". */
const reference = lineText(100);

const decisionFacts = {
  decisionId: entityId,
  organisationId: entityId,
  body: shortText.meta({ title: 'Decided by', description: 'The committee, board or partnership that decided' }),
  decidedOn: isoDate.meta({ description: 'The day it was decided' }),
  reference: reference.optional().meta({ description: 'The body’s own reference, e.g. RC/09/09/01/SJ/WW' }),
  title: shortText.meta({ description: 'What was decided, in a line' }),
  /** The outcome in the record's words. */
  outcome: longText.meta({ description: 'The decision as the body made it, in its own words' }),
};

/** DecisionRecorded as first released, before outcome kinds; read as v2 with `outcomeKind: 'not_stated'`. */
export const DecisionRecordedV1 = z.object(decisionFacts);

/** A decision made by a body (committee, board, partnership), or recommendations put to one. v2: `outcomeKind`. */
export const DecisionRecorded = defineEvent('DecisionRecorded', 2, z.object({ ...decisionFacts, outcomeKind: decisionOutcomeKind }));

/** A correction of how the decision was recorded. v2: `outcomeKind`, so a decision upcast as `not_stated` can be stated. */
export const DecisionAmended = defineEvent(
  'DecisionAmended',
  2,
  z.object({
    decisionId: entityId,
    body: shortText.optional(),
    reference: reference.optional(),
    title: shortText.optional(),
    outcome: longText.optional(),
    outcomeKind: decisionOutcomeKind.optional(),
    reason,
  }),
);

/**
 * The body decided a recommendation put to it (or an item it had deferred): approved, noted,
 * deferred again, rejected, or only discussed. The decision keeps its links; from now on it reads
 * as what actually happened, on the day it happened, and later links are judged against that day.
 */
export const RecommendationDecided = defineEvent(
  'RecommendationDecided',
  1,
  z.object({
    decisionId: entityId,
    outcomeKind: recommendationOutcomeKind,
    decidedOn: isoDate,
    /** The body that decided, when it is not the one the recommendation was recorded with (a report's author, a committee). */
    body: shortText.optional(),
    reference: reference.optional(),
    /** What the body decided, in its minute's words. */
    outcome: longText.optional(),
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
