// An activity's facts, event by event. Pure: the domain already refused anything out of order,
// so an event for an activity never planned is ignored rather than guessed at.

import { definedFields } from '../../entities/corrections.js';
import type { ProjectedEvent } from '../../projection.js';
import type { ActivityFacts } from './engagement-facts.js';

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

export function evolveActivityFacts(facts: ActivityFacts | undefined, event: ProjectedEvent): ActivityFacts | undefined {
  if (event.type === 'ActivityPlanned') {
    const { data } = event;
    return {
      kind: 'activity',
      activityId: data.activityId,
      organisationId: data.organisationId,
      jointPartnerIds: data.jointPartnerIds,
      title: data.title,
      category: data.category,
      areaIds: data.areaIds,
      communityIds: data.communityIds,
      window: { ...data.window, eventId: event.id },
      plannedEventId: event.id,
      documents: data.documents.map((d) => ({ title: d.title, url: d.url ?? null, publishedOn: d.publishedOn, eventId: event.id })),
      opened: null,
      closed: null,
      cancelledOn: null,
      findings: [],
      feedbackGiven: [],
    };
  }
  if (!facts) return facts;
  switch (event.type) {
    case 'ActivityDetailsAmended': {
      const { title, category, areaIds, communityIds, jointPartnerIds } = event.data.changes;
      return { ...facts, ...definedFields({ title, category, areaIds, communityIds, jointPartnerIds }) };
    }
    case 'ActivityRescheduled':
      return { ...facts, window: { ...event.data.window, eventId: event.id } };
    case 'ActivityDocumentPublished': {
      const { title, url, publishedOn } = event.data.document;
      return { ...facts, documents: [...facts.documents, { title, url: url ?? null, publishedOn, eventId: event.id }] };
    }
    case 'ActivityOpened':
      return { ...facts, opened: { on: event.data.openedOn, eventId: event.id } };
    case 'ActivityClosed':
      return { ...facts, closed: { on: event.data.closedOn, eventId: event.id } };
    case 'ActivityCancelled':
      return { ...facts, cancelledOn: event.data.cancelledOn };
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
    default:
      return facts;
  }
}
