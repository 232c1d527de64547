// Each action as the tracker lists it, under its plan and objective, with whether it is overdue
// on the day asked about. Both the tracker and the per-plan summary count from these rows.

import type { ActionStatus } from '../../../domain/events/action.js';
import type { PlanView } from '../../entities/plan-view.js';
import { actions, type TrackedAction } from '../../facts/actions.js';
import { planKey, plans } from '../../facts/plans.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { allUnder } from '../paging.js';

export interface TrackerRow extends Record<string, unknown> {
  planId: string;
  planTitle: string | null;
  objectiveId: string | null;
  objectiveCode: string | null;
  objectiveTitle: string | null;
  actionId: string;
  what: string;
  /** The decision it carries out, where its plan names one. */
  decisionId: string | null;
  lead: string;
  leadOrganisationIds: string[];
  organisationId: string;
  status: ActionStatus;
  /** "Greyed-out actions are no longer part of the strategy": kept, and marked. */
  withdrawn: boolean;
  targetDate: string | null;
  timescale: string | null;
  /** How often its timing was amended. */
  timesMoved: number;
  reopenings: number;
  progressNotes: number;
  latestProgressOn: string | null;
  latestProgressNote: string | null;
  asOf: string;
  overdue: boolean;
  daysOverdue: number | null;
}

const finished = (status: ActionStatus): boolean => status === 'completed' || status === 'withdrawn';
const daysBetween = (from: string, to: string): number => dayOf(to) - dayOf(from);

function row(action: TrackedAction, plan: PlanView | undefined, asOf: string): TrackerRow | null {
  const { planned, status } = action;
  if (!planned || !status) return null;
  const objective = plan?.objectives.find((o) => o.objectiveId === planned.objectiveId);
  const latest = action.progress[action.progress.length - 1];
  const targetDate = planned.targetDate ?? null;
  // Due on its target date, overdue from the day after.
  const overdue = targetDate !== null && dayOf(targetDate) < dayOf(asOf) && !finished(status);
  return {
    planId: planned.planId,
    planTitle: plan?.adopted?.title ?? null,
    objectiveId: planned.objectiveId ?? null,
    objectiveCode: objective?.code ?? null,
    objectiveTitle: objective?.title ?? null,
    actionId: planned.actionId,
    what: planned.what,
    decisionId: action.decisionId ?? null,
    lead: planned.lead,
    leadOrganisationIds: planned.leadOrganisationIds,
    organisationId: planned.organisationId,
    status,
    withdrawn: status === 'withdrawn',
    targetDate,
    timescale: planned.timescale ?? null,
    timesMoved: action.retimings,
    reopenings: action.reopenings.length,
    progressNotes: action.progress.length,
    latestProgressOn: latest?.notedOn ?? null,
    latestProgressNote: latest?.note ?? null,
    asOf,
    overdue,
    daysOverdue: overdue ? daysBetween(targetDate, asOf) : null,
  };
}

/** A plan as adopted, or undefined where its adoption is not in the ledger. */
export async function adoptedPlan(reader: Reader, planId: string): Promise<PlanView | undefined> {
  const plan = (await reader.get(plans, [planKey(planId)])).get(planKey(planId));
  return plan?.adopted ? plan : undefined;
}

/** One plan's rows: by objective in the plan's order (actions under none last), then in the order planned. */
export async function planRows(reader: Reader, planId: string, asOf: string): Promise<TrackerRow[]> {
  const [plan, tracked] = await Promise.all([adoptedPlan(reader, planId), allUnder(reader, actions, term('plan', planId))]);
  const plannedAt = new Map(tracked.map(({ row }) => [row.planned?.actionId, row.plannedAt]));
  const objectiveOrder = (r: TrackerRow): number => {
    const at = plan?.objectives.findIndex((o) => o.objectiveId === r.objectiveId) ?? -1;
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return tracked
    .flatMap(({ row: action }) => row(action, plan, asOf) ?? [])
    .sort((x, y) => objectiveOrder(x) - objectiveOrder(y) || (plannedAt.get(x.actionId) ?? 0) - (plannedAt.get(y.actionId) ?? 0));
}

/** The plans that have actions, by id, after `after`: the groups the tracker walks. */
export const plansWithActions = (reader: Reader) => (after: string | undefined, limit: number): Promise<string[]> =>
  reader.terms(actions, 'plan:', { after, limit });

export const planIdOf = (group: string): string => group.slice('plan:'.length);

/** The organisation leads it, or recorded it. */
export const ledBy = (row: TrackerRow, organisationId: string): boolean =>
  row.organisationId === organisationId || row.leadOrganisationIds.includes(organisationId);
