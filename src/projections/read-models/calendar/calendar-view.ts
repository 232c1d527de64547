// /v1/calendar: the annual calendar of engagement ("an annual calendar of consultations across
// the partnership"), and a finder over it by area, community, topic, organisation, words and date.

import { z } from 'zod';
import { activityMethods } from '../../../domain/events/activity.js';
import { engagementCategory } from '../../../domain/values.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities, byOpening } from '../../facts/activities.js';
import { namesOf, organisations } from '../../facts/reference.js';
import { askedPeriod, matchesCommonFilters, normaliseTopic } from '../../filters.js';
import { rowsOf } from '../../read-model-view.js';
import { intersection, periodsOverlapping, type Period } from '../../periods.js';

export const calendarFilters = commonFilters.extend({
  period: z.enum(['month', 'quarter']).default('month').meta({ description: 'One row per activity for each month (default) or quarter its window touches' }),
  topic: z.string().trim().min(1).max(100).optional().meta({ description: 'Activities with this topic (case-insensitive)' }),
  text: z.string().trim().min(1).max(200).optional().meta({ description: 'Words found in the title, description or topics (case-insensitive)' }),
  category: engagementCategory.optional(),
  method: z.enum(activityMethods).optional(),
  status: z.enum(['planned', 'open', 'closed', 'cancelled']).optional(),
});
type CalendarFilters = z.output<typeof calendarFilters>;

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

export const calendarView = defineView({
  path: '/v1/calendar',
  summary: 'The calendar of engagement by month or quarter, searchable by area, community, topic, organisation, words and date',
  description:
    'One row per activity for each month (or quarter) its window overlaps, within `from`-`to` where given. Cancelled activities stay, marked by their status. `organisation` matches the leading organisation or a joint partner.',
  reads: [activities, organisations],
  filters: calendarFilters,
  run(documents, filters) {
    const asked = askedPeriod(filters);
    const organisationName = namesOf(rowsOf(documents, organisations));
    const rows = rowsOf(documents, activities)
      .filter((a) => matches(a, filters))
      .sort(byOpening)
      .flatMap((a) => {
        const shown = intersection(a.window, asked);
        return shown ? periodsOverlapping(filters.period, shown).map((p) => row(p, a, organisationName(a.organisationId))) : [];
      });
    // By period; within one, activities keep their opening order (the sort is stable).
    const starts = (r: Row): string => r.periodStarts as string;
    return rows.sort((x, y) => (starts(x) < starts(y) ? -1 : starts(x) > starts(y) ? 1 : 0));
  },
});
