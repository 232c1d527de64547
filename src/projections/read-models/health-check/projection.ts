// The health-check matrix's projection: cycles, each organisation's submissions (the later one
// in force), the partners plans name, and the engagement facts the evidence comes from. Evidence
// is joined when a view runs, not here: an activity recorded after a submission still counts
// for the 12 months it falls in.

import { defineProjection, type Documents, type ProjectedEvent } from '../../projection.js';
import { emptyHealthCheckSubmissionView, evolveHealthCheckSubmissionView } from '../../entities/health-check-submission-view.js';
import { applyEngagement, engagementEventTypes, engagementKey } from '../shared/engagement-projection.js';
import type { EngagementDocument } from '../shared/engagement-facts.js';
import {
  cycleKey,
  planPartnersKey,
  reachKey,
  submissionKey,
  type HealthCheckDocument,
  type SubmissionDocument,
} from './documents.js';

/** ActivityClosed feeds both: the shared facts keep its date, the reach document its participants. */
const ownEventTypes = ['HealthCheckCycleOpened', 'HealthCheckSubmitted', 'PlanAdopted', 'ActivityClosed'] as const;

/** The key of the document this read model keeps itself for an event, if any. */
function ownKey(event: ProjectedEvent): string | null {
  switch (event.type) {
    case 'HealthCheckCycleOpened':
      return cycleKey(event.data.cycleId);
    case 'HealthCheckSubmitted':
      return submissionKey(event.data.cycleId, event.data.organisationId);
    case 'PlanAdopted':
      return planPartnersKey(event.data.planId);
    case 'ActivityClosed':
      return reachKey(event.data.activityId);
    default:
      return null;
  }
}

function evolveOwn(document: HealthCheckDocument | undefined, event: ProjectedEvent): HealthCheckDocument | undefined {
  switch (event.type) {
    case 'HealthCheckCycleOpened':
      return { kind: 'cycle', ...event.data };
    case 'HealthCheckSubmitted': {
      const before = document?.kind === 'submission' ? document : { kind: 'submission' as const, ...emptyHealthCheckSubmissionView };
      return { kind: 'submission', ...evolveHealthCheckSubmissionView(before, event) } satisfies SubmissionDocument;
    }
    case 'PlanAdopted': {
      const { planId, organisationId, partnerIds } = event.data;
      return { kind: 'plan-partners', planId, organisationId, partnerIds };
    }
    case 'ActivityClosed': {
      const { activityId, participants, equalityMonitoring } = event.data;
      const equalityMonitored = equalityMonitoring !== undefined && Object.keys(equalityMonitoring).length > 0;
      return { kind: 'reach', activityId, participants: participants ?? null, equalityMonitored };
    }
    default:
      return document;
  }
}

export const healthCheckProjection = defineProjection<HealthCheckDocument>({
  name: 'health-check',
  version: 1,
  eventTypes: [...new Set([...engagementEventTypes, ...ownEventTypes])],
  keys(event) {
    return [engagementKey(event), ownKey(event)].filter((key): key is string => key !== null);
  },
  apply(documents, event): Documents<HealthCheckDocument> {
    const shared = applyEngagement(documents as Documents<EngagementDocument>, event);
    const key = ownKey(event);
    if (key === null) return shared;
    return { ...shared, [key]: evolveOwn(documents[key], event) };
  },
});
