// A strategy or action plan with its objectives and outcome indicators.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import type { Actor } from '../actor.js';
import type { DecideContext, Decider } from '../decider.js';
import { rule } from '../errors.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { ObjectiveAdded, ObjectiveAmended, OutcomeIndicatorAdded, PlanAdopted } from '../events/plan.js';

export const planCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AdoptPlan'), data: PlanAdopted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('AddObjective'), data: ObjectiveAdded.schema }),
  z.object({ type: z.literal('AmendObjective'), data: ObjectiveAmended.schema }),
  z.object({ type: z.literal('AddOutcomeIndicator'), data: OutcomeIndicatorAdded.schema }),
]);
export type PlanCommand = z.output<typeof planCommand>;

type PlanEvent = EventOfType<'PlanAdopted' | 'ObjectiveAdded' | 'ObjectiveAmended' | 'OutcomeIndicatorAdded'>;

export interface PlanState {
  adopted: boolean;
  /** The organisations whose officers keep the plan: its own and its partners. */
  owners: readonly string[];
  objectiveIds: ReadonlySet<string>;
  indicatorIds: ReadonlySet<string>;
}

export const initialPlanState: PlanState = { adopted: false, owners: [], objectiveIds: new Set(), indicatorIds: new Set() };

function assertObjective(state: PlanState, planId: string, objectiveId: string): void {
  rule(state.objectiveIds.has(objectiveId), 'OBJECTIVE_NOT_FOUND', `plan ${planId} has no objective ${objectiveId}`, { planId, objectiveId });
}

function decide(command: PlanCommand, state: PlanState, { actor }: DecideContext): PlanEvent[] {
  const { planId } = command.data;
  if (command.type === 'AdoptPlan') {
    const organisationId = assertMayRecord(actor);
    rule(!state.adopted, 'PLAN_ALREADY_ADOPTED', `plan ${planId} is already adopted`, { planId });
    const { period } = command.data;
    rule(!period || period.from <= period.to, 'PLAN_PERIOD_INVALID', 'a plan’s period cannot end before it starts', { planId, period });
    return [{ type: 'PlanAdopted', data: { ...command.data, organisationId } }];
  }
  rule(state.adopted, 'PLAN_NOT_FOUND', `plan ${planId} does not exist`, { planId });
  assertMayRecord(actor, state.owners);
  const { objectiveId } = command.data;
  switch (command.type) {
    case 'AddObjective':
      rule(!state.objectiveIds.has(objectiveId), 'OBJECTIVE_ALREADY_ADDED', `plan ${planId} already has objective ${objectiveId}`, { planId, objectiveId });
      return [{ type: 'ObjectiveAdded', data: command.data }];
    case 'AmendObjective':
      assertObjective(state, planId, objectiveId);
      return [{ type: 'ObjectiveAmended', data: command.data }];
    case 'AddOutcomeIndicator': {
      assertObjective(state, planId, objectiveId);
      const { indicatorId } = command.data;
      rule(!state.indicatorIds.has(indicatorId), 'OUTCOME_INDICATOR_ALREADY_ADDED', `plan ${planId} already has indicator ${indicatorId}`, {
        planId,
        indicatorId,
      });
      return [{ type: 'OutcomeIndicatorAdded', data: command.data }];
    }
  }
}

function evolve(state: PlanState, event: LedgerEvent): PlanState {
  switch (event.type) {
    case 'PlanAdopted':
      return { ...state, adopted: true, owners: [event.data.organisationId, ...event.data.partnerIds] };
    case 'ObjectiveAdded':
      return { ...state, objectiveIds: new Set(state.objectiveIds).add(event.data.objectiveId) };
    case 'OutcomeIndicatorAdded':
      return { ...state, indicatorIds: new Set(state.indicatorIds).add(event.data.indicatorId) };
    default:
      return state;
  }
}

export const planDecider: Decider<PlanCommand, LedgerEvent, PlanState> = { initialState: initialPlanState, decide, evolve };

export const planStream = (planId: string): string => `plan-${planId}`;

/**
 * An officer attaches actions and activities only to a plan of their own organisation or one
 * it is a partner in: otherwise a record of theirs would show in another organisation's
 * tracker. An activity may name a plan not adopted yet (engagement often comes first, as in
 * Highland's planning sessions); an action needs its plan.
 */
export function assertMayServePlan(actor: Actor, planId: string, plan: PlanState, needsAdoption: boolean): void {
  if (needsAdoption) rule(plan.adopted, 'PLAN_NOT_FOUND', `plan ${planId} has not been adopted`, { planId });
  if (plan.adopted) assertMayRecord(actor, plan.owners);
}

export const plan = defineAggregate({
  name: 'plan',
  commandSchema: planCommand,
  decider: planDecider,
  streamId: (command) => planStream(command.data.planId),
});
