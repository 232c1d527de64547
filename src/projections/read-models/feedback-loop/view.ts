// "You said, we did": closed activities from "consultation" upward whose participants have
// still not been told the outcome `days` after closing, the seeds' most repeated complaint.
// Information giving is left out: it asks for no views, so it owes no account of them.

import { z } from 'zod';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { activityMatches, daysBetween, inPeriod, promisesInfluence } from '../../filters.js';
import { dateOf, dayOf } from '../../periods.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { activityColumns, decisionSummary } from '../engagement/columns.js';
import { decisionsFed, engagementReads, feedbackGivenBy, organisationNames, type DecisionFed } from '../engagement/engagement.js';
import { indexPlace, walkIndex } from '../paging.js';

const filters = commonFilters.extend({
  days: z.coerce.number().int().min(0).max(36_500).default(28).meta({ description: 'Days after closing by which participants should have been told' }),
});

function waitingRow(activity: ActivityFacts, closedOn: string, today: string, fed: readonly DecisionFed[], organisationName: (id: string) => string | null): Row {
  const decisions = fed.map(({ decision }) => decisionSummary(decision));
  return {
    ...activityColumns(activity, organisationName),
    closedOn,
    daysSinceClosing: daysBetween(closedOn, today),
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
  place: indexPlace,
  async page(reader, query, { after, limit }) {
    // Closed consultations by closing day: those closed `days` or more ago are the ones up to that day.
    const latest = dateOf(dayOf(reader.today) - query.days);
    const to = query.to !== undefined && dayOf(query.to) < dayOf(latest) ? query.to : latest;
    return walkIndex(reader, activities, { terms: ['closed-consultation'], from: query.from, to }, after, limit, async (batch) => {
      const kept = batch.map(({ row }) => {
        const closedOn = row.closed?.on;
        const waiting =
          closedOn !== undefined &&
          promisesInfluence(row.category) &&
          activityMatches(row, query) &&
          inPeriod(closedOn, query) &&
          daysBetween(closedOn, reader.today) >= query.days &&
          feedbackGivenBy(row, reader.today).length === 0;
        return waiting ? { activity: row, closedOn } : null;
      });
      const shown = kept.flatMap((k) => (k ? [k.activity] : []));
      const [fed, names] = await Promise.all([decisionsFed(reader, shown.map((a) => a.activityId)), organisationNames(reader, shown.map((a) => a.organisationId))]);
      return kept.map((k) => (k ? [waitingRow(k.activity, k.closedOn, reader.today, fed.get(k.activity.activityId) ?? [], names)] : []));
    });
  },
});
