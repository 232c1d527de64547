// The health-check read model's own documents, beside the shared engagement facts
// (activities, decisions with their influence links, organisations' names: ../shared).

import type { EventData } from '../../../domain/events/catalogue.js';
import type { DocumentSet } from '../../read-model-view.js';
import type { HealthCheckSubmissionView } from '../../entities/health-check-submission-view.js';
import type { ActivityFacts, DecisionFacts, EngagementDocument, OrganisationFacts } from '../shared/engagement-facts.js';

export type CycleDocument = EventData<'HealthCheckCycleOpened'> & { kind: 'cycle' };

/** One organisation's submissions to a cycle: the one in force, and the superseded ones kept beside it. */
export interface SubmissionDocument extends HealthCheckSubmissionView {
  kind: 'submission';
}

/** The partners a partnership body's plan names: who is expected to submit when a panel asks by partnership. */
export interface PlanPartnersDocument {
  kind: 'plan-partners';
  planId: string;
  organisationId: string;
  partnerIds: string[];
}

/** Reach as recorded when an activity closed; the shared activity facts keep only the date. */
export interface ReachDocument {
  kind: 'reach';
  activityId: string;
  participants: number | null;
  /** The closing record gave participants by protected characteristic. */
  equalityMonitored: boolean;
}

export type HealthCheckDocument = EngagementDocument | CycleDocument | SubmissionDocument | PlanPartnersDocument | ReachDocument;

export const cycleKey = (cycleId: string): string => `cycle:${cycleId}`;
/** "." cannot occur in an id, so no two (cycle, organisation) pairs share a key. */
export const submissionKey = (cycleId: string, organisationId: string): string => `submission:${cycleId}.${organisationId}`;
export const planPartnersKey = (planId: string): string => `plan-partners:${planId}`;
export const reachKey = (activityId: string): string => `reach:${activityId}`;

export const healthCheckDocumentPrefixes = {
  cycles: 'cycle:',
  submissions: 'submission:',
  plans: 'plan-partners:',
  reach: 'reach:',
  activities: 'activity:',
  decisions: 'decision:',
  organisations: 'organisation:',
} as const;

/** The documents a view asked for, typed by their prefix. */
export interface HealthCheckDocuments {
  cycles: readonly CycleDocument[];
  submissions: readonly SubmissionDocument[];
  plans: readonly PlanPartnersDocument[];
  reach: readonly ReachDocument[];
  activities: readonly ActivityFacts[];
  decisions: readonly DecisionFacts[];
  organisations: readonly OrganisationFacts[];
}

export function readDocuments(set: DocumentSet): HealthCheckDocuments {
  const p = healthCheckDocumentPrefixes;
  return {
    cycles: set(p.cycles) as CycleDocument[],
    submissions: set(p.submissions) as SubmissionDocument[],
    plans: set(p.plans) as PlanPartnersDocument[],
    reach: set(p.reach) as ReachDocument[],
    activities: set(p.activities) as ActivityFacts[],
    decisions: set(p.decisions) as DecisionFacts[],
    organisations: set(p.organisations) as OrganisationFacts[],
  };
}

/** Organisations' current names, by id; an id stands for itself where the ledger has no name. */
export function organisationNames(organisations: readonly OrganisationFacts[]): (organisationId: string) => string {
  const names = new Map(organisations.map((o) => [o.organisationId, o.name]));
  return (organisationId) => names.get(organisationId) ?? organisationId;
}
