// /v1/action-plans/summary: per plan, how many actions stand at each status and how many are overdue.

import { z } from 'zod';
import { actionStatuses, type ActionStatus } from '../../../domain/events/action.js';
import { entityId, isoDate } from '../../../domain/values.js';
import { defineView, type Row } from '../../read-model-view.js';
import { ledBy, planDetails, plansIn, trackerRows, type TrackerRow } from './tracked-rows.js';

export const summaryFilters = z.object({
  organisation: entityId.optional().meta({ description: 'Only actions this organisation recorded or leads' }),
  plan: entityId.optional(),
  asOf: isoDate.optional().meta({ description: 'The day "overdue" is judged on; default today' }),
});

function summary(planId: string, planTitle: string | null, rows: readonly TrackerRow[], asOf: string): Row {
  const byStatus = Object.fromEntries(actionStatuses.map((s) => [s, rows.filter((r) => r.status === s).length])) as Record<ActionStatus, number>;
  return {
    planId,
    planTitle,
    actions: rows.length,
    ...byStatus,
    overdue: rows.filter((r) => r.overdue).length,
    moved: rows.filter((r) => r.timesMoved > 0).length,
    asOf,
  };
}

export const summaryView = defineView({
  path: '/v1/action-plans/summary',
  summary: 'Per plan: actions by status, and how many are overdue',
  description:
    'One row per plan, plans without actions included (with `organisation`, only plans it adopted or has actions in). Counts by status (planned, in_progress, on_hold, completed, withdrawn), overdue on `asOf` (default today), and how many actions had their timing moved.',
  projection: 'action-tracker',
  documents: ['plan:', 'action:'],
  filters: summaryFilters,
  run(documents, filters, { today }) {
    const asOf = filters.asOf ?? today;
    const adopted = new Map(
      plansIn(documents).flatMap((p) => {
        const details = planDetails(p);
        return details ? [[details.planId, details] as const] : [];
      }),
    );
    const byPlan = new Map<string, TrackerRow[]>([...adopted.keys()].map((planId) => [planId, []]));
    for (const r of trackerRows(documents, asOf)) {
      if (filters.organisation !== undefined && !ledBy(r, filters.organisation)) continue;
      const rows = byPlan.get(r.planId);
      if (rows) rows.push(r);
      else byPlan.set(r.planId, [r]);
    }
    return [...byPlan]
      .filter(([planId]) => filters.plan === undefined || planId === filters.plan)
      .filter(([planId, rows]) => filters.organisation === undefined || rows.length > 0 || adopted.get(planId)?.organisationId === filters.organisation)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([planId, rows]) => summary(planId, adopted.get(planId)?.title ?? null, rows, asOf));
  },
});
