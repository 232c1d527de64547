import { z } from 'zod';
import {
  dateWindow,
  engagementCategory,
  entityId,
  equalityMonitoring,
  isoDate,
  lineText,
  longText,
  publishedDocument,
  reason,
  shortText,
} from '../values.js';
import { sealedEnvelope } from '../personal-data.js';
import { defineEvent } from './define.js';
import { howToTakePart } from './publication.js';

export const activityMethods = [
  'survey',
  'workshop',
  'focus_group',
  'public_meeting',
  'forum',
  'citizens_panel',
  'mystery_shop',
  'interview',
  'exhibition',
  'information_campaign',
  'online_consultation',
  'drop_in',
  'other',
] as const;

const lists = {
  topics: z.array(lineText(100)).max(50).meta({ description: 'What it is about, one topic per line (e.g. anti-social behaviour)' }),
  areaIds: z.array(entityId).max(200).meta({ title: 'Areas', description: 'The ids of the areas it covers, one per line' }),
  communityIds: z.array(entityId).max(200).meta({ title: 'Communities of interest', description: 'The ids of the communities of interest it reaches, one per line' }),
  /** Partner organisations running it jointly with the recording organisation. */
  jointPartnerIds: z.array(entityId).max(100).meta({ title: 'Joint partners', description: 'Organisations running it with yours (their ids, one per line)' }),
};

/** Without defaults: a correction names only what it changes, and an absent list is "unchanged", never "emptied". */
const activityDetails = {
  title: shortText.meta({ description: 'What it is called, as people will see it' }),
  category: engagementCategory.meta({ description: 'How far people take part: from being informed to acting together' }),
  method: z.enum(activityMethods).meta({ description: 'How people take part' }),
  description: longText.optional().meta({ description: 'What it asks and of whom' }),
  ...lists,
  planId: entityId.optional().meta({ description: 'The plan it serves, if any (its id)' }),
  objectiveId: entityId.optional().meta({ description: 'The plan’s objective it serves, if any (its id)' }),
  /** The plan action it delivers (Halton's "Re-establish the Community Engagement Network" run as a meeting). */
  actionId: entityId.optional().meta({ description: 'The plan action it delivers, if any (its id)' }),
  /** How residents take part: a link and plain words (the public site's "how to take part"). */
  howToTakePart: howToTakePart.optional().meta({ description: 'How residents take part: a link, and how to respond in plain words' }),
};

/** When planned, an absent list is an empty one. */
const plannedDetails = {
  ...activityDetails,
  topics: lists.topics.default([]).meta(lists.topics.meta() ?? {}),
  areaIds: lists.areaIds.default([]).meta(lists.areaIds.meta() ?? {}),
  communityIds: lists.communityIds.default([]).meta(lists.communityIds.meta() ?? {}),
  jointPartnerIds: lists.jointPartnerIds.default([]).meta(lists.jointPartnerIds.meta() ?? {}),
};

/**
 * v2: several areas (`areaIds`), the documents published with it and joint partners.
 * v1 had a single optional `areaId`; upcasters.ts reads v1 as v2.
 * v3: the plan action it delivers (`actionId`); a v2 event named none.
 * v4: how to take part (`howToTakePart`); a v3 event gave none.
 */
export const ActivityPlanned = defineEvent(
  'ActivityPlanned',
  4,
  z.object({
    activityId: entityId,
    organisationId: entityId,
    ...plannedDetails,
    window: dateWindow,
    documents: z.array(publishedDocument).max(100).default([]).meta({ description: 'Documents published with it, so people can give it intelligent consideration' }),
  }),
);

/** ActivityPlanned as first released, kept so old events stay readable. */
export const ActivityPlannedV1 = z.object({
  activityId: entityId,
  organisationId: entityId,
  title: shortText,
  category: engagementCategory,
  method: z.enum(activityMethods),
  description: longText.optional(),
  topics: z.array(z.string()).default([]),
  areaId: entityId.optional(),
  communityIds: z.array(entityId).default([]),
  planId: entityId.optional(),
  objectiveId: entityId.optional(),
  window: dateWindow,
});

/** A correction of what was planned: only the fields given change. v2: it may name the plan action delivered; v3: how to take part. */
export const ActivityDetailsAmended = defineEvent(
  'ActivityDetailsAmended',
  3,
  z.object({
    activityId: entityId,
    changes: z.object(activityDetails).partial().meta({ title: 'What changes', description: 'Only the fields you fill in change; the rest stay as they are' }),
    reason: reason.meta({ description: 'Why it is corrected' }),
  }),
);

export const ActivityRescheduled = defineEvent(
  'ActivityRescheduled',
  1,
  z.object({ activityId: entityId, window: dateWindow, reason: reason.meta({ description: 'Why it moved' }) }),
);

export const ActivityDocumentPublished = defineEvent(
  'ActivityDocumentPublished',
  1,
  z.object({ activityId: entityId, document: publishedDocument }),
);

export const ActivityOpened = defineEvent(
  'ActivityOpened',
  1,
  z.object({ activityId: entityId, openedOn: isoDate.meta({ description: 'The day people could first take part' }) }),
);

/** Participation and equality monitoring as they were when it closed; never recomputed later. */
export const ActivityClosed = defineEvent(
  'ActivityClosed',
  1,
  z.object({
    activityId: entityId,
    closedOn: isoDate.meta({ description: 'The last day people could take part' }),
    /** Absent where the record gives no headcount (a seed that says only "more than 75 key people"). */
    participants: z.int().min(0).optional().meta({ description: 'How many people took part, where they were counted' }),
    equalityMonitoring: equalityMonitoring.optional(),
  }),
);

export const ActivityCancelled = defineEvent(
  'ActivityCancelled',
  1,
  z.object({ activityId: entityId, cancelledOn: isoDate, reason: reason.meta({ description: 'Why it will not go ahead' }) }),
);

/**
 * Who gave a response, in clear: how FeedbackReceived v1 recorded it. Since v2 the API seals
 * these fields before the domain sees them (SECURITY.md); only events recorded before v2 hold them.
 */
export const respondentInClear = z.object({
  /** A stable reference for the data subject, for erasure requests. */
  subjectId: entityId.optional().meta({ title: 'Subject id', description: 'Your reference for this person (not their name or e-mail), to find their data for an erasure request' }),
  name: shortText.optional().meta({ description: 'Their name' }),
  contact: shortText.optional().meta({ description: 'An e-mail address or telephone number' }),
  postcode: lineText(12).optional().meta({ description: 'Their postcode' }),
});

export const feedbackKinds = ['response', 'comment', 'compliment', 'complaint'] as const;

const feedbackFacts = {
  activityId: entityId,
  feedbackId: entityId,
  kind: z.enum(feedbackKinds).meta({ description: 'What it is' }),
  receivedOn: isoDate.meta({ description: 'The day it was given' }),
  /** A grouped response (a table at a workshop) stands for several people. */
  respondents: z.int().min(1).default(1).meta({ title: 'People', description: 'How many people it speaks for (a table at a workshop may be several)' }),
  areaId: entityId.optional().meta({ title: 'Area', description: 'The id of the area the person lives in, if known' }),
  communityIds: z.array(entityId).max(50).default([]).meta({ title: 'Communities of interest', description: 'The ids of their communities of interest, one per line' }),
};

/** FeedbackReceived as first released: text and respondent in clear. Kept so old events stay readable. */
export const FeedbackReceivedV1 = z.object({ ...feedbackFacts, text: longText, respondent: respondentInClear.optional() });

/**
 * v2: personal data is sealed per data subject (src/domain/personal-data.ts). The respondent
 * (name, contact, postcode) is an envelope; so is the text of a response from an identified
 * person, or one marked personal. A respondent in clear is only ever a v1 event read through
 * its upcaster: commands accept envelopes only (aggregates/activity.ts).
 */
export const FeedbackReceived = defineEvent(
  'FeedbackReceived',
  2,
  z.object({
    ...feedbackFacts,
    text: z.union([longText, sealedEnvelope]),
    respondent: z.union([sealedEnvelope, respondentInClear]).optional(),
  }),
);

/**
 * A response's personal fields are not to be shown any more; the response stays in the ledger.
 * It destroys nothing: to make sealed personal data unreadable, erase the data subject (SubjectErased).
 */
export const FeedbackRedacted = defineEvent(
  'FeedbackRedacted',
  1,
  z.object({
    activityId: entityId,
    feedbackId: entityId.meta({ title: 'Response', description: 'The id of the response' }),
    fields: z.array(z.enum(['text', 'respondent'])).min(1).meta({ description: 'Which of its fields to stop showing' }),
    reason,
  }),
);

/** What the organisation concluded people said: a theme, with the feedback it summarises. */
export const FindingRecorded = defineEvent(
  'FindingRecorded',
  1,
  z.object({
    activityId: entityId,
    findingId: entityId,
    theme: shortText.meta({ description: 'What it is about, in a few words' }),
    summary: longText.meta({ description: 'What people said, in your organisation’s words (no one’s personal details)' }),
    feedbackIds: z.array(entityId).max(10_000).default([]).meta({ title: 'Responses', description: 'The ids of the responses it summarises, one per line (optional)' }),
  }),
);

export const FindingAmended = defineEvent(
  'FindingAmended',
  1,
  z.object({
    activityId: entityId,
    findingId: entityId,
    theme: shortText.optional(),
    summary: longText.optional(),
    feedbackIds: z.array(entityId).max(10_000).optional(),
    reason,
  }),
);

export const FindingWithdrawn = defineEvent('FindingWithdrawn', 1, z.object({ activityId: entityId, findingId: entityId, reason }));

/** "You said, we did": the participants were told the outcome, when and how. */
export const FeedbackGivenToParticipants = defineEvent(
  'FeedbackGivenToParticipants',
  1,
  z.object({
    activityId: entityId,
    givenOn: isoDate.meta({ title: 'Told on', description: 'The day participants were told the outcome' }),
    channel: z.enum(['letter', 'email', 'website', 'meeting', 'newsletter', 'social_media', 'report', 'other']).meta({ description: 'How they were told' }),
    summary: longText.meta({ description: 'What they were told: “you said, we did”' }),
    decisionIds: z.array(entityId).max(100).default([]).meta({ title: 'Decisions', description: 'The ids of the decisions they were told about, one per line' }),
  }),
);

/** A joint partner named by the activity accepted: from now on its officers record against it too. The organisation is the accepting officer's. */
export const JointPartnershipAccepted = defineEvent('JointPartnershipAccepted', 1, z.object({ activityId: entityId, organisationId: entityId }));

/** A joint partner named by the activity declined; it stays named, with no rights and no share in the activity. */
export const JointPartnershipDeclined = defineEvent(
  'JointPartnershipDeclined',
  1,
  z.object({ activityId: entityId, organisationId: entityId, reason: reason.optional() }),
);
