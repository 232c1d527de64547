// /v1/calendar: the annual calendar of engagement ("an annual calendar of consultations across
// the partnership"), and a finder over it by area, community, topic, organisation, words and date.

import { z } from 'zod';
import { activityMethods } from '../../../domain/events/activity.js';
import { engagementCategory } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities, byOpening } from '../../facts/activities.js';
import { organisations } from '../../facts/reference.js';
import { askedPeriod, matchesCommonFilters, normaliseTopic } from '../../filters.js';
import { dayOf, intersection, overlaps, periodAfter, periodContaining, periodsOverlapping, type Period } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { commonFilters, defineView, type PageOf, type Row } from '../../read-model-view.js';
import { organisationNames } from '../engagement/engagement.js';
import { allUnder, compareText, mergedRows, SCAN_BUDGET } from '../paging.js';

export const calendarFilters = commonFilters.extend({
  period: z.enum(['month', 'quarter']).default('month').meta({ description: 'One row per activity for each month (default) or quarter its window touches' }),
  topic: z.string().trim().min(1).max(100).optional().meta({ description: 'Activities with this topic (case-insensitive)' }),
  text: z.string().trim().min(1).max(200).optional().meta({ description: 'Words found in the title, description or topics (case-insensitive)' }),
  category: engagementCategory.optional(),
  method: z.enum(activityMethods).optional(),
  status: z.enum(['planned', 'open', 'closed', 'cancelled']).optional(),
});
type CalendarFilters = z.output<typeof calendarFilters>;

/** Where a page of the calendar ends: within the period starting `period`, after the activity at (sort, key) in opening order. */
const calendarPlace = z.object({ period: z.string(), sort: z.string(), key: z.string() });
type CalendarPlace = z.infer<typeof calendarPlace>;

/** A filter that names a term few enough activities hold is read whole, and its rows put in order. */
const FEW_ENOUGH = 2_000;
/** Months or quarters one page steps through at most. */
const PERIOD_BUDGET = 240;

function matches(activity: ActivityFacts, filters: CalendarFilters): boolean {
  const topic = filters.topic === undefined ? undefined : normaliseTopic(filters.topic);
  const text = filters.text?.toLowerCase();
  return (
    matchesCommonFilters(activity, filters) &&
    (topic === undefined || activity.topics.some((t) => normaliseTopic(t) === topic)) &&
    (text === undefined || [activity.title, activity.description ?? '', ...activity.topics].some((s) => s.toLowerCase().includes(text))) &&
    (filters.category === undefined || activity.category === filters.category) &&
    (filters.method === undefined || activity.method === filters.method) &&
    (filters.status === undefined || activity.status === filters.status)
  );
}

function row(period: Period, a: ActivityFacts, organisationName: string | null): Row {
  return {
    period: period.label,
    periodStarts: period.starts,
    periodEnds: period.ends,
    activityId: a.activityId,
    organisationId: a.organisationId,
    organisationName,
    jointPartnerIds: a.jointPartnerIds,
    invitedPartnerIds: a.invitedPartnerIds,
    title: a.title,
    category: a.category,
    method: a.method,
    opens: a.window.opens,
    closes: a.window.closes,
    areaIds: a.areaIds,
    communityIds: a.communityIds,
    topics: a.topics,
    status: a.status,
  };
}

interface Entry {
  period: Period;
  activity: ActivityFacts;
  key: string;
}

const placeOf = (e: Entry): CalendarPlace => ({ period: e.period.starts, sort: e.activity.window.opens, key: e.key });
const comparePlaces = (a: CalendarPlace, b: CalendarPlace): number => dayOf(a.period) - dayOf(b.period) || compareText(a.sort, b.sort) || compareText(a.key, b.key);

async function withNames(reader: Reader, entries: readonly Entry[], next: CalendarPlace | null): Promise<PageOf<CalendarPlace>> {
  const names = await organisationNames(reader, entries.map((e) => e.activity.organisationId));
  return { rows: entries.map((e) => row(e.period, e.activity, names(e.activity.organisationId))), next };
}

/** The terms a filter names that hold activities in opening order. */
function filterTerms(filters: CalendarFilters): string[] {
  return [
    ...(filters.organisation === undefined ? [] : [term('organisation', filters.organisation)]),
    ...(filters.area === undefined ? [] : [term('area', filters.area)]),
    ...(filters.community === undefined ? [] : [term('community', filters.community)]),
    ...(filters.topic === undefined ? [] : [term('topic', normaliseTopic(filters.topic))]),
    ...(filters.category === undefined ? [] : [term('category', filters.category)]),
    ...(filters.status === undefined ? [] : [term('status', filters.status)]),
  ];
}

/** Few activities to show: all of them read, each listed in every period it touches, then the page cut. */
async function fromFew(reader: Reader, under: string, filters: CalendarFilters, after: CalendarPlace | undefined, limit: number): Promise<PageOf<CalendarPlace>> {
  const asked = askedPeriod(filters);
  const entries = (await allUnder(reader, activities, under))
    .filter(({ row }) => matches(row, filters))
    .sort((a, b) => byOpening(a.row, b.row))
    .flatMap(({ key, row }) => {
      const shown = intersection(row.window, asked);
      return shown ? periodsOverlapping(filters.period, shown).map((period) => ({ period, activity: row, key })) : [];
    })
    .sort((a, b) => dayOf(a.period.starts) - dayOf(b.period.starts));
  const rest = after === undefined ? entries : entries.filter((e) => comparePlaces(placeOf(e), after) > 0);
  const page = rest.slice(0, limit);
  return withNames(reader, page, rest.length > limit ? placeOf(page.at(-1) as Entry) : null);
}

/** Many: period by period, each period's activities read from the index of its year, in opening order. */
async function periodByPeriod(reader: Reader, filters: CalendarFilters, after: CalendarPlace | undefined, limit: number): Promise<PageOf<CalendarPlace>> {
  const asked = askedPeriod(filters);
  const [first] = await reader.scan(activities, 'all', { to: asked.closes, limit: 1 });
  const [last] = await reader.scan(activities, 'closing', { from: asked.opens, reverse: true, limit: 1 });
  if (!first || !last) return { rows: [], next: null };
  const lastDay = Math.min(dayOf(asked.closes), dayOf(last.sort));
  let period: Period | null = periodContaining(filters.period, after?.period ?? (dayOf(first.sort) > dayOf(asked.opens) ? first.sort : asked.opens));
  const entries: Entry[] = [];
  let scanned = 0;
  for (let periods = 0; period !== null && dayOf(period.starts) <= lastDay; periods++) {
    if (periods >= PERIOD_BUDGET || scanned >= SCAN_BUDGET) return withNames(reader, entries, { period: period.starts, sort: '', key: '' });
    const current: Period = period;
    const year = current.starts.slice(0, 4);
    const start = after?.period === current.starts && after.key !== '' ? { sort: after.sort, key: after.key, inclusive: false } : undefined;
    const rows = mergedRows(reader, activities, { terms: [term('year', year), term('year', 'long')], to: current.ends }, start, () => 200);
    for await (const { key, row: activity } of rows) {
      scanned++;
      if (!overlaps(activity.window, { opens: current.starts, closes: current.ends }) || !matches(activity, filters)) continue;
      entries.push({ period: current, activity, key });
      if (entries.length === limit) return withNames(reader, entries, placeOf(entries.at(-1) as Entry));
    }
    period = await nextPeriodWithActivities(reader, filters.period, current);
  }
  return withNames(reader, entries, null);
}

/** The next period, skipping whole years no activity touches (the index knows which years have any). */
async function nextPeriodWithActivities(reader: Reader, kind: CalendarFilters['period'], period: Period): Promise<Period | null> {
  const next = periodAfter(kind, period);
  if (next === null || next.starts.slice(0, 4) === period.starts.slice(0, 4)) return next;
  const [long] = await reader.count(activities, [term('year', 'long')]);
  if ((long ?? 0) > 0) return next;
  const [year] = await reader.terms(activities, 'year:', { after: term('year', String(Number(next.starts.slice(0, 4)) - 1).padStart(4, '0')), limit: 1 });
  if (year === undefined || year === term('year', 'long')) return null;
  return periodContaining(kind, `${year.slice('year:'.length)}-01-01`);
}

export const calendarView = defineView({
  path: '/v1/calendar',
  summary: 'The calendar of engagement by month or quarter, searchable by area, community, topic, organisation, words and date',
  description:
    'One row per activity for each month (or quarter) its window overlaps, within `from`-`to` where given, by period and then opening. Cancelled activities stay, marked by their status. `organisation` matches the leading organisation or a joint partner that accepted (`jointPartnerIds`); partners named but not yet answering are in `invitedPartnerIds` and do not match.',
  reads: [activities, organisations],
  filters: calendarFilters,
  place: calendarPlace,
  async page(reader, filters, { after, limit }) {
    const terms = filterTerms(filters);
    const counts = await reader.count(activities, terms);
    const fewest = counts.reduce((best, n, i) => (best === -1 || n < (counts[best] as number) ? i : best), -1);
    if (fewest !== -1 && (counts[fewest] as number) <= FEW_ENOUGH) return fromFew(reader, terms[fewest] as string, filters, after, limit);
    return periodByPeriod(reader, filters, after, limit);
  },
});
