// What the health-check views read: cycles and submissions (their own facts), the partners plans
// name, and the activities, decisions and organisations' names the evidence comes from, each
// from its own projection.

import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { decisions, type DecisionFacts } from '../../facts/decisions.js';
import { healthCheckCycles, healthCheckSubmissions, type CycleFacts } from '../../facts/health-checks.js';
import { plans } from '../../facts/plans.js';
import { organisations, type OrganisationName } from '../../facts/reference.js';
import type { HealthCheckSubmissionView } from '../../entities/health-check-submission-view.js';
import { rowsOf, type DocumentSet } from '../../read-model-view.js';

export type CycleDocument = CycleFacts;
export type SubmissionDocument = HealthCheckSubmissionView;

/** The partners a partnership body's plan names: who is expected to submit when a panel asks by partnership. */
export interface PlanPartnersDocument {
  planId: string;
  organisationId: string;
  partnerIds: string[];
}

/** Every projection a health-check view may read. */
export const healthCheckReads = [healthCheckCycles, healthCheckSubmissions, plans, activities, decisions, organisations];

/** The rows a view asked for, typed by their projection. */
export interface HealthCheckDocuments {
  cycles: readonly CycleDocument[];
  submissions: readonly SubmissionDocument[];
  plans: readonly PlanPartnersDocument[];
  activities: readonly ActivityFacts[];
  decisions: readonly DecisionFacts[];
  organisations: readonly OrganisationName[];
}

export function readDocuments(set: DocumentSet): HealthCheckDocuments {
  return {
    cycles: rowsOf(set, healthCheckCycles),
    submissions: rowsOf(set, healthCheckSubmissions),
    plans: rowsOf(set, plans).flatMap((p) => (p.adopted ? [{ planId: p.adopted.planId, organisationId: p.adopted.organisationId, partnerIds: p.adopted.partnerIds }] : [])),
    activities: rowsOf(set, activities),
    decisions: rowsOf(set, decisions),
    organisations: rowsOf(set, organisations),
  };
}

/** Organisations' current names, by id; an id stands for itself where the ledger has no name. */
export function organisationNames(organisations: readonly OrganisationName[]): (organisationId: string) => string {
  const names = new Map(organisations.map((o) => [o.organisationId, o.name]));
  return (organisationId) => names.get(organisationId) ?? organisationId;
}
