// "You said, we did": closed activities from "consultation" upward whose participants have
// still not been told the outcome `days` after closing, the seeds' most repeated complaint.
// Information giving is left out: it asks for no views, so it owes no account of them.

import { z } from 'zod';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activityMatches, daysBetween, inPeriod, promisesInfluence } from '../../filters.js';
import { activityColumns, decisionSummary } from '../engagement/columns.js';
import { decisionsFed, engagementReads, feedbackGivenBy, readEngagement, type Engagement } from '../engagement/engagement.js';

const filters = commonFilters.extend({
  days: z.coerce.number().int().min(0).max(36_500).default(28).meta({ description: 'Days after closing by which participants should have been told' }),
});

interface Waiting {
  activity: ActivityFacts;
  closedOn: string;
  daysSinceClosing: number;
}

function waitingRow(engagement: Engagement, { activity, closedOn, daysSinceClosing }: Waiting): Row {
  const decisions = decisionsFed(engagement, activity.activityId).map(({ decision }) => decisionSummary(decision));
  return {
    ...activityColumns(engagement, activity),
    closedOn,
    daysSinceClosing,
    decisionCount: decisions.length,
    decisions,
  };
}

export const feedbackLoopView = defineView({
  path: '/v1/feedback-loop',
  summary: 'Participants not told the outcome',
  description:
    'Closed activities from "consultation" upward whose participants have not been told the outcome (no feedback to participants ' +
    'given by today) at least `days` days after closing (default 28), longest waiting first, with the decisions they fed, if any. ' +
    'The period filters the closing date.',
  reads: engagementReads,
  filters,
  run(documents, query, { today }) {
    const engagement = readEngagement(documents);
    const waiting: Waiting[] = [];
    for (const activity of engagement.activities.values()) {
      const closedOn = activity.closed?.on;
      if (closedOn === undefined || !promisesInfluence(activity.category)) continue;
      if (!activityMatches(activity, query) || !inPeriod(closedOn, query)) continue;
      const daysSinceClosing = daysBetween(closedOn, today);
      if (daysSinceClosing < query.days || feedbackGivenBy(activity, today).length > 0) continue;
      waiting.push({ activity, closedOn, daysSinceClosing });
    }
    return waiting
      .sort((a, b) => b.daysSinceClosing - a.daysSinceClosing || a.activity.activityId.localeCompare(b.activity.activityId))
      .map((w) => waitingRow(engagement, w));
  },
});
