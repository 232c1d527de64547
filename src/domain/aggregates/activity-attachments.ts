// What an activity names beyond itself, checked before anything is recorded: the areas,
// communities of interest and joint partners it targets or works with, the plan (and objective)
// it serves, the plan action it delivers, the areas and communities its feedback comes from,
// and the decisions its participants were told of. Each must exist; a plan and an action must
// also be the officer's organisation's to attach to.

import type { StreamReader } from '../aggregate.js';
import type { Actor } from '../actor.js';
import { assertMayRecord } from '../authority.js';
import { fold, type DecideContext } from '../decider.js';
import { rule } from '../errors.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { actionDecider, actionOwners, type ActionState } from './action.js';
import type { ActivityCommand } from './activity-commands.js';
import { assertMayServePlan, assertObjectiveOf, planDecider, type PlanState } from './plan.js';
import { actionStream, planStream } from './streams.js';

/** What these rules read of the activity as it stands: the plan it serves already. */
interface AttachedTo {
  planId: string | null;
}

export interface ActivityContext extends DecideContext {
  /** Of the areas, communities, organisations and decisions the command names, those that exist. */
  known: Known;
  /** The plan the activity serves once the command is recorded, when the command names a plan, objective or action. */
  plan?: PlanState;
  /** The action the command names, and the plan that action belongs to. */
  action?: { state: ActionState; plan: PlanState };
}

/** The plan, objective and action a command attaches the activity to, if any. */
function attachments(command: ActivityCommand): { planId?: string | undefined; objectiveId?: string | undefined; actionId?: string | undefined } {
  if (command.type === 'PlanActivity') return command.data;
  if (command.type === 'AmendActivityDetails') return command.data.changes;
  return {};
}

function referencesOf(command: ActivityCommand): Reference[] {
  switch (command.type) {
    case 'PlanActivity':
    case 'AmendActivityDetails': {
      const details = command.type === 'PlanActivity' ? command.data : command.data.changes;
      return [
        { kind: 'area', field: 'areaIds', ids: details.areaIds },
        { kind: 'community', field: 'communityIds', ids: details.communityIds },
        { kind: 'organisation', field: 'jointPartnerIds', ids: details.jointPartnerIds },
      ];
    }
    case 'RecordFeedback':
      return [
        { kind: 'area', field: 'responses.areaId', ids: command.data.responses.map((r) => r.areaId) },
        { kind: 'community', field: 'responses.communityIds', ids: command.data.responses.flatMap((r) => r.communityIds) },
      ];
    case 'GiveFeedbackToParticipants':
      return [{ kind: 'decision', field: 'decisionIds', ids: command.data.decisionIds }];
    default:
      return [];
  }
}

/** Read what the command names; the plan served is the one named, or the activity's own when only an objective or action is. */
export async function activityContext(command: ActivityCommand, actor: Actor, read: StreamReader, state: AttachedTo): Promise<ActivityContext> {
  const readPlan = async (id: string) => fold(planDecider, await read(planStream(id)));
  const { planId, objectiveId, actionId } = attachments(command);
  const served = planId ?? (objectiveId !== undefined || actionId !== undefined ? state.planId : null);
  const context: ActivityContext = { actor, known: await readKnown(read, referencesOf(command)) };
  if (served) context.plan = await readPlan(served);
  if (actionId !== undefined) {
    const action = fold(actionDecider, await read(actionStream(actionId)));
    context.action = { state: action, plan: action.planId === null ? planDecider.initialState : await readPlan(action.planId) };
  }
  return context;
}

/**
 * An activity delivers an action that exists, of the plan the activity serves (when it serves
 * one), and one its organisation keeps: the action's own organisation and leads, or the keepers
 * of the action's plan. Otherwise an activity could count as delivering another's action.
 */
function assertMayDeliver(actor: Actor, actionId: string, planId: string | null, action: ActivityContext['action']): void {
  rule(action !== undefined && action.state.status !== null, 'UNKNOWN_ACTION', `actionId: the ledger has no action ${actionId}`, { field: 'actionId', missing: [actionId] });
  const ofPlan = action.state.planId;
  rule(!planId || planId === ofPlan, 'ACTIVITY_ACTION_NOT_IN_PLAN', `action ${actionId} belongs to plan ${ofPlan}, not ${planId}`, { actionId, planId, actionPlanId: ofPlan });
  assertMayRecord(actor, [...actionOwners(action.state), ...action.plan.owners]);
}

/** Everything the command names exists, and the plan and action are the officer's to attach to. Checked after the officer's right to the activity. */
export function assertAttachable(command: ActivityCommand, state: AttachedTo, { actor, known, plan, action }: ActivityContext): void {
  assertReferences(known, referencesOf(command));
  const { planId, objectiveId, actionId } = attachments(command);
  if (planId !== undefined) assertMayServePlan(actor, planId, plan);
  if (objectiveId !== undefined) assertObjectiveOf(plan, planId ?? state.planId, objectiveId);
  if (actionId !== undefined) assertMayDeliver(actor, actionId, planId ?? state.planId, action);
}
