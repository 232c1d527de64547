// Per activity, the decisions it fed; once it has closed with none, how long it has gone
// without evidenced influence. Cancelled activities promised nothing and are left out.

import type { z } from 'zod';
import { engagementCategory } from '../../../domain/values.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activityMatches, daysBetween, overlapsPeriod } from '../../filters.js';
import { activityColumns, decisionSummary } from '../engagement/columns.js';
import { decisionsFed, engagementReads, feedbackGivenBy, readEngagement, type Engagement } from '../engagement/engagement.js';

const filters = commonFilters.extend({ category: engagementCategory.optional() });

function activityStatus(activity: ActivityFacts): 'planned' | 'open' | 'closed' {
  return activity.closed ? 'closed' : activity.opened ? 'open' : 'planned';
}

function activityRow(engagement: Engagement, activity: ActivityFacts, today: string): Row {
  const decisions = decisionsFed(engagement, activity.activityId).map(({ decision, links }) => ({
    ...decisionSummary(decision),
    influence: [...new Set(links.map((l) => l.influence))],
  }));
  const daysSinceClosing = activity.closed ? daysBetween(activity.closed.on, today) : null;
  const told = feedbackGivenBy(activity, today);
  return {
    ...activityColumns(engagement, activity),
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

function matches(activity: ActivityFacts, query: z.output<typeof filters>): boolean {
  return (
    activity.cancelledOn === null &&
    (query.category === undefined || activity.category === query.category) &&
    activityMatches(activity, query) &&
    overlapsPeriod(activity.window.opens, activity.window.closes, query)
  );
}

export const influenceActivitiesView = defineView({
  path: '/v1/influence/activities',
  summary: 'Evidence of influence, per activity',
  description:
    'Each activity (not cancelled) with the decisions it fed through live influence links; once closed with none, ' +
    '"no evidenced influence N days after closing". The period matches activities whose window overlaps it.',
  reads: engagementReads,
  filters,
  run(documents, query, { today }) {
    const engagement = readEngagement(documents);
    return [...engagement.activities.values()]
      .filter((activity) => matches(activity, query))
      .sort((a, b) => a.window.opens.localeCompare(b.window.opens) || a.activityId.localeCompare(b.activityId))
      .map((activity) => activityRow(engagement, activity, today));
  },
});
