// The facts the influence, feedback-loop and lawful-consultation read models keep: one
// document per activity, per decision and per organisation. Each event changes one document;
// views join them when they run. Copying an activity's title into the decisions that cite it
// would go stale: `keys(event)` for an ActivityDetailsAmended cannot know which decisions cite it.
// Every fact keeps the id of the event that shows it, so a view can cite its evidence.

import type { EngagementCategory, IsoDate } from '../../../domain/values.js';
import type { EventData } from '../../../domain/events/catalogue.js';

export interface PublishedDocumentFact {
  title: string;
  url: string | null;
  publishedOn: IsoDate;
  eventId: string;
}

export interface FindingFact {
  findingId: string;
  theme: string;
  withdrawn: boolean;
  /** The FindingRecorded event. */
  eventId: string;
}

export interface FeedbackGivenFact {
  givenOn: IsoDate;
  channel: EventData<'FeedbackGivenToParticipants'>['channel'];
  decisionIds: string[];
  eventId: string;
}

export interface ActivityFacts {
  kind: 'activity';
  activityId: string;
  organisationId: string;
  jointPartnerIds: string[];
  title: string;
  category: EngagementCategory;
  areaIds: string[];
  communityIds: string[];
  /** The window as last planned or rescheduled, and the event that set it. */
  window: { opens: IsoDate; closes: IsoDate; eventId: string };
  /** The ActivityPlanned event, which shows what was planned (documents included, even none). */
  plannedEventId: string;
  documents: PublishedDocumentFact[];
  opened: { on: IsoDate; eventId: string } | null;
  closed: { on: IsoDate; eventId: string } | null;
  cancelledOn: IsoDate | null;
  findings: FindingFact[];
  feedbackGiven: FeedbackGivenFact[];
}

export interface InfluenceLinkFact {
  linkId: string;
  activityId: string;
  findingId: string | null;
  influence: EventData<'InfluenceLinked'>['influence'];
  rationale: string;
  notAdoptedReason: string | null;
  /** A withdrawn link stays, marked: a view may count what was once claimed. */
  withdrawn: boolean;
  /** The InfluenceLinked event. */
  eventId: string;
}

export interface DecisionFacts {
  kind: 'decision';
  decisionId: string;
  organisationId: string;
  body: string;
  decidedOn: IsoDate;
  reference: string | null;
  title: string;
  /** The DecisionRecorded event. */
  eventId: string;
  links: InfluenceLinkFact[];
}

export interface OrganisationFacts {
  kind: 'organisation';
  organisationId: string;
  name: string;
}

export type EngagementDocument = ActivityFacts | DecisionFacts | OrganisationFacts;

export const activityKey = (activityId: string): string => `activity:${activityId}`;
export const decisionKey = (decisionId: string): string => `decision:${decisionId}`;
export const organisationKey = (organisationId: string): string => `organisation:${organisationId}`;

/** The key prefixes a view over these facts loads. */
export const engagementDocumentPrefixes = ['activity:', 'decision:', 'organisation:'] as const;
