// The plans projection: each plan as it stands (`plan:<id>`): drafted, put to a body, adopted or
// superseded and by what; its partners and where each invitation stands; its objectives as they
// now read; its resources and risks. By the same reducer as the plan's own page, so a plan means
// the same there, in the action tracker and in the health check's not-submitted view.

import type { planKinds, PlanStatus } from '../../domain/events/plan.js';
import { acceptedOf, fromListed } from '../../domain/invitations.js';
import { emptyPlanView, evolvePlanView, type PlanView } from '../entities/plan-view.js';
import { defineProjection, term } from '../projection.js';

export const planKey = (planId: string): string => `plan:${planId}`;

const planEvents = [
  'PlanDrafted',
  'PlanProposed',
  'PlanAdopted',
  'PlanSuperseded',
  'PlanPartnershipAccepted',
  'PlanPartnershipDeclined',
  'PlanResourceAdded',
  'PlanRiskIdentified',
  'ObjectiveAdded',
  'ObjectiveAmended',
  'OutcomeIndicatorAdded',
] as const;

/** What a plan is, whichever stage it is at: as adopted, or else as drafted. */
export interface PlanDetails {
  planId: string;
  organisationId: string;
  title: string;
  kind: (typeof planKinds)[number];
  status: PlanStatus;
  /** The partners that accepted: the only ones that share the plan. */
  acceptedPartnerIds: string[];
  /** The plan that replaced it, where one did. */
  supersededBy: string | null;
}

/** The plan's details, or null where neither its draft nor its adoption is in the ledger. */
export function planDetails(plan: PlanView): PlanDetails | null {
  const details = plan.adopted ?? plan.drafted;
  if (!details || !plan.status) return null;
  return {
    planId: details.planId,
    organisationId: details.organisationId,
    title: details.title,
    kind: details.kind,
    status: plan.status,
    acceptedPartnerIds: acceptedOf(fromListed(plan.partners)),
    supersededBy: plan.superseded?.supersededBy ?? null,
  };
}

export const plans = defineProjection<PlanView, (typeof planEvents)[number]>({
  name: 'plans',
  version: 2,
  eventTypes: planEvents,
  key: (event) => planKey(event.data.planId),
  evolve: (plan, event) => evolvePlanView(plan ?? emptyPlanView, event),
  // By id (their key): all of them, drafts included, and those each organisation keeps.
  index(plan) {
    const details = planDetails(plan);
    return details ? [['all', ''], [term('organisation', details.organisationId), '']] : [];
  },
});
