// An activity's facts, event by event: what it is, who runs it, whom it targets, on what topics,
// when, where it stands, what it published, found and told its participants, and how many took
// part. One kind of fact every view over activities reads (influence, feedback loop, lawful
// consultation, health check, duplication, calendar). Pure: the domain already refused anything
// out of order, so an event for an activity never planned is ignored rather than guessed at.
// Every fact keeps the id of the event that shows it, so a view can cite its evidence.

import type { EventData } from '../../domain/events/catalogue.js';
import type { EngagementCategory, IsoDate } from '../../domain/values.js';
import { definedFields } from '../entities/corrections.js';
import type { ProjectedEventOf } from '../projection.js';

type Planned = EventData<'ActivityPlanned'>;

export type ActivityStatus = 'planned' | 'open' | 'closed' | 'cancelled';

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
  activityId: string;
  organisationId: string;
  jointPartnerIds: string[];
  title: string;
  description?: string;
  category: EngagementCategory;
  method: Planned['method'];
  topics: string[];
  areaIds: string[];
  communityIds: string[];
  /** The window as last planned or rescheduled, and the event that set it. */
  window: { opens: IsoDate; closes: IsoDate; eventId: string };
  status: ActivityStatus;
  /** The ActivityPlanned event, which shows what was planned (documents included, even none). */
  plannedEventId: string;
  documents: PublishedDocumentFact[];
  opened: { on: IsoDate; eventId: string } | null;
  closed: { on: IsoDate; eventId: string } | null;
  cancelledOn: IsoDate | null;
  findings: FindingFact[];
  feedbackGiven: FeedbackGivenFact[];
  /** Reach as recorded when it closed: participants, and whether they were counted by protected characteristic. */
  participants: number | null;
  equalityMonitored: boolean;
}

export const activityEventTypes = [
  'ActivityPlanned',
  'ActivityDetailsAmended',
  'ActivityRescheduled',
  'ActivityDocumentPublished',
  'ActivityOpened',
  'ActivityClosed',
  'ActivityCancelled',
  'FindingRecorded',
  'FindingAmended',
  'FindingWithdrawn',
  'FeedbackGivenToParticipants',
] as const;

type ActivityEvent = ProjectedEventOf<(typeof activityEventTypes)[number]>;

function planned(data: Planned, eventId: string): ActivityFacts {
  const { activityId, organisationId, jointPartnerIds, title, description, category, method, topics, areaIds, communityIds, window } = data;
  return {
    activityId,
    organisationId,
    jointPartnerIds,
    title,
    ...(description === undefined ? {} : { description }),
    category,
    method,
    topics,
    areaIds,
    communityIds,
    window: { ...window, eventId },
    status: 'planned',
    plannedEventId: eventId,
    documents: data.documents.map((d) => ({ title: d.title, url: d.url ?? null, publishedOn: d.publishedOn, eventId })),
    opened: null,
    closed: null,
    cancelledOn: null,
    findings: [],
    feedbackGiven: [],
    participants: null,
    equalityMonitored: false,
  };
}

export function evolveActivityFacts(facts: ActivityFacts | undefined, event: ActivityEvent): ActivityFacts | undefined {
  if (event.type === 'ActivityPlanned') return planned(event.data, event.id);
  if (!facts) return facts;
  switch (event.type) {
    case 'ActivityDetailsAmended': {
      const { title, description, category, method, topics, areaIds, communityIds, jointPartnerIds } = event.data.changes;
      return { ...facts, ...definedFields({ title, description, category, method, topics, areaIds, communityIds, jointPartnerIds }) };
    }
    case 'ActivityRescheduled':
      return { ...facts, window: { ...event.data.window, eventId: event.id } };
    case 'ActivityDocumentPublished': {
      const { title, url, publishedOn } = event.data.document;
      return { ...facts, documents: [...facts.documents, { title, url: url ?? null, publishedOn, eventId: event.id }] };
    }
    case 'ActivityOpened':
      return { ...facts, status: 'open', opened: { on: event.data.openedOn, eventId: event.id } };
    case 'ActivityClosed': {
      const { closedOn, participants, equalityMonitoring } = event.data;
      const equalityMonitored = equalityMonitoring !== undefined && Object.keys(equalityMonitoring).length > 0;
      return { ...facts, status: 'closed', closed: { on: closedOn, eventId: event.id }, participants: participants ?? null, equalityMonitored };
    }
    case 'ActivityCancelled':
      return { ...facts, status: 'cancelled', cancelledOn: event.data.cancelledOn };
    case 'FindingRecorded': {
      const { findingId, theme } = event.data;
      return { ...facts, findings: [...facts.findings, { findingId, theme, withdrawn: false, eventId: event.id }] };
    }
    case 'FindingAmended': {
      const { findingId, theme } = event.data;
      if (theme === undefined) return facts;
      return { ...facts, findings: facts.findings.map((f) => (f.findingId === findingId ? { ...f, theme } : f)) };
    }
    case 'FindingWithdrawn':
      return { ...facts, findings: facts.findings.map((f) => (f.findingId === event.data.findingId ? { ...f, withdrawn: true } : f)) };
    case 'FeedbackGivenToParticipants': {
      const { givenOn, channel, decisionIds } = event.data;
      return { ...facts, feedbackGiven: [...facts.feedbackGiven, { givenOn, channel, decisionIds, eventId: event.id }] };
    }
    default: {
      const never: never = event;
      return never;
    }
  }
}
