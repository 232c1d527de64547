// Per activity, the decisions it fed; once it has closed with none, how long it has gone
// without evidenced influence. An item the body has not decided (a recommendation, an item
// deferred or only discussed) is listed with what it is, and is no evidence of influence on a
// decision yet. Cancelled activities promised nothing and are left out.

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

/** "; cited only by what the body has not decided yet: 1 recommended": why an activity something cites still shows no influence. */
function notYetDecided(undecided: readonly { outcomeKind: string }[]): string {
  if (undecided.length === 0) return '';
  const kinds = [...new Set(undecided.map((d) => d.outcomeKind))].map((k) => `${undecided.filter((d) => d.outcomeKind === k).length} ${k}`);
  return `; cited only by what the body has not decided yet: ${kinds.join(', ')}`;
}

function activityRow(activity: ActivityFacts, fed: readonly DecisionFed[], organisationName: (id: string) => string | null, today: string): Row {
  const cited = fed.map(({ decision, links }) => ({ ...decisionSummary(decision), influence: [...new Set(links.map((l) => l.influence))] }));
  const decisions = cited.filter((d) => d.decisionMade);
  const undecided = cited.filter((d) => !d.decisionMade);
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
    notYetDecidedCount: undecided.length,
    decisions: cited,
    noEvidencedInfluence:
      daysSinceClosing !== null && decisions.length === 0 ? `no evidenced influence ${daysSinceClosing} days after closing${notYetDecided(undecided)}` : null,
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
    'Each activity (not cancelled) with what cites it through live influence links (`decisions`, each with its `outcomeKind` and `decisionMade`). ' +
    'Evidenced influence is a decision the body took (approved, noted, rejected, or not_stated); a recommendation not yet decided, an item deferred or only discussed ' +
    'is counted apart (`notYetDecidedCount`). Once closed with no decision taken, "no evidenced influence N days after closing", saying what cites it still undecided. ' +
    'The period matches activities whose window overlaps it. In opening order.',
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
