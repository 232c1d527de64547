// A strategy or action plan: its lifecycle (draft, proposed, adopted, superseded), its
// objectives and outcome indicators, and the resources and risks it names.

import { z } from 'zod';
import { defineAggregate } from '../aggregate.js';
import { assertMayRecord } from '../authority.js';
import type { Actor } from '../actor.js';
import { ownEvents, unreachable, type DecideContext, type Decider } from '../decider.js';
import { acceptedOf, answer, assertMayAnswer, invite, noInvitations, type Invitations } from '../invitations.js';
import { assertReferences, readKnown, type Known, type Reference } from '../references.js';
import { rule } from '../errors.js';
import type { EventData, EventOfType, LedgerEvent } from '../events/catalogue.js';
import {
  ObjectiveAdded,
  ObjectiveAmended,
  OutcomeIndicatorAdded,
  PlanAdopted,
  PlanDrafted,
  PlanPartnershipAccepted,
  PlanPartnershipDeclined,
  PlanProposed,
  PlanResourceAdded,
  PlanRiskIdentified,
  PlanSuperseded,
  type PlanStatus,
} from '../events/plan.js';
import { entityId, isoDate, shortText } from '../values.js';
import { planStream } from './streams.js';

export const planCommand = z.discriminatedUnion('type', [
  /** A plan recorded as adopted from the start (its drafts are not in the ledger). */
  z.object({ type: z.literal('AdoptPlan'), data: PlanAdopted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('DraftPlan'), data: PlanDrafted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('ProposePlan'), data: PlanProposed.schema }),
  /** A draft (proposed or not) adopted: its details come from the draft. */
  z.object({ type: z.literal('AdoptDraftPlan'), data: z.object({ planId: entityId, adoptedOn: isoDate, adoptedBy: shortText.optional() }) }),
  z.object({ type: z.literal('SupersedePlan'), data: PlanSuperseded.schema }),
  z.object({ type: z.literal('AddObjective'), data: ObjectiveAdded.schema }),
  z.object({ type: z.literal('AmendObjective'), data: ObjectiveAmended.schema }),
  z.object({ type: z.literal('AddOutcomeIndicator'), data: OutcomeIndicatorAdded.schema }),
  z.object({ type: z.literal('AddPlanResource'), data: PlanResourceAdded.schema }),
  z.object({ type: z.literal('IdentifyPlanRisk'), data: PlanRiskIdentified.schema }),
  /** The organisation answering is the officer's own, from the credential. */
  z.object({ type: z.literal('AcceptPlanPartnership'), data: PlanPartnershipAccepted.schema.omit({ organisationId: true }) }),
  z.object({ type: z.literal('DeclinePlanPartnership'), data: PlanPartnershipDeclined.schema.omit({ organisationId: true }) }),
]);
export type PlanCommand = z.output<typeof planCommand>;

const planEventTypes = [
  'PlanDrafted',
  'PlanProposed',
  'PlanAdopted',
  'PlanSuperseded',
  'ObjectiveAdded',
  'ObjectiveAmended',
  'OutcomeIndicatorAdded',
  'PlanResourceAdded',
  'PlanRiskIdentified',
  'PlanPartnershipAccepted',
  'PlanPartnershipDeclined',
] as const;
type PlanEvent = EventOfType<(typeof planEventTypes)[number]>;
const isPlanEvent = ownEvents(planEventTypes);

type Details = Omit<EventData<'PlanDrafted'>, 'planId' | 'draftedOn' | 'draftVersion'>;

export interface PlanState {
  /** null until the plan is drafted or adopted. */
  status: PlanStatus | null;
  /** What the plan is: a draft's adoption records these. */
  details: Details | null;
  /** The partners it names, each invited until its officer answers. */
  partners: Invitations;
  /** The organisations whose officers keep the plan: its own and the partners that accepted. */
  owners: readonly string[];
  supersededBy: string | null;
  objectiveIds: ReadonlySet<string>;
  indicatorIds: ReadonlySet<string>;
  resourceIds: ReadonlySet<string>;
  riskIds: ReadonlySet<string>;
}

export const initialPlanState: PlanState = {
  status: null,
  details: null,
  partners: noInvitations,
  owners: [],
  supersededBy: null,
  objectiveIds: new Set(),
  indicatorIds: new Set(),
  resourceIds: new Set(),
  riskIds: new Set(),
};

/** Whether the partners and the replacing plan a command names exist. */
export interface PlanContext extends DecideContext {
  known: Known;
}

function referencesOf(command: PlanCommand): Reference[] {
  if (command.type === 'AdoptPlan' || command.type === 'DraftPlan') return [{ kind: 'organisation', field: 'partnerIds', ids: command.data.partnerIds }];
  return command.type === 'SupersedePlan' ? [{ kind: 'plan', field: 'supersededBy', ids: [command.data.supersededBy] }] : [];
}

function assertObjective(state: PlanState, planId: string, objectiveId: string): void {
  rule(state.objectiveIds.has(objectiveId), 'OBJECTIVE_NOT_FOUND', `plan ${planId} has no objective ${objectiveId}`, { planId, objectiveId });
}

function assertPeriod(planId: string, period: Details['period']): void {
  rule(!period || period.from <= period.to, 'PLAN_PERIOD_INVALID', 'a plan’s period cannot end before it starts', { planId, period });
}

function assertNew(state: PlanState, planId: string): void {
  const code = state.status === 'adopted' ? 'PLAN_ALREADY_ADOPTED' : 'PLAN_ALREADY_EXISTS';
  rule(state.status === null, code, `plan ${planId} already exists (${state.status})`, { planId, status: state.status });
}

/** A plan moves forward only: draft -> proposed -> adopted; any of them -> superseded. */
function assertStatus(state: PlanState, planId: string, allowed: readonly PlanStatus[], to: string): void {
  const from = state.status as PlanStatus;
  rule(allowed.includes(from), 'PLAN_TRANSITION_NOT_ALLOWED', `plan ${planId} is ${from}; it cannot be ${to}`, { planId, status: from, to });
}

function assertUnused(ids: ReadonlySet<string>, id: string, code: string, planId: string): void {
  rule(!ids.has(id), code, `plan ${planId} already has ${id}`, { planId, id });
}

function decide(command: PlanCommand, state: PlanState, { actor, known }: PlanContext): PlanEvent[] {
  const { planId } = command.data;
  if (command.type === 'AdoptPlan' || command.type === 'DraftPlan') {
    const organisationId = assertMayRecord(actor);
    assertNew(state, planId);
    assertPeriod(planId, command.data.period);
    assertReferences(known, referencesOf(command));
    return command.type === 'AdoptPlan'
      ? [{ type: 'PlanAdopted', data: { ...command.data, organisationId } }]
      : [{ type: 'PlanDrafted', data: { ...command.data, organisationId } }];
  }
  rule(state.status !== null && state.details !== null, 'PLAN_NOT_FOUND', `plan ${planId} does not exist`, { planId });
  if (command.type === 'AcceptPlanPartnership' || command.type === 'DeclinePlanPartnership') {
    const organisationId = assertMayAnswer(actor, state.partners, `plan ${planId}`);
    return command.type === 'AcceptPlanPartnership'
      ? [{ type: 'PlanPartnershipAccepted', data: { ...command.data, organisationId } }]
      : [{ type: 'PlanPartnershipDeclined', data: { ...command.data, organisationId } }];
  }
  assertMayRecord(actor, state.owners);
  switch (command.type) {
    case 'ProposePlan':
      assertStatus(state, planId, ['draft'], 'proposed');
      return [{ type: 'PlanProposed', data: command.data }];
    case 'AdoptDraftPlan':
      assertStatus(state, planId, ['draft', 'proposed'], 'adopted');
      return [{ type: 'PlanAdopted', data: { ...state.details, ...command.data } }];
    case 'SupersedePlan': {
      const { supersededBy } = command.data;
      assertStatus(state, planId, ['draft', 'proposed', 'adopted'], 'superseded');
      rule(supersededBy !== planId, 'PLAN_CANNOT_SUPERSEDE_ITSELF', 'a plan is superseded by another plan', { planId });
      assertReferences(known, referencesOf(command));
      return [{ type: 'PlanSuperseded', data: command.data }];
    }
    case 'AddObjective':
      assertUnused(state.objectiveIds, command.data.objectiveId, 'OBJECTIVE_ALREADY_ADDED', planId);
      return [{ type: 'ObjectiveAdded', data: command.data }];
    case 'AmendObjective':
      assertObjective(state, planId, command.data.objectiveId);
      return [{ type: 'ObjectiveAmended', data: command.data }];
    case 'AddOutcomeIndicator':
      assertObjective(state, planId, command.data.objectiveId);
      assertUnused(state.indicatorIds, command.data.indicatorId, 'OUTCOME_INDICATOR_ALREADY_ADDED', planId);
      return [{ type: 'OutcomeIndicatorAdded', data: command.data }];
    case 'AddPlanResource':
      assertUnused(state.resourceIds, command.data.resourceId, 'PLAN_RESOURCE_ALREADY_ADDED', planId);
      return [{ type: 'PlanResourceAdded', data: command.data }];
    case 'IdentifyPlanRisk':
      assertUnused(state.riskIds, command.data.riskId, 'PLAN_RISK_ALREADY_IDENTIFIED', planId);
      return [{ type: 'PlanRiskIdentified', data: command.data }];
    default:
      return unreachable(command);
  }
}

function withPartners(state: PlanState, partners: Invitations): PlanState {
  const organisationId = state.details?.organisationId;
  return { ...state, partners, owners: organisationId ? [organisationId, ...acceptedOf(partners)] : [] };
}

/** Drafted or adopted: a draft's partners who answered keep their answers when it is adopted. */
function created(state: PlanState, status: PlanStatus, data: EventData<'PlanDrafted'> | EventData<'PlanAdopted'>): PlanState {
  const { organisationId, title, kind, period, partnerIds } = data;
  const details: Details = { organisationId, title, kind, partnerIds, ...(period ? { period } : {}) };
  return withPartners({ ...state, status, details }, invite(state.partners, partnerIds, organisationId));
}

function evolve(state: PlanState, event: LedgerEvent): PlanState {
  if (!isPlanEvent(event)) return state;
  switch (event.type) {
    case 'PlanDrafted':
      return created(state, 'draft', event.data);
    case 'PlanProposed':
      return { ...state, status: 'proposed' };
    case 'PlanAdopted':
      return created(state, 'adopted', event.data);
    case 'PlanSuperseded':
      return { ...state, status: 'superseded', supersededBy: event.data.supersededBy };
    case 'ObjectiveAdded':
      return { ...state, objectiveIds: new Set(state.objectiveIds).add(event.data.objectiveId) };
    case 'ObjectiveAmended':
      return state;
    case 'OutcomeIndicatorAdded':
      return { ...state, indicatorIds: new Set(state.indicatorIds).add(event.data.indicatorId) };
    case 'PlanResourceAdded':
      return { ...state, resourceIds: new Set(state.resourceIds).add(event.data.resourceId) };
    case 'PlanRiskIdentified':
      return { ...state, riskIds: new Set(state.riskIds).add(event.data.riskId) };
    case 'PlanPartnershipAccepted':
      return withPartners(state, answer(state.partners, event.data.organisationId, 'accepted'));
    case 'PlanPartnershipDeclined':
      return withPartners(state, answer(state.partners, event.data.organisationId, 'declined'));
    default:
      return unreachable(event);
  }
}

export const planDecider: Decider<PlanCommand, LedgerEvent, PlanState, PlanContext> = { initialState: initialPlanState, decide, evolve };

/**
 * An officer attaches actions and activities only to a plan that exists (a draft counts:
 * Chester-le-Street's draft has its key actions) and that their organisation keeps, as its own
 * or as a partner: otherwise a record of theirs would show in another organisation's tracker.
 */
export function assertMayServePlan(actor: Actor, planId: string, plan: PlanState | undefined): void {
  rule(plan !== undefined && plan.status !== null, 'UNKNOWN_PLAN', `planId: the ledger has no plan ${planId}`, { field: 'planId', missing: [planId] });
  assertMayRecord(actor, plan.owners);
}

/** An objective named in a command (not in the path) is one of the plan's. */
export function assertObjectiveOf(plan: PlanState | undefined, planId: string | null, objectiveId: string): void {
  rule(plan?.objectiveIds.has(objectiveId) === true, 'UNKNOWN_OBJECTIVE', `objectiveId: plan ${planId ?? '(none)'} has no objective ${objectiveId}`, {
    field: 'objectiveId',
    missing: [objectiveId],
    planId,
  });
}

export const plan = defineAggregate({
  name: 'plan',
  commandSchema: planCommand,
  decider: planDecider,
  streamId: (command) => planStream(command.data.planId),
  async context(command, actor, read): Promise<PlanContext> {
    return { actor, known: await readKnown(read, referencesOf(command)) };
  },
});

export { planStream };
