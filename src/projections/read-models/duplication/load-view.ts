// /v1/duplication/load: how often each area and community of interest was asked, quarter by
// quarter ("people are over consulted and under consulted"). Every area and community the ledger
// defines has a row in every quarter of the period, so one nobody asked shows as under-consulted.

import { z } from 'zod';
import { engagementCategories, type DateWindow, type EngagementCategory } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities as activityFacts } from '../../facts/activities.js';
import { areas, communities } from '../../facts/reference.js';
import { askedPeriod, involves } from '../../filters.js';
import { assertPeriodAllowed, dateOf, dayOf, intersection, overlaps, periodsOverlapping, type Period } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { allUnder, offsetPlace } from '../paging.js';

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

export const loadFilters = commonFilters.extend({
  over: z.coerce.number().int().min(1).default(4).meta({ description: 'Over-consulted at this many activities in a quarter or more' }),
  under: z.coerce.number().int().min(0).default(0).meta({ description: 'Under-consulted at this many activities in a quarter or fewer' }),
});
type Query = z.output<typeof loadFilters>;

/** Counted: not cancelled, its window within the period asked for, and the organisation's where one is asked for. */
const counts = (query: Query) => {
  const asked = askedPeriod(query);
  return (a: ActivityFacts): boolean => a.status !== 'cancelled' && overlaps(a.window, asked) && (query.organisation === undefined || involves(a, query.organisation));
};

/** The first counted activity under a term, in its order (or the reverse): where an open side of the period ends. */
async function firstCounted(reader: Reader, under: string, range: { from?: string; to?: string; reverse?: boolean }, counted: (a: ActivityFacts) => boolean): Promise<ActivityFacts | undefined> {
  for (let start: { sort: string; key: string } | undefined; ; ) {
    const chunk = await reader.scan(activityFacts, under, { ...range, start, limit: 200 });
    const found = chunk.find((r) => counted(r.row));
    if (found) return found.row;
    const last = chunk.at(-1);
    if (!last || chunk.length < 200) return undefined;
    start = { sort: last.sort, key: last.key };
  }
}

/**
 * The period asked for; an open side runs to the first opening or the last closing among the
 * activities counted. Refused (PeriodTooLong) when that is longer than a view answers for.
 */
async function periodCovered(reader: Reader, query: Query): Promise<DateWindow | null> {
  const counted = counts(query);
  let { from: opens, to: closes } = query;
  if ((opens === undefined || closes === undefined) && query.organisation !== undefined) {
    const own = (await allUnder(reader, activityFacts, term('organisation', query.organisation))).map((r) => r.row).filter(counted);
    if (own.length === 0) return null;
    opens ??= dateOf(own.reduce((min, a) => Math.min(min, dayOf(a.window.opens)), Infinity));
    closes ??= dateOf(own.reduce((max, a) => Math.max(max, dayOf(a.window.closes)), -Infinity));
  }
  if (opens === undefined) opens = (await firstCounted(reader, 'all', { to: query.to }, counted))?.window.opens;
  if (closes === undefined) closes = (await firstCounted(reader, 'closing', { from: query.from, reverse: true }, counted))?.window.closes;
  if (opens === undefined || closes === undefined) return null;
  assertPeriodAllowed(opens, closes);
  return { opens, closes };
}

/** Defined targets first, by kind then name; then any an activity counted names without a definition, by id. */
async function targetsOf(reader: Reader, query: Query): Promise<Target[]> {
  const [definedAreas, definedCommunities] = await Promise.all([allUnder(reader, areas, 'all'), allUnder(reader, communities, 'all')]);
  const targets = new Map<string, Target>([
    ...definedAreas.map(({ row }): [string, Target] => [`area:${row.areaId}`, { kind: 'area', id: row.areaId, name: row.name }]),
    ...definedCommunities.map(({ row }): [string, Target] => [`community:${row.communityId}`, { kind: 'community', id: row.communityId, name: row.name }]),
  ]);
  const counted = counts(query);
  for (const kind of ['area', 'community'] as const) {
    for (const named of await reader.terms(activityFacts, `${kind}:`, { limit: 10_000 })) {
      if (targets.has(named) || !(await firstCounted(reader, named, {}, counted))) continue;
      targets.set(named, { kind, id: named.slice(kind.length + 1), name: null });
    }
  }
  const order = (t: Target): string => `${t.kind === 'area' ? 0 : 1}${t.name ?? t.id}\u0000${t.id}`;
  const wanted = (t: Target): boolean =>
    (query.area === undefined && query.community === undefined) || (t.kind === 'area' ? t.id === query.area : t.id === query.community);
  return [...targets.values()].filter(wanted).sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** One target's cells: each quarter an activity counted reached, counted once however many of its days fall in it. */
async function tally(reader: Reader, target: Target, period: DateWindow, query: Query): Promise<Map<string, Cell>> {
  const counted = counts(query);
  const cells = new Map<string, Cell>();
  for (const { row: activity } of await allUnder(reader, activityFacts, term(target.kind, target.id))) {
    if (!counted(activity)) continue;
    const within = intersection(activity.window, period);
    if (!within) continue;
    for (const quarter of periodsOverlapping('quarter', within)) {
      let cell = cells.get(quarter.label);
      if (!cell) cells.set(quarter.label, (cell = emptyCell()));
      cell.activityIds.push(activity.activityId);
      cell.organisationIds.add(activity.organisationId);
      cell.byCategory[activity.category] += 1;
    }
  }
  for (const cell of cells.values()) cell.activityIds.sort();
  return cells;
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

export const loadView = defineView({
  path: '/v1/duplication/load',
  summary: 'Consultation load per area and community of interest per quarter, naming the over- and under-consulted',
  description:
    'One row per area or community of interest and calendar quarter: the activities whose window overlaps the quarter (cancelled ones left out), by engagement category. Every area and community the ledger defines appears in every quarter of the period, so those nobody asked show. The period is `from`-`to`; an open side runs to the first opening or last closing among the activities, and a period over 50 years is refused (400 PERIOD_TOO_LONG). `organisation` counts only its activities (leading, or as a joint partner that accepted); `area` and `community` show only those targets. By target (areas, then communities, by name), then quarter.',
  reads: [activityFacts, areas, communities],
  filters: loadFilters,
  place: offsetPlace,
  async page(reader, query, { after, limit }) {
    const period = await periodCovered(reader, query);
    if (!period) return { rows: [], next: null };
    const quarters = periodsOverlapping('quarter', period);
    const targets = await targetsOf(reader, query);
    // The rows are every target in every quarter; a page tallies only the targets it shows.
    const total = targets.length * quarters.length;
    const offset = after?.offset ?? 0;
    const end = Math.min(offset + limit, total);
    const items = Array.from({ length: Math.max(0, end - offset) }, (_, i) => offset + i);
    const tallies = new Map<number, Map<string, Cell>>();
    for (const t of new Set(items.map((i) => Math.floor(i / quarters.length)))) tallies.set(t, await tally(reader, targets[t] as Target, period, query));
    const rows = items.map((i) => {
      const t = Math.floor(i / quarters.length);
      const quarter = quarters[i % quarters.length] as Period;
      return row(targets[t] as Target, quarter, tallies.get(t)?.get(quarter.label), query);
    });
    return { rows, next: end < total ? { offset: end } : null };
  },
});
