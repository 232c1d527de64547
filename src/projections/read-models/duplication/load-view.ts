// /v1/duplication/load: how often each area and community of interest was asked, quarter by
// quarter ("people are over consulted and under consulted"). Every area and community the ledger
// defines has a row in every quarter of the period, so one nobody asked shows as under-consulted.

import { z } from 'zod';
import { engagementCategories, type DateWindow, type EngagementCategory } from '../../../domain/values.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities as activityFacts } from '../../facts/activities.js';
import { areas, communities } from '../../facts/reference.js';
import { askedPeriod, involves } from '../../filters.js';
import { rowsOf } from '../../read-model-view.js';
import { assertPeriodAllowed, dateOf, dayOf, intersection, overlaps, periodsOverlapping, type Period } from '../../periods.js';

type TargetKind = 'area' | 'community';

interface Target {
  kind: TargetKind;
  id: string;
  name: string | null;
}

interface Cell {
  activityIds: string[];
  organisationIds: Set<string>;
  byCategory: Record<EngagementCategory, number>;
}

const emptyCell = (): Cell => ({ activityIds: [], organisationIds: new Set(), byCategory: Object.fromEntries(engagementCategories.map((c) => [c, 0])) as Cell['byCategory'] });

/**
 * The period asked for; an open side runs to the first opening or the last closing among the
 * activities. Refused (PeriodTooLong) when that is longer than a view answers for.
 */
function periodCovered(filters: { from?: string | undefined; to?: string | undefined }, activities: readonly ActivityFacts[]): DateWindow | null {
  if ((filters.from === undefined || filters.to === undefined) && activities.length === 0) return null;
  const opens = filters.from ?? dateOf(activities.reduce((min, a) => Math.min(min, dayOf(a.window.opens)), Infinity));
  const closes = filters.to ?? dateOf(activities.reduce((max, a) => Math.max(max, dayOf(a.window.closes)), -Infinity));
  assertPeriodAllowed(opens, closes);
  return { opens, closes };
}

/** Each (target, quarter) an activity reached, counted once however many of its days fall in it. */
function tally(activities: readonly ActivityFacts[], period: DateWindow): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const activity of activities) {
    const within = intersection(activity.window, period);
    if (!within) continue;
    const targets = [...new Set(activity.areaIds.map((id) => `area:${id}`)), ...new Set(activity.communityIds.map((id) => `community:${id}`))];
    for (const quarter of periodsOverlapping('quarter', within))
      for (const target of targets) {
        const key = `${target}|${quarter.label}`;
        let cell = cells.get(key);
        if (!cell) cells.set(key, (cell = emptyCell()));
        cell.activityIds.push(activity.activityId);
        cell.organisationIds.add(activity.organisationId);
        cell.byCategory[activity.category] += 1;
      }
  }
  return cells;
}

/** Defined targets first; any an activity names without a definition too, by id. */
function targetsOf(defined: readonly Target[], activities: readonly ActivityFacts[]): Target[] {
  const targets = new Map(defined.map((t) => [`${t.kind}:${t.id}`, t]));
  for (const a of activities) {
    for (const id of a.areaIds) if (!targets.has(`area:${id}`)) targets.set(`area:${id}`, { kind: 'area', id, name: null });
    for (const id of a.communityIds) if (!targets.has(`community:${id}`)) targets.set(`community:${id}`, { kind: 'community', id, name: null });
  }
  const order = (t: Target): string => `${t.kind === 'area' ? 0 : 1}${t.name ?? t.id}\u0000${t.id}`;
  return [...targets.values()].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

function row(target: Target, quarter: Period, cell: Cell | undefined, thresholds: { over: number; under: number }): Row {
  const { activityIds, organisationIds, byCategory } = cell ?? emptyCell();
  return {
    quarter: quarter.label,
    quarterStarts: quarter.starts,
    quarterEnds: quarter.ends,
    targetKind: target.kind,
    targetId: target.id,
    targetName: target.name,
    activities: activityIds.length,
    byCategory,
    organisationIds: [...organisationIds].sort(),
    activityIds,
    overConsulted: activityIds.length >= thresholds.over,
    underConsulted: activityIds.length <= thresholds.under,
  };
}

export const loadFilters = commonFilters.extend({
  over: z.coerce.number().int().min(1).default(4).meta({ description: 'Over-consulted at this many activities in a quarter or more' }),
  under: z.coerce.number().int().min(0).default(0).meta({ description: 'Under-consulted at this many activities in a quarter or fewer' }),
});

export const loadView = defineView({
  path: '/v1/duplication/load',
  summary: 'Consultation load per area and community of interest per quarter, naming the over- and under-consulted',
  description:
    'One row per area or community of interest and calendar quarter: the activities whose window overlaps the quarter (cancelled ones left out), by engagement category. Every area and community the ledger defines appears in every quarter of the period, so those nobody asked show. The period is `from`-`to`; an open side runs to the first opening or last closing among the activities, and a period over 50 years is refused (400 PERIOD_TOO_LONG). `organisation` counts only its activities (leading or as a joint partner); `area` and `community` show only those targets.',
  reads: [activityFacts, areas, communities],
  filters: loadFilters,
  run(documents, filters) {
    const asked = askedPeriod(filters);
    const activities = rowsOf(documents, activityFacts).filter(
      (a) => a.status !== 'cancelled' && overlaps(a.window, asked) && (filters.organisation === undefined || involves(a, filters.organisation)),
    );
    const period = periodCovered(filters, activities);
    if (!period) return [];
    const cells = tally(activities, period);
    const defined: Target[] = [
      ...rowsOf(documents, areas).map((a): Target => ({ kind: 'area', id: a.areaId, name: a.name })),
      ...rowsOf(documents, communities).map((c): Target => ({ kind: 'community', id: c.communityId, name: c.name })),
    ];
    const wanted = (t: Target): boolean =>
      (filters.area === undefined && filters.community === undefined) || (t.kind === 'area' ? t.id === filters.area : t.id === filters.community);
    const quarters = periodsOverlapping('quarter', period);
    return targetsOf(defined, activities)
      .filter(wanted)
      .flatMap((target) => quarters.map((quarter) => row(target, quarter, cells.get(`${target.kind}:${target.id}|${quarter.label}`), filters)));
  },
});
