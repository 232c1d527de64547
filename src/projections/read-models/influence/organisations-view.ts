// Per organisation and year: how many of its consultations (consultation and upward) have
// evidenced influence on a decision, and how many told their participants the outcome.
// VOiCE indicators 1.2 (influence on decisions) and 2.2 (on service plans).

import { z } from 'zod';
import { commonFilters, defineView } from '../../read-model-view.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { promisesInfluence, share } from '../../filters.js';
import { engagementReads, feedbackGivenBy, readEngagement, type Engagement } from '../engagement/engagement.js';

const year = z.coerce.number().int().min(1900).max(2999);
const filters = z.object({
  organisation: commonFilters.shape.organisation,
  from: year.optional().meta({ description: 'First year (inclusive)' }),
  to: year.optional().meta({ description: 'Last year (inclusive)' }),
});

interface Tally {
  organisationId: string;
  year: number;
  consultations: number;
  jointConsultations: number;
  withEvidencedInfluence: number;
  withFeedbackGiven: number;
}

/**
 * The year an activity counts in: when it closed, or else when its window closed. One still
 * running (window closing after today, not closed) has had no chance to show influence yet.
 */
function countedYear(activity: ActivityFacts, today: string): number | null {
  if (activity.cancelledOn !== null || !promisesInfluence(activity.category)) return null;
  const closed = activity.closed?.on ?? (activity.window.closes <= today ? activity.window.closes : null);
  return closed === null ? null : Number(closed.slice(0, 4));
}

function tally(engagement: Engagement, today: string): Tally[] {
  const tallies = new Map<string, Tally>();
  for (const activity of engagement.activities.values()) {
    const year = countedYear(activity, today);
    if (year === null) continue;
    const influenced = engagement.citations(activity.activityId).length > 0;
    const told = feedbackGivenBy(activity, today).length > 0;
    // A joint consultation is each partner's consultation: each made the promise to its participants.
    for (const organisationId of new Set([activity.organisationId, ...activity.jointPartnerIds])) {
      const key = `${organisationId}|${year}`;
      const t = tallies.get(key) ?? { organisationId, year, consultations: 0, jointConsultations: 0, withEvidencedInfluence: 0, withFeedbackGiven: 0 };
      t.consultations += 1;
      if (activity.jointPartnerIds.length > 0) t.jointConsultations += 1;
      if (influenced) t.withEvidencedInfluence += 1;
      if (told) t.withFeedbackGiven += 1;
      tallies.set(key, t);
    }
  }
  return [...tallies.values()];
}

export const influenceOrganisationsView = defineView({
  path: '/v1/influence/organisations',
  summary: 'Evidence of influence, per organisation and year',
  description:
    'Per organisation and year (of the close, or of the window close), its consultations (consultation, deciding together, acting together; ' +
    'not information giving, which promises no influence; joint ones count for each partner), how many have evidenced influence on a decision ' +
    'and how many gave feedback to participants, with the shares (0 to 1, three decimals).',
  reads: engagementReads,
  filters,
  run(documents, query, { today }) {
    const engagement = readEngagement(documents);
    return tally(engagement, today)
      .filter(
        (t) =>
          (query.organisation === undefined || t.organisationId === query.organisation) &&
          (query.from === undefined || t.year >= query.from) &&
          (query.to === undefined || t.year <= query.to),
      )
      .sort((a, b) => a.organisationId.localeCompare(b.organisationId) || a.year - b.year)
      .map((t) => ({
        organisationId: t.organisationId,
        organisationName: engagement.organisationName(t.organisationId),
        year: t.year,
        consultations: t.consultations,
        jointConsultations: t.jointConsultations,
        withEvidencedInfluence: t.withEvidencedInfluence,
        withFeedbackGiven: t.withFeedbackGiven,
        influenceShare: share(t.withEvidencedInfluence, t.consultations),
        feedbackShare: share(t.withFeedbackGiven, t.consultations),
      }));
  },
});
