// An activity's facts, event by event: what it is, who runs it, whom it targets, on what topics,
// when, where it stands, what it published, found and told its participants, and how many took
// part. One kind of fact every view over activities reads (influence, feedback loop, lawful
// consultation, health check, duplication, calendar). Pure: the domain already refused anything
// out of order, so an event for an activity never planned is ignored rather than guessed at.
// Every fact keeps the id of the event that shows it, so a view can cite its evidence.

import type { EventData } from '../../domain/events/catalogue.js';
import type { EngagementCategory, EqualityMonitoring, IsoDate } from '../../domain/values.js';
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
  /** What participants were told ("you said, we did"): the organisation's words. */
  summary: string;
  eventId: string;
  /** Where and when the ledger recorded it: the public site shows both beside it. */
  position: number;
  recordedAt: string;
}

/** The event that published something: when it went public, and where in the log. */
export interface PublicationFact {
  eventId: string;
  position: number;
  /** When it was recorded (the event's recordedAt). */
  at: string;
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
  /** The counts by protected characteristic as recorded when it closed (shown publicly only through suppression). */
  equalityMonitoring: EqualityMonitoring | null;
  /** The joint partners that accepted (a partner named but not yet accepted does not run it). */
  acceptedPartnerIds: string[];
  /** How residents take part: a link and plain words. */
  howToTakePart: { url: string | null; howToRespond: string } | null;
  /** On the public site: the publication in force, or null. */
  publication: PublicationFact | null;
  /** Findings kept off the public site. */
  internalFindingIds: string[];
  /** When it was first made public (the publication's occurredAt day): notice given, for an event. */
  announced: { on: IsoDate; eventId: string } | null;
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
  'JointPartnershipAccepted',
  'JointPartnershipDeclined',
  'ActivityPublished',
  'ActivityWithdrawnFromPublication',
  'FindingMarkedInternal',
  'FindingMarkedPublic',
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
    equalityMonitoring: null,
    acceptedPartnerIds: [],
    howToTakePart: howToTakePartOf(data.howToTakePart),
    publication: null,
    internalFindingIds: [],
    announced: null,
  };
}

const howToTakePartOf = (given: Planned['howToTakePart']): ActivityFacts['howToTakePart'] =>
  given === undefined ? null : { url: given.url ?? null, howToRespond: given.howToRespond };

export function evolveActivityFacts(facts: ActivityFacts | undefined, event: ActivityEvent): ActivityFacts | undefined {
  if (event.type === 'ActivityPlanned') return planned(event.data, event.id);
  if (!facts) return facts;
  switch (event.type) {
    case 'ActivityDetailsAmended': {
      const { title, description, category, method, topics, areaIds, communityIds, jointPartnerIds, howToTakePart } = event.data.changes;
      // A partner no longer named is no longer one, accepted or not.
      const acceptedPartnerIds = jointPartnerIds === undefined ? facts.acceptedPartnerIds : facts.acceptedPartnerIds.filter((id) => jointPartnerIds.includes(id));
      const how = howToTakePart === undefined ? {} : { howToTakePart: howToTakePartOf(howToTakePart) };
      return { ...facts, ...definedFields({ title, description, category, method, topics, areaIds, communityIds, jointPartnerIds }), ...how, acceptedPartnerIds };
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
      return {
        ...facts,
        status: 'closed',
        closed: { on: closedOn, eventId: event.id },
        participants: participants ?? null,
        equalityMonitored,
        equalityMonitoring: equalityMonitored ? (equalityMonitoring as EqualityMonitoring) : null,
      };
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
      const { givenOn, channel, decisionIds, summary } = event.data;
      const given = { givenOn, channel, decisionIds, summary, eventId: event.id, position: event.position, recordedAt: event.metadata.recordedAt };
      return { ...facts, feedbackGiven: [...facts.feedbackGiven, given] };
    }
    case 'JointPartnershipAccepted':
      return facts.jointPartnerIds.includes(event.data.organisationId) && !facts.acceptedPartnerIds.includes(event.data.organisationId)
        ? { ...facts, acceptedPartnerIds: [...facts.acceptedPartnerIds, event.data.organisationId] }
        : facts;
    case 'JointPartnershipDeclined':
      return { ...facts, acceptedPartnerIds: facts.acceptedPartnerIds.filter((id) => id !== event.data.organisationId) };
    case 'ActivityPublished': {
      const announced = facts.announced ?? { on: event.metadata.occurredAt.slice(0, 10), eventId: event.id };
      return { ...facts, publication: { eventId: event.id, position: event.position, at: event.metadata.recordedAt }, announced };
    }
    case 'ActivityWithdrawnFromPublication':
      return { ...facts, publication: null };
    case 'FindingMarkedInternal':
      return { ...facts, internalFindingIds: [...new Set([...facts.internalFindingIds, event.data.findingId])] };
    case 'FindingMarkedPublic':
      return { ...facts, internalFindingIds: facts.internalFindingIds.filter((id) => id !== event.data.findingId) };
    default: {
      const never: never = event;
      return never;
    }
  }
}
