// The tracker's documents: each plan with its objectives as they now read (`plan:<id>`), and
// each action as it now stands (`action:<id>`), by the same reducers as the entity views, so
// an action means the same on its own page and in the tracker.

import type { ProjectedEvent } from '../../projection.js';
import { emptyActionView, evolveActionView, type ActionView } from '../../entities/action-view.js';
import { emptyPlanView, evolvePlanView, type PlanView } from '../../entities/plan-view.js';
import { defineFact, factsProjection } from '../duplication/facts.js';

export interface TrackedAction extends ActionView {
  /** The log position it was planned at: actions are listed in the plan's own order. */
  plannedAt: number;
}

const planOf = (event: ProjectedEvent): string => (event.data as { planId: string }).planId;
const actionOf = (event: ProjectedEvent): string => (event.data as { actionId: string }).actionId;

export const planKey = (planId: string): string => `plan:${planId}`;
export const actionKey = (actionId: string): string => `action:${actionId}`;

const plans = defineFact<PlanView>({
  // A draft's actions are tracked too (Chester-le-Street's key actions, Highland's improvement plan): its title and objectives come from PlanDrafted.
  eventTypes: ['PlanDrafted', 'PlanProposed', 'PlanAdopted', 'PlanSuperseded', 'ObjectiveAdded', 'ObjectiveAmended'],
  key: (event) => planKey(planOf(event)),
  evolve: (plan, event) => evolvePlanView(plan ?? emptyPlanView, event),
});

const actions = defineFact<TrackedAction>({
  eventTypes: ['ActionPlanned', 'ActionStatusChanged', 'ActionProgressNoted', 'ActionRetimed', 'ActionReassigned', 'ActionReopened'],
  key: (event) => actionKey(actionOf(event)),
  evolve: (action, event) => ({ ...evolveActionView(action ?? emptyActionView, event), plannedAt: action?.plannedAt ?? event.position }),
});

export type TrackerDocument = PlanView | TrackedAction;

export const projection = factsProjection<TrackerDocument>('action-tracker', 2, [plans, actions]);
