// The plans projection: each plan as adopted (its partners too) with its objectives as they now
// read (`plan:<id>`), by the same reducer as the plan's own page, so a plan means the same there,
// in the action tracker and in the health check's partnership view.

import { emptyPlanView, evolvePlanView, type PlanView } from '../entities/plan-view.js';
import { defineProjection, term } from '../projection.js';

export const planKey = (planId: string): string => `plan:${planId}`;

export const plans = defineProjection<PlanView, 'PlanAdopted' | 'ObjectiveAdded' | 'ObjectiveAmended'>({
  name: 'plans',
  version: 1,
  eventTypes: ['PlanAdopted', 'ObjectiveAdded', 'ObjectiveAmended'],
  key: (event) => planKey(event.data.planId),
  evolve: (plan, event) => evolvePlanView(plan ?? emptyPlanView, event),
  // By id (their key): all of them, and those each organisation adopted.
  index: (plan) => (plan.adopted ? [['all', ''], [term('organisation', plan.adopted.organisationId), '']] : []),
});
