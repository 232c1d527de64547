// What an officer may ask of an activity: the commands, apart from the decider so that the rules
// on what a command attaches the activity to (activity-attachments.ts) can read them without
// importing the aggregate that uses those rules.

import { z } from 'zod';
import {
  ActivityCancelled,
  ActivityClosed,
  ActivityDetailsAmended,
  ActivityDocumentPublished,
  ActivityOpened,
  ActivityPlanned,
  ActivityRescheduled,
  FeedbackGivenToParticipants,
  FeedbackReceived,
  FeedbackRedacted,
  FindingAmended,
  FindingRecorded,
  FindingWithdrawn,
  JointPartnershipAccepted,
  JointPartnershipDeclined,
} from '../events/activity.js';
import { sealedEnvelope } from '../personal-data.js';
import { entityId } from '../values.js';
import { activityPublicationCommands } from './publication.js';

/** Most responses one command may carry: a survey's batch is all or nothing, so it is bounded. */
export const MAX_FEEDBACK_BATCH = 5_000;

/** A response as a command carries it: personal data arrives sealed, never in clear (the API seals it). */
const sealedResponse = FeedbackReceived.schema.omit({ activityId: true }).extend({ respondent: sealedEnvelope.optional() });

export const activityCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('PlanActivity'), data: ActivityPlanned.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('AmendActivityDetails'), data: ActivityDetailsAmended.schema }),
  z.object({ type: z.literal('RescheduleActivity'), data: ActivityRescheduled.schema }),
  z.object({ type: z.literal('PublishActivityDocument'), data: ActivityDocumentPublished.schema }),
  z.object({ type: z.literal('OpenActivity'), data: ActivityOpened.schema }),
  z.object({ type: z.literal('CloseActivity'), data: ActivityClosed.schema }),
  z.object({ type: z.literal('CancelActivity'), data: ActivityCancelled.schema }),
  z.object({
    type: z.literal('RecordFeedback'),
    data: z.object({
      activityId: entityId,
      responses: z.array(sealedResponse).min(1).max(MAX_FEEDBACK_BATCH),
    }),
  }),
  z.object({ type: z.literal('RedactFeedback'), data: FeedbackRedacted.schema }),
  z.object({ type: z.literal('RecordFinding'), data: FindingRecorded.schema }),
  z.object({ type: z.literal('AmendFinding'), data: FindingAmended.schema }),
  z.object({ type: z.literal('WithdrawFinding'), data: FindingWithdrawn.schema }),
  z.object({ type: z.literal('GiveFeedbackToParticipants'), data: FeedbackGivenToParticipants.schema }),
  /** The organisation answering is the officer's own, from the credential. */
  z.object({ type: z.literal('AcceptJointPartnership'), data: JointPartnershipAccepted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('DeclineJointPartnership'), data: JointPartnershipDeclined.schema.omit({ organisationId: true }) }),
  ...activityPublicationCommands,
]);
export type ActivityCommand = z.output<typeof activityCommand>;
