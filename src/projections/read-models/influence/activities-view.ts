// Per activity, the decisions it fed; once it has closed with none, how long it has gone
// without evidenced influence. Cancelled activities promised nothing and are left out.

import type { z } from 'zod';
import { engagementCategory } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities, periodYears } from '../../facts/activities.js';
import { activityMatches, daysBetween, overlapsPeriod } from '../../filters.js';
import { term } from '../../projection.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { activityColumns, decisionSummary } from '../engagement/columns.js';
import { decisionsFed, engagementReads, feedbackGivenBy, organisationNames, type DecisionFed } from '../engagement/engagement.js';
import { indexPlace, smallestSource, walkIndex, type IndexSource } from '../paging.js';

const filters = commonFilters.extend({ category: engagementCategory.optional() });
type Query = z.output<typeof filters>;

function activityStatus(activity: ActivityFacts): 'planned' | 'open' | 'closed' {
  return activity.closed ? 'closed' : activity.opened ? 'open' : 'planned';
}

function activityRow(activity: ActivityFacts, fed: readonly DecisionFed[], organisationName: (id: string) => string | null, today: string): Row {
  const decisions = fed.map(({ decision, links }) => ({ ...decisionSummary(decision), influence: [...new Set(links.map((l) => l.influence))] }));
  const daysSinceClosing = activity.closed ? daysBetween(activity.closed.on, today) : null;
  const told = feedbackGivenBy(activity, today);
  return {
    ...activityColumns(activity, organisationName),
    opens: activity.window.opens,
    closes: activity.window.closes,
    status: activityStatus(activity),
    closedOn: activity.closed?.on ?? null,
    daysSinceClosing,
    evidencedInfluence: decisions.length > 0,
    decisionCount: decisions.length,
    decisions,
    noEvidencedInfluence:
      daysSinceClosing !== null && decisions.length === 0 ? `no evidenced influence ${daysSinceClosing} days after closing` : null,
    participantsTold: told.length > 0,
    participantsToldOn: told[0]?.givenOn ?? null,
  };
}

function matches(activity: ActivityFacts, query: Query): boolean {
  return (
    activity.cancelledOn === null &&
    (query.category === undefined || activity.category === query.category) &&
    activityMatches(activity, query) &&
    overlapsPeriod(activity.window.opens, activity.window.closes, query)
  );
}

/** Whichever the filters allow holds the fewest activities, all in opening order. */
export function activitySources(query: Pick<Query, 'organisation' | 'area' | 'community' | 'from' | 'to'> & { category?: string | undefined }): IndexSource[] {
  const years = query.from !== undefined && query.to !== undefined ? periodYears(query.from, query.to) : null;
  return [
    { terms: ['all'] },
    ...(query.organisation === undefined ? [] : [{ terms: [term('organisation', query.organisation)] }]),
    ...(query.area === undefined ? [] : [{ terms: [term('area', query.area)] }]),
    ...(query.community === undefined ? [] : [{ terms: [term('community', query.community)] }]),
    ...(query.category === undefined ? [] : [{ terms: [term('category', query.category)] }]),
    ...(years === null ? [] : [{ terms: years }]),
  ];
}

export const influenceActivitiesView = defineView({
  path: '/v1/influence/activities',
  summary: 'Evidence of influence, per activity',
  description:
    'Each activity (not cancelled) with the decisions it fed through live influence links; once closed with none, ' +
    '"no evidenced influence N days after closing". The period matches activities whose window overlaps it. In opening order.',
  reads: engagementReads,
  filters,
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    const source = await smallestSource(reader, activities, activitySources(query));
    return walkIndex(reader, activities, source, after, limit, async (batch) => {
      const kept = batch.map(({ row }) => (matches(row, query) ? row : null));
      const shown = kept.filter((a): a is ActivityFacts => a !== null);
      const [fed, names] = await Promise.all([decisionsFed(reader, shown.map((a) => a.activityId)), organisationNames(reader, shown.map((a) => a.organisationId))]);
      return kept.map((a) => (a ? [activityRow(a, fed.get(a.activityId) ?? [], names, reader.today)] : []));
    });
  },
});
