// Each action as the tracker lists it, under its plan (at whatever stage the plan is: a draft's
// actions are a draft's) and objective, with whether it is overdue on the day asked about, who
// leads it (an organisation named as lead only once it accepted), its milestones and the
// activities that deliver it. Both the tracker and the per-plan summary count from these rows.

import type { ActionStatus } from '../../../domain/events/action.js';
import type { PlanStatus } from '../../../domain/events/plan.js';
import type { ActivityStatus } from '../../facts/activity-facts.js';
import type { PlanView } from '../../entities/plan-view.js';
import { actions, type TrackedAction } from '../../facts/actions.js';
import { activities } from '../../facts/activities.js';
import { planDetails, planKey, plans, type PlanDetails } from '../../facts/plans.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { allUnder } from '../paging.js';

/** An activity delivering an action, as the tracker names it. */
export interface DeliveringActivity {
  activityId: string;
  title: string;
  status: ActivityStatus;
}

/** The delivering activities a row names at most; `deliveringActivities` counts them all. */
export const MOST_DELIVERING_NAMED = 20;

export interface TrackerRow extends Record<string, unknown> {
  planId: string;
  planTitle: string | null;
  /** Where the plan stands: draft, proposed, adopted or superseded; null where the ledger holds neither its draft nor its adoption. */
  planStatus: PlanStatus | null;
  /** The plan that replaced it, where it was superseded. */
  planSupersededBy: string | null;
  objectiveId: string | null;
  objectiveCode: string | null;
  objectiveTitle: string | null;
  actionId: string;
  what: string;
  /** The decision it carries out, where its plan names one. */
  decisionId: string | null;
  lead: string;
  /** The organisations that lead it: the one that recorded it, where named, and those named that accepted. */
  leadOrganisationIds: string[];
  /** Named as lead, not yet answered: they lead nothing until they accept. */
  invitedLeadIds: string[];
  declinedLeadIds: string[];
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
  milestones: number;
  milestonesReached: number;
  /** The first milestone not yet reached, by due date. */
  nextMilestone: string | null;
  nextMilestoneDue: string | null;
  /** How many activities say they deliver it, and the first of them in opening order. */
  deliveringActivities: number;
  deliveredBy: DeliveringActivity[];
  asOf: string;
  overdue: boolean;
  daysOverdue: number | null;
}

const finished = (status: ActionStatus): boolean => status === 'completed' || status === 'withdrawn';
const daysBetween = (from: string, to: string): number => dayOf(to) - dayOf(from);

/** A plan as the tracker reads it: its details at whatever stage, and its objectives. */
export interface TrackedPlan {
  view: PlanView;
  details: PlanDetails | null;
}

function row(action: TrackedAction, plan: TrackedPlan | undefined, deliveredBy: { count: number; named: DeliveringActivity[] }, asOf: string): TrackerRow | null {
  const { planned, status } = action;
  if (!planned || !status) return null;
  const objective = plan?.view.objectives.find((o) => o.objectiveId === planned.objectiveId);
  const latest = action.progress[action.progress.length - 1];
  const targetDate = planned.targetDate ?? null;
  // Due on its target date, overdue from the day after.
  const overdue = targetDate !== null && dayOf(targetDate) < dayOf(asOf) && !finished(status);
  const answered = (s: string) => action.leads.filter((l) => l.status === s).map((l) => l.organisationId);
  const accepted = new Set(answered('accepted'));
  const next = action.milestones.find((m) => m.reachedOn === null);
  return {
    planId: planned.planId,
    planTitle: plan?.details?.title ?? null,
    planStatus: plan?.details?.status ?? null,
    planSupersededBy: plan?.details?.supersededBy ?? null,
    objectiveId: planned.objectiveId ?? null,
    objectiveCode: objective?.code ?? null,
    objectiveTitle: objective?.title ?? null,
    actionId: planned.actionId,
    what: planned.what,
    decisionId: action.decisionId,
    lead: planned.lead,
    leadOrganisationIds: planned.leadOrganisationIds.filter((id) => id === planned.organisationId || accepted.has(id)),
    invitedLeadIds: answered('invited'),
    declinedLeadIds: answered('declined'),
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
    milestones: action.milestones.length,
    milestonesReached: action.milestones.filter((m) => m.reachedOn !== null).length,
    nextMilestone: next?.what ?? null,
    nextMilestoneDue: next?.due ?? null,
    deliveringActivities: deliveredBy.count,
    deliveredBy: deliveredBy.named,
    asOf,
    overdue,
    daysOverdue: overdue ? daysBetween(targetDate, asOf) : null,
  };
}

/** A plan at any stage, or undefined where neither its draft nor its adoption is in the ledger. */
export async function trackedPlan(reader: Reader, planId: string): Promise<TrackedPlan | undefined> {
  const view = (await reader.get(plans, [planKey(planId)])).get(planKey(planId));
  const details = view ? planDetails(view) : null;
  return view && details ? { view, details } : undefined;
}

/** For each action, the activities that deliver it: counted in one read, named only for those that have any. */
async function deliveries(reader: Reader, actionIds: readonly string[]): Promise<Map<string, { count: number; named: DeliveringActivity[] }>> {
  const counts = await reader.count(activities, actionIds.map((id) => term('delivers', id)));
  const found = new Map<string, { count: number; named: DeliveringActivity[] }>();
  await Promise.all(
    actionIds.map(async (id, i) => {
      const count = counts[i] ?? 0;
      if (count === 0) return;
      const first = await reader.scan(activities, term('delivers', id), { limit: MOST_DELIVERING_NAMED });
      found.set(id, { count, named: first.map(({ row: a }) => ({ activityId: a.activityId, title: a.title, status: a.status })) });
    }),
  );
  return found;
}

const none = { count: 0, named: [] };

/**
 * One plan's rows: by objective in the plan's order (actions under none last), then in the order
 * planned. Counting only (the summary), the delivering activities are not looked up.
 */
export async function planRows(reader: Reader, planId: string, asOf: string, { delivering = true } = {}): Promise<TrackerRow[]> {
  const [plan, tracked] = await Promise.all([trackedPlan(reader, planId), allUnder(reader, actions, term('plan', planId))]);
  const delivered = delivering ? await deliveries(reader, tracked.flatMap(({ row }) => (row.planned ? [row.planned.actionId] : []))) : new Map();
  const plannedAt = new Map(tracked.map(({ row }) => [row.planned?.actionId, row.plannedAt]));
  const objectiveOrder = (r: TrackerRow): number => {
    const at = plan?.view.objectives.findIndex((o) => o.objectiveId === r.objectiveId) ?? -1;
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return tracked
    .flatMap(({ row: action }) => row(action, plan, delivered.get(action.planned?.actionId ?? '') ?? none, asOf) ?? [])
    .sort((x, y) => objectiveOrder(x) - objectiveOrder(y) || (plannedAt.get(x.actionId) ?? 0) - (plannedAt.get(y.actionId) ?? 0));
}

/** The plans that have actions, by id, after `after`: the groups the tracker walks. */
export const plansWithActions = (reader: Reader) => (after: string | undefined, limit: number): Promise<string[]> =>
  reader.terms(actions, 'plan:', { after, limit });

export const planIdOf = (group: string): string => group.slice('plan:'.length);

/** The organisation recorded it, or leads it (named, and accepted). */
export const ledBy = (row: TrackerRow, organisationId: string): boolean =>
  row.organisationId === organisationId || row.leadOrganisationIds.includes(organisationId);
