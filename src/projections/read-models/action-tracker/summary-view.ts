// /v1/action-plans/summary: per plan, its stage, how many actions stand at each status and how many are overdue.

import { z } from 'zod';
import { actionStatuses, type ActionStatus } from '../../../domain/events/action.js';
import { entityId, isoDate } from '../../../domain/values.js';
import { actions } from '../../facts/actions.js';
import { planDetails, planKey, plans } from '../../facts/plans.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { defineView, type Row } from '../../read-model-view.js';
import { compareText, termPlace, walkGroups } from '../paging.js';
import { ledBy, planIdOf, planRows, plansWithActions, trackedPlan, type TrackedPlan, type TrackerRow } from './tracked-rows.js';

export const summaryFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only actions this organisation recorded or leads (named as lead, and accepted)' }),
  plan: entityId.optional(),
  asOf: isoDate.optional().meta({ description: 'The day "overdue" is judged on; default today' }),
});

/** The title of the plan that superseded another, where the ledger holds it. */
async function titleOf(reader: Reader, planId: string | null): Promise<string | null> {
  if (planId === null) return null;
  const view = (await reader.get(plans, [planKey(planId)])).get(planKey(planId));
  return (view && planDetails(view)?.title) ?? null;
}

function summary(planId: string, plan: TrackedPlan | undefined, supersededByTitle: string | null, rows: readonly TrackerRow[], asOf: string): Row {
  const byStatus = Object.fromEntries(actionStatuses.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ActionStatus, number>;
  return {
    planId,
    planTitle: plan?.details?.title ?? null,
    planStatus: plan?.details?.status ?? null,
    supersededBy: plan?.details?.supersededBy ?? null,
    supersededByTitle,
    actions: rows.length,
    ...byStatus,
    overdue: rows.filter((r) => r.overdue).length,
    moved: rows.filter((r) => r.timesMoved > 0).length,
    asOf,
  };
}

/** Plans (drafts too) and plans with actions, by id, each once: their keys in the plans projection are their terms in the actions'. */
const everyPlan = (reader: Reader) => async (after: string | undefined, limit: number): Promise<string[]> => {
  const [kept, withActions] = await Promise.all([
    reader.scan(plans, 'all', { start: after === undefined ? undefined : { sort: '', key: after }, limit }),
    plansWithActions(reader)(after, limit),
  ]);
  return [...new Set([...kept.map((p) => p.key), ...withActions])].sort(compareText).slice(0, limit);
};

export const summaryView = defineView({
  path: '/v1/action-plans/summary',
  summary: 'Per plan: its stage, actions by status, and how many are overdue',
  description:
    'One row per plan, by id, drafts and plans without actions included (with `organisation`, only plans it keeps or has actions in). The plan’s stage (`planStatus`: draft, proposed, adopted, superseded, and what superseded it), counts by status (planned, in_progress, on_hold, completed, withdrawn), overdue on `asOf` (default today), and how many actions had their timing moved.',
  reads: [plans, actions],
  filters: summaryFilters,
  place: termPlace,
  page(reader, filters, { after, limit }) {
    const asOf = filters.asOf ?? reader.today;
    const only = filters.plan === undefined ? undefined : term('plan', filters.plan);
    const groups = only === undefined ? everyPlan(reader) : async (afterGroup: string | undefined) => (afterGroup === undefined || afterGroup < only ? [only] : []);
    return walkGroups(groups, after, limit, async (group) => {
      const planId = planIdOf(group);
      const [plan, all] = await Promise.all([trackedPlan(reader, planId), planRows(reader, planId, asOf, { delivering: false })]);
      const rows = filters.organisation === undefined ? all : all.filter((r) => ledBy(r, filters.organisation as string));
      if (plan === undefined && all.length === 0) return [];
      if (filters.organisation !== undefined && rows.length === 0 && plan?.details?.organisationId !== filters.organisation) return [];
      return [summary(planId, plan, await titleOf(reader, plan?.details?.supersededBy ?? null), rows, asOf)];
    });
  },
});
