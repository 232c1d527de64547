// An activity's facts, event by event: what it is, who runs it (a partner named to run it jointly
// only once it accepted), whom it targets, on what topics, when, what plan action it delivers,
// where it stands, what it published, found and told its participants, and how many took part. One kind of fact every view over activities reads (influence, feedback loop, lawful
// consultation, health check, duplication, calendar). Pure: the domain already refused anything
// out of order, so an event for an activity never planned is ignored rather than guessed at.
// Every fact keeps the id of the event that shows it, so a view can cite its evidence.

import type { EventData } from '../../domain/events/catalogue.js';
import { acceptedOf, answerListed, fromListed, invite, listed, noInvitations, type Invitee } from '../../domain/invitations.js';
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
  /** Each partner named to run it jointly, and where its invitation stands, in the order named. */
  partners: Invitee[];
  /** The joint partners that accepted: the only ones that run it, and whose figures count it. */
  jointPartnerIds: string[];
  /** Named, not yet answered: they gain nothing from it until they accept. */
  invitedPartnerIds: string[];
  title: string;
  description?: string;
  category: EngagementCategory;
  method: Planned['method'];
  topics: string[];
  areaIds: string[];
  communityIds: string[];
  planId: string | null;
  objectiveId: string | null;
  /** The plan action it delivers, where it names one. */
  actionId: string | null;
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

/** The partners as listed, with who runs it jointly and who is still only invited. */
function withPartners(partners: Invitee[]): Pick<ActivityFacts, 'partners' | 'jointPartnerIds' | 'invitedPartnerIds'> {
  return { partners, jointPartnerIds: acceptedOf(fromListed(partners)), invitedPartnerIds: partners.filter((p) => p.status === 'invited').map((p) => p.organisationId) };
}

function planned(data: Planned, eventId: string): ActivityFacts {
  const { activityId, organisationId, jointPartnerIds, title, description, category, method, topics, areaIds, communityIds, window } = data;
  return {
    activityId,
    organisationId,
    ...withPartners(listed(invite(noInvitations, jointPartnerIds, organisationId))),
    title,
    ...(description === undefined ? {} : { description }),
    category,
    method,
    topics,
    areaIds,
    communityIds,
    planId: data.planId ?? null,
    objectiveId: data.objectiveId ?? null,
    actionId: data.actionId ?? null,
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
      const { title, description, category, method, topics, areaIds, communityIds, jointPartnerIds, planId, objectiveId, actionId, howToTakePart } = event.data.changes;
      // Named again, a partner keeps its answer; named for the first time, it is invited (as in the domain).
      const partners = jointPartnerIds === undefined ? {} : withPartners(listed(invite(fromListed(facts.partners), jointPartnerIds, facts.organisationId)));
      const how = howToTakePart === undefined ? {} : { howToTakePart: howToTakePartOf(howToTakePart) };
      return { ...facts, ...definedFields({ title, description, category, method, topics, areaIds, communityIds, planId, objectiveId, actionId }), ...partners, ...how };
    }
    case 'JointPartnershipAccepted':
    case 'JointPartnershipDeclined':
      return { ...facts, ...withPartners(answerListed(facts.partners, event.data.organisationId, event.type === 'JointPartnershipAccepted')) };
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
