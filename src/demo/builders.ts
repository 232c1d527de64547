// Small builders the seed modules share, so each module reads like its document.
// Every step is a command as an officer (or the administrator) would send it, typed
// against the aggregates' own command schemas.

import type { z } from 'zod';
import type { actionCommand } from '../domain/aggregates/action.js';
import type { activityCommand } from '../domain/aggregates/activity.js';
import type { decisionCommand } from '../domain/aggregates/decision.js';
import type { healthCheckCycleCommand } from '../domain/aggregates/health-check-cycle.js';
import type { organisationCommand } from '../domain/aggregates/organisation.js';
import type { planCommand } from '../domain/aggregates/plan.js';
import type { areaCommand, communityCommand } from '../domain/aggregates/reference.js';
import type { IsoDate } from '../domain/values.js';
import { actionRowCommands, type ActionPlacement, type ActionRow } from '../import/action-row.js';
import type { DemoStep } from './step.js';

type DemoCommand = z.input<
  | typeof organisationCommand
  | typeof areaCommand
  | typeof communityCommand
  | typeof planCommand
  | typeof activityCommand
  | typeof decisionCommand
  | typeof actionCommand
  | typeof healthCheckCycleCommand
>;
type DataOf<T extends DemoCommand['type']> = Extract<DemoCommand, { type: T }>['data'];

/** Noon UTC on the day: the seeds give days, not times. */
export const at = (date: IsoDate, time = '12:00:00'): string => `${date}T${time}Z`;

export const step = (as: DemoStep['as'], command: DemoCommand, on?: IsoDate): DemoStep => (on ? { as, command, occurredAt: at(on) } : { as, command });

// Reference data, kept by the administrator.

export const organisation = (organisationId: string, name: string, kind: DataOf<'RegisterOrganisation'>['kind']): DemoStep =>
  step('admin', { type: 'RegisterOrganisation', data: { organisationId, name, kind } });

export const area = (areaId: string, name: string, kind: DataOf<'DefineArea'>['kind']): DemoStep =>
  step('admin', { type: 'DefineArea', data: { areaId, name, kind } });

export const community = (
  communityId: string,
  name: string,
  protectedCharacteristic?: DataOf<'DefineCommunityOfInterest'>['protectedCharacteristic'],
  hardToReach = false,
): DemoStep => step('admin', { type: 'DefineCommunityOfInterest', data: { communityId, name, hardToReach, ...(protectedCharacteristic ? { protectedCharacteristic } : {}) } });

// Plans: who keeps the plan, its id, and the day it was adopted.

export interface PlanKeeper {
  as: string;
  planId: string;
  adoptedOn: IsoDate;
}

export const adoptPlan = (plan: PlanKeeper, data: Omit<DataOf<'AdoptPlan'>, 'planId' | 'adoptedOn'>): DemoStep =>
  step(plan.as, { type: 'AdoptPlan', data: { planId: plan.planId, adoptedOn: plan.adoptedOn, ...data } }, plan.adoptedOn);

export const objective = (plan: PlanKeeper, objectiveId: string, code: string, title: string, description?: string): DemoStep =>
  step(plan.as, { type: 'AddObjective', data: { planId: plan.planId, objectiveId, code, title, ...(description ? { description } : {}) } }, plan.adoptedOn);

export const indicator = (plan: PlanKeeper, objectiveId: string, indicatorId: string, code: string, text: string): DemoStep =>
  step(plan.as, { type: 'AddOutcomeIndicator', data: { planId: plan.planId, objectiveId, indicatorId, code, text } }, plan.adoptedOn);

/**
 * A plan action from its row, planned on the plan's adoption day; its progress note and the
 * status the note implies on `reportedOn` (the same reading the CSV importer uses).
 */
export function action(
  plan: PlanKeeper,
  actionId: string,
  row: ActionRow,
  place: Omit<ActionPlacement, 'actionId' | 'planId' | 'reportedOn'> & { reportedOn?: IsoDate } = {},
): DemoStep[] {
  const reportedOn = place.reportedOn ?? plan.adoptedOn;
  const { plan: planAction, report } = actionRowCommands(row, { ...place, actionId, planId: plan.planId, reportedOn });
  return [step(plan.as, planAction, plan.adoptedOn), ...report.map((command) => step(plan.as, command, reportedOn))];
}

// Engagement activities, findings and decisions.

export type ActivitySpec = Omit<DataOf<'PlanActivity'>, 'window'> & {
  opens: IsoDate;
  closes?: IsoDate;
  /** Given when the document says how many took part: the activity is then closed with it. */
  participants?: number;
};

/** Planned and opened on its first day; closed on its last day where the participants are known. */
export function activity(as: string, spec: ActivitySpec): DemoStep[] {
  const { opens, closes = opens, participants, ...details } = spec;
  const { activityId } = details;
  return [
    step(as, { type: 'PlanActivity', data: { ...details, window: { opens, closes } } }, opens),
    step(as, { type: 'OpenActivity', data: { activityId, openedOn: opens } }, opens),
    ...(participants === undefined ? [] : [step(as, { type: 'CloseActivity', data: { activityId, closedOn: closes, participants } }, closes)]),
  ];
}

export const finding = (as: string, activityId: string, findingId: string, on: IsoDate, theme: string, summary: string): DemoStep =>
  step(as, { type: 'RecordFinding', data: { activityId, findingId, theme, summary, feedbackIds: [] } }, on);

export const decision = (as: string, data: DataOf<'RecordDecision'>): DemoStep => step(as, { type: 'RecordDecision', data }, data.decidedOn);

export const influence = (
  as: string,
  on: IsoDate,
  data: Omit<DataOf<'LinkInfluence'>, 'influence'> & { influence?: DataOf<'LinkInfluence'>['influence'] },
): DemoStep => step(as, { type: 'LinkInfluence', data: { influence: 'changed', ...data } }, on);
