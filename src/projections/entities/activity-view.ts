// An activity as a reader sees it now: what was planned (with amendments), where it
// stands, its findings, how much feedback it holds, and whether participants were told.
// Feedback texts are not repeated here: they may hold personal data, and live in the history.

import type { LedgerEvent } from '../../domain/events/catalogue.js';
import type { EventData } from '../../domain/events/catalogue.js';
import { answerListed, fromListed, invite, listed, noInvitations, type Invitee } from '../../domain/invitations.js';
import { definedFields } from './corrections.js';

type Finding = EventData<'FindingRecorded'> & { withdrawn: boolean };


export interface ActivityView extends Record<string, unknown> {
  planned: EventData<'ActivityPlanned'> | null;
  status: 'planned' | 'open' | 'closed' | 'cancelled' | null;
  openedOn: string | null;
  closedOn: string | null;
  cancelled: { on: string; reason: string } | null;
  participants: number | null;
  equalityMonitoring: EventData<'ActivityClosed'>['equalityMonitoring'] | null;
  feedback: { received: number; redacted: number };
  findings: Finding[];
  feedbackToParticipants: EventData<'FeedbackGivenToParticipants'>[];
  /** Each joint partner named, invited until its officer accepts or declines. */
  partners: Invitee[];
  /** On the public site now; and the findings kept off it. */
  published: boolean;
  internalFindingIds: string[];
}

export const emptyActivityView: ActivityView = {
  planned: null,
  status: null,
  openedOn: null,
  closedOn: null,
  cancelled: null,
  participants: null,
  equalityMonitoring: null,
  feedback: { received: 0, redacted: 0 },
  findings: [],
  feedbackToParticipants: [],
  partners: [],
  published: false,
  internalFindingIds: [],
};

export function evolveActivityView(view: ActivityView, event: LedgerEvent): ActivityView {
  const planned = view.planned;
  switch (event.type) {
    case 'ActivityPlanned':
      return { ...view, planned: event.data, status: 'planned', partners: listed(invite(noInvitations, event.data.jointPartnerIds, event.data.organisationId)) };
    case 'ActivityDetailsAmended': {
      if (!planned) return view;
      const named = event.data.changes.jointPartnerIds;
      const partners = named ? listed(invite(fromListed(view.partners), named, planned.organisationId)) : view.partners;
      return { ...view, planned: { ...planned, ...event.data.changes }, partners };
    }
    case 'JointPartnershipAccepted':
    case 'JointPartnershipDeclined':
      return { ...view, partners: answerListed(view.partners, event.data.organisationId, event.type === 'JointPartnershipAccepted') };
    case 'ActivityRescheduled':
      return planned ? { ...view, planned: { ...planned, window: event.data.window } } : view;
    case 'ActivityDocumentPublished':
      return planned ? { ...view, planned: { ...planned, documents: [...planned.documents, event.data.document] } } : view;
    case 'ActivityOpened':
      return { ...view, status: 'open', openedOn: event.data.openedOn };
    case 'ActivityClosed':
      return {
        ...view,
        status: 'closed',
        closedOn: event.data.closedOn,
        participants: event.data.participants ?? null,
        equalityMonitoring: event.data.equalityMonitoring ?? null,
      };
    case 'ActivityCancelled':
      return { ...view, status: 'cancelled', cancelled: { on: event.data.cancelledOn, reason: event.data.reason } };
    case 'FeedbackReceived':
      return { ...view, feedback: { ...view.feedback, received: view.feedback.received + 1 } };
    case 'FeedbackRedacted':
      return { ...view, feedback: { ...view.feedback, redacted: view.feedback.redacted + 1 } };
    case 'FindingRecorded':
      return { ...view, findings: [...view.findings, { ...event.data, withdrawn: false }] };
    case 'FindingAmended': {
      const { reason: _reason, ...changes } = event.data;
      return { ...view, findings: view.findings.map((f) => (f.findingId === changes.findingId ? { ...f, ...definedFields(changes) } : f)) };
    }
    case 'FindingWithdrawn':
      return { ...view, findings: view.findings.map((f) => (f.findingId === event.data.findingId ? { ...f, withdrawn: true } : f)) };
    case 'FeedbackGivenToParticipants':
      return { ...view, feedbackToParticipants: [...view.feedbackToParticipants, event.data] };
    case 'ActivityPublished':
    case 'ActivityWithdrawnFromPublication':
      return { ...view, published: event.type === 'ActivityPublished' };
    case 'FindingMarkedInternal':
      return { ...view, internalFindingIds: [...new Set([...view.internalFindingIds, event.data.findingId])] };
    case 'FindingMarkedPublic':
      return { ...view, internalFindingIds: view.internalFindingIds.filter((id) => id !== event.data.findingId) };
    default:
      return view;
  }
}

export function activityView(events: readonly LedgerEvent[]): ActivityView {
  return events.reduce(evolveActivityView, emptyActivityView);
}
