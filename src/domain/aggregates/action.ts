// A plan action (Halton's table: what, who, when, how, measure) as it moves through its statuses.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import { fold, ownEvents, unreachable, type DecideContext, type Decider } from '../decider.js';
import { rule } from '../errors.js';
import {
  ActionLeadAccepted,
  ActionLeadDeclined,
  ActionMilestoneAdded,
  ActionMilestoneReached,
  ActionPlanned,
  ActionProgressNoted,
  ActionReassigned,
  ActionReopened,
  actionRetiming,
  ActionStatusChanged,
  type ActionStatus,
} from '../events/action.js';
import type { EventOfType, LedgerEvent } from '../events/catalogue.js';
import { acceptedOf, answer, assertMayAnswer, invite, noInvitations, type Invitations } from '../invitations.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { assertMayServePlan, assertObjectiveOf, planDecider, planStream, type PlanState } from './plan.js';
import { actionStream } from './streams.js';

export const actionCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('PlanAction'), data: ActionPlanned.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('ChangeActionStatus'), data: ActionStatusChanged.schema.omit({ from: true }) }),
  z.object({ type: z.literal('NoteActionProgress'), data: ActionProgressNoted.schema }),
  z.object({ type: z.literal('RetimeAction'), data: actionRetiming }),
  z.object({ type: z.literal('ReassignAction'), data: ActionReassigned.schema }),
  z.object({ type: z.literal('ReopenAction'), data: ActionReopened.schema.omit({ from: true }) }),
  z.object({ type: z.literal('AddActionMilestone'), data: ActionMilestoneAdded.schema }),
  z.object({ type: z.literal('ReachActionMilestone'), data: ActionMilestoneReached.schema }),
  /** The organisation answering is the officer's own, from the credential. */
  z.object({ type: z.literal('AcceptActionLead'), data: ActionLeadAccepted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('DeclineActionLead'), data: ActionLeadDeclined.schema.omit({ organisationId: true }) }),
]);
export type ActionCommand = z.output<typeof actionCommand>;

const actionEventTypes = [
  'ActionPlanned',
  'ActionStatusChanged',
  'ActionProgressNoted',
  'ActionRetimed',
  'ActionReassigned',
  'ActionReopened',
  'ActionMilestoneAdded',
  'ActionMilestoneReached',
  'ActionLeadAccepted',
  'ActionLeadDeclined',
] as const;
type ActionEvent = EventOfType<(typeof actionEventTypes)[number]>;
const isActionEvent = ownEvents(actionEventTypes);

/**
 * Where a status change may go. Completed and withdrawn lead nowhere: the only way
 * back is ReopenAction, an explicit event the tracker can show.
 */
export const actionTransitions: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  planned: ['in_progress', 'on_hold', 'completed', 'withdrawn'],
  in_progress: ['on_hold', 'completed', 'withdrawn'],
  on_hold: ['in_progress', 'completed', 'withdrawn'],
  completed: [],
  withdrawn: [],
};

type ClosedStatus = 'completed' | 'withdrawn';
const isClosed = (status: ActionStatus): status is ClosedStatus => status === 'completed' || status === 'withdrawn';

export interface ActionState {
  /** null until the action is planned. */
  status: ActionStatus | null;
  organisationId: string | null;
  planId: string | null;
  /** The organisations it names as leads, each invited until its officer answers. */
  leads: Invitations;
  /** How often its timing was amended: the tracker shows actions whose target keeps slipping. */
  retimings: number;
  /** Milestone id -> reached? */
  milestones: ReadonlyMap<string, boolean>;
}

export const initialActionState: ActionState = { status: null, organisationId: null, planId: null, leads: noInvitations, retimings: 0, milestones: new Map() };

/** The action's own organisation records for it, and so do the lead organisations that accepted. */
export function actionOwners(state: ActionState): string[] {
  return state.organisationId ? [state.organisationId, ...acceptedOf(state.leads)] : [];
}

function assertTransition(actionId: string, from: ActionStatus, to: ActionStatus): void {
  const message = from === to ? `action ${actionId} is already ${to}` : `an action cannot go from ${from} to ${to}`;
  rule(actionTransitions[from].includes(to), 'ACTION_TRANSITION_NOT_ALLOWED', message, { actionId, from, to });
}

function assertNotClosed(actionId: string, status: ActionStatus): void {
  rule(!isClosed(status), 'ACTION_CLOSED', `action ${actionId} is ${status}; reopen it first`, { actionId, status });
}

/** A new action reads the plan it joins; a new or reassigned one, whether the organisations and decision it names exist. */
export interface ActionContext extends DecideContext {
  known: Known;
  plan?: PlanState;
}

function referencesOf(command: ActionCommand): Reference[] {
  if (command.type === 'PlanAction') {
    return [
      { kind: 'organisation', field: 'leadOrganisationIds', ids: command.data.leadOrganisationIds },
      // Any decision may be carried out, another organisation's too: it is cited, not changed.
      { kind: 'decision', field: 'decisionId', ids: [command.data.decisionId] },
    ];
  }
  return command.type === 'ReassignAction' ? [{ kind: 'organisation', field: 'leadOrganisationIds', ids: command.data.leadOrganisationIds }] : [];
}

function decide(command: ActionCommand, state: ActionState, { actor, plan, known }: ActionContext): ActionEvent[] {
  const { actionId } = command.data;
  if (command.type === 'PlanAction') {
    const organisationId = assertMayRecord(actor);
    const { planId, objectiveId } = command.data;
    assertMayServePlan(actor, planId, plan);
    if (objectiveId !== undefined) assertObjectiveOf(plan, planId, objectiveId);
    assertReferences(known, referencesOf(command));
    rule(state.status === null, 'ACTION_ALREADY_EXISTS', `action ${actionId} already exists`, { actionId });
    return [{ type: 'ActionPlanned', data: { ...command.data, organisationId } }];
  }
  const { status } = state;
  rule(status !== null, 'ACTION_NOT_FOUND', `action ${actionId} does not exist`, { actionId });
  if (command.type === 'AcceptActionLead' || command.type === 'DeclineActionLead') {
    const organisationId = assertMayAnswer(actor, state.leads, `action ${actionId}`);
    return command.type === 'AcceptActionLead'
      ? [{ type: 'ActionLeadAccepted', data: { ...command.data, organisationId } }]
      : [{ type: 'ActionLeadDeclined', data: { ...command.data, organisationId } }];
  }
  assertMayRecord(actor, actionOwners(state));
  switch (command.type) {
    case 'ChangeActionStatus':
      assertTransition(actionId, status, command.data.to);
      return [{ type: 'ActionStatusChanged', data: { ...command.data, from: status } }];
    case 'NoteActionProgress':
      assertNotClosed(actionId, status);
      return [{ type: 'ActionProgressNoted', data: command.data }];
    case 'RetimeAction':
      assertNotClosed(actionId, status);
      rule(command.data.targetDate !== undefined || command.data.timescale !== undefined, 'ACTION_RETIME_NEEDS_DATE', 'a retiming gives a new target date or timescale', {
        actionId,
      });
      return [{ type: 'ActionRetimed', data: command.data }];
    case 'ReassignAction':
      assertNotClosed(actionId, status);
      assertReferences(known, referencesOf(command));
      return [{ type: 'ActionReassigned', data: command.data }];
    case 'ReopenAction':
      rule(isClosed(status), 'ACTION_NOT_CLOSED', `action ${actionId} is ${status}; only a completed or withdrawn action is reopened`, {
        actionId,
        status,
      });
      return [{ type: 'ActionReopened', data: { ...command.data, from: status } }];
    case 'AddActionMilestone': {
      assertNotClosed(actionId, status);
      const { milestoneId } = command.data;
      rule(!state.milestones.has(milestoneId), 'ACTION_MILESTONE_ALREADY_ADDED', `action ${actionId} already has milestone ${milestoneId}`, { actionId, milestoneId });
      return [{ type: 'ActionMilestoneAdded', data: command.data }];
    }
    case 'ReachActionMilestone': {
      assertNotClosed(actionId, status);
      const { milestoneId } = command.data;
      const reached = state.milestones.get(milestoneId);
      rule(reached !== undefined, 'ACTION_MILESTONE_NOT_FOUND', `action ${actionId} has no milestone ${milestoneId}`, { actionId, milestoneId });
      rule(!reached, 'ACTION_MILESTONE_ALREADY_REACHED', `milestone ${milestoneId} was already reached`, { actionId, milestoneId });
      return [{ type: 'ActionMilestoneReached', data: command.data }];
    }
    default:
      return unreachable(command);
  }
}

function evolve(state: ActionState, event: LedgerEvent): ActionState {
  if (!isActionEvent(event)) return state;
  switch (event.type) {
    case 'ActionPlanned': {
      const { organisationId, planId, leadOrganisationIds } = event.data;
      return { ...state, status: 'planned', organisationId, planId, leads: invite(noInvitations, leadOrganisationIds, organisationId) };
    }
    case 'ActionStatusChanged':
      return { ...state, status: event.data.to };
    case 'ActionProgressNoted':
      return state;
    case 'ActionRetimed':
      return { ...state, retimings: state.retimings + 1 };
    case 'ActionReassigned':
      return { ...state, leads: invite(state.leads, event.data.leadOrganisationIds, state.organisationId ?? '') };
    case 'ActionReopened':
      return { ...state, status: 'in_progress' };
    case 'ActionMilestoneAdded':
      return { ...state, milestones: new Map(state.milestones).set(event.data.milestoneId, false) };
    case 'ActionMilestoneReached':
      return { ...state, milestones: new Map(state.milestones).set(event.data.milestoneId, true) };
    case 'ActionLeadAccepted':
      return { ...state, leads: answer(state.leads, event.data.organisationId, 'accepted') };
    case 'ActionLeadDeclined':
      return { ...state, leads: answer(state.leads, event.data.organisationId, 'declined') };
    default:
      return unreachable(event);
  }
}

export const actionDecider: Decider<ActionCommand, LedgerEvent, ActionState, ActionContext> = { initialState: initialActionState, decide, evolve };

export const action = defineAggregate({
  name: 'action',
  commandSchema: actionCommand,
  decider: actionDecider,
  streamId: (command) => actionStream(command.data.actionId),
  async context(command, actor, read): Promise<ActionContext> {
    const known = await readKnown(read, referencesOf(command));
    if (command.type !== 'PlanAction') return { actor, known };
    return { actor, known, plan: fold(planDecider, await read(planStream(command.data.planId))) };
  },
});

export { actionStream };
