// Each action as the tracker lists it, under its plan and objective, with whether it is overdue
// on the day asked about. Both the tracker and the per-plan summary count from these rows.

import type { ActionStatus } from '../../../domain/events/action.js';
import type { DocumentSet } from '../../read-model-view.js';
import type { PlanView } from '../../entities/plan-view.js';
import type { TrackedAction } from './projection.js';

export interface TrackerRow extends Record<string, unknown> {
  planId: string;
  planTitle: string | null;
  objectiveId: string | null;
  objectiveCode: string | null;
  objectiveTitle: string | null;
  actionId: string;
  what: string;
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
const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

function row(action: TrackedAction, plan: PlanView | undefined, asOf: string): TrackerRow | null {
  const { planned, status } = action;
  if (!planned || !status) return null;
  const objective = plan?.objectives.find((o) => o.objectiveId === planned.objectiveId);
  const latest = action.progress[action.progress.length - 1];
  const targetDate = planned.targetDate ?? null;
  // Due on its target date, overdue from the day after.
  const overdue = targetDate !== null && targetDate < asOf && !finished(status);
  return {
    planId: planned.planId,
    planTitle: (plan && planDetails(plan)?.title) ?? null,
    objectiveId: planned.objectiveId ?? null,
    objectiveCode: objective?.code ?? null,
    objectiveTitle: objective?.title ?? null,
    actionId: planned.actionId,
    what: planned.what,
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

export const plansIn = (documents: DocumentSet): readonly PlanView[] => documents('plan:') as readonly PlanView[];

/** What the plan is: as adopted, or as drafted while it is a draft (Chester-le-Street's, Highland's). */
export const planDetails = (plan: PlanView) => plan.adopted ?? plan.drafted;

/** Plans by id; within a plan, by objective in the plan's order (actions under none last), then in the order planned. */
export function trackerRows(documents: DocumentSet, asOf: string): TrackerRow[] {
  const plans = new Map<string, PlanView>();
  for (const plan of plansIn(documents)) {
    const details = planDetails(plan);
    if (details) plans.set(details.planId, plan);
  }
  const actions = documents('action:') as readonly TrackedAction[];
  const plannedAt = new Map(actions.map((a) => [a.planned?.actionId, a.plannedAt]));
  const objectiveOrder = (r: TrackerRow): number => {
    const at = plans.get(r.planId)?.objectives.findIndex((o) => o.objectiveId === r.objectiveId) ?? -1;
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return actions
    .flatMap((a) => row(a, plans.get(a.planned?.planId ?? ''), asOf) ?? [])
    .sort(
      (x, y) =>
        (x.planId < y.planId ? -1 : x.planId > y.planId ? 1 : 0) ||
        objectiveOrder(x) - objectiveOrder(y) ||
        (plannedAt.get(x.actionId) ?? 0) - (plannedAt.get(y.actionId) ?? 0),
    );
}

/** The organisation leads it, or recorded it. */
export const ledBy = (row: TrackerRow, organisationId: string): boolean =>
  row.organisationId === organisationId || row.leadOrganisationIds.includes(organisationId);
