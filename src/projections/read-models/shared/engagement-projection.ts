// One reducer for the three read models built on the same facts (influence, feedback loop,
// lawful-consultation check): each has its own projection, named and versioned on its own,
// so one can be rebuilt without the others.

import type { LedgerEventType } from '../../../domain/events/catalogue.js';
import { defineProjection, type Documents, type ProjectedEvent, type Projection } from '../../projection.js';
import { activityEventTypes, evolveActivityFacts } from './activity-facts.js';
import { decisionEventTypes, evolveDecisionFacts, evolveOrganisationFacts, organisationEventTypes } from './decision-facts.js';
import { activityKey, decisionKey, organisationKey, type EngagementDocument } from './engagement-facts.js';

export const engagementEventTypes = [...organisationEventTypes, ...activityEventTypes, ...decisionEventTypes] as const;

function isOneOf<T extends LedgerEventType>(event: ProjectedEvent, types: readonly T[]): event is Extract<ProjectedEvent, { type: T }> {
  return (types as readonly string[]).includes(event.type);
}

/** Every event this reducer handles changes exactly one document: its organisation's, decision's or activity's. */
export function engagementKey(event: ProjectedEvent): string | null {
  if (isOneOf(event, organisationEventTypes)) return organisationKey(event.data.organisationId);
  if (isOneOf(event, decisionEventTypes)) return decisionKey(event.data.decisionId);
  if (isOneOf(event, activityEventTypes)) return activityKey(event.data.activityId);
  return null;
}

function evolveEngagement(document: EngagementDocument | undefined, event: ProjectedEvent): EngagementDocument | undefined {
  if (isOneOf(event, organisationEventTypes)) return evolveOrganisationFacts(document?.kind === 'organisation' ? document : undefined, event);
  if (isOneOf(event, decisionEventTypes)) return evolveDecisionFacts(document?.kind === 'decision' ? document : undefined, event);
  return evolveActivityFacts(document?.kind === 'activity' ? document : undefined, event);
}

export function applyEngagement(documents: Documents<EngagementDocument>, event: ProjectedEvent): Documents<EngagementDocument> {
  const key = engagementKey(event);
  if (key === null) return {};
  const before = documents[key];
  const after = evolveEngagement(before, event);
  return after === before ? {} : { [key]: after };
}

export function engagementProjection(name: string, version: number): Projection<EngagementDocument> {
  return defineProjection<EngagementDocument>({
    name,
    version,
    eventTypes: engagementEventTypes,
    keys: (event) => {
      const key = engagementKey(event);
      return key === null ? [] : [key];
    },
    apply: applyEngagement,
  });
}
