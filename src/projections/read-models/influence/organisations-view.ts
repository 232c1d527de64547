// Per organisation and year: how many of its consultations (consultation and upward) have
// evidenced influence on a decision, and how many told their participants the outcome.
// VOiCE indicators 1.2 (influence on decisions) and 2.2 (on service plans).

import { z } from 'zod';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { promisesInfluence, share } from '../../filters.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { citedSet, engagementReads, feedbackGivenBy, organisationNames } from '../engagement/engagement.js';
import { allUnder, termPlace, walkGroups } from '../paging.js';

const year = z.coerce.number().int().min(1900).max(2999);
const filters = z.object({
  organisation: commonFilters.shape.organisation,
  from: year.optional().meta({ description: 'First year (inclusive)' }),
  to: year.optional().meta({ description: 'Last year (inclusive)' }),
});
type Query = z.output<typeof filters>;

interface Tally {
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
  const closed = activity.closed?.on ?? (dayOf(activity.window.closes) <= dayOf(today) ? activity.window.closes : null);
  return closed === null ? null : Number(closed.slice(0, 4));
}

/** One organisation's rows: a joint consultation is each partner's, as each made the promise to its participants. */
async function organisationRows(reader: Reader, organisationId: string, query: Query): Promise<Row[]> {
  const own = (await allUnder(reader, activities, term('organisation', organisationId))).map((r) => r.row);
  const counted = own.flatMap((activity) => {
    const y = countedYear(activity, reader.today);
    return y === null || (query.from !== undefined && y < query.from) || (query.to !== undefined && y > query.to) ? [] : [{ activity, year: y }];
  });
  const influenced = await citedSet(reader, counted.map((c) => c.activity.activityId));
  const tallies = new Map<number, Tally>();
  for (const { activity, year: y } of counted) {
    const t = tallies.get(y) ?? { year: y, consultations: 0, jointConsultations: 0, withEvidencedInfluence: 0, withFeedbackGiven: 0 };
    t.consultations += 1;
    if (activity.jointPartnerIds.length > 0) t.jointConsultations += 1;
    if (influenced.has(activity.activityId)) t.withEvidencedInfluence += 1;
    if (feedbackGivenBy(activity, reader.today).length > 0) t.withFeedbackGiven += 1;
    tallies.set(y, t);
  }
  const name = (await organisationNames(reader, [organisationId]))(organisationId);
  return [...tallies.values()]
    .sort((a, b) => a.year - b.year)
    .map((t) => ({
      organisationId,
      organisationName: name,
      year: t.year,
      consultations: t.consultations,
      jointConsultations: t.jointConsultations,
      withEvidencedInfluence: t.withEvidencedInfluence,
      withFeedbackGiven: t.withFeedbackGiven,
      influenceShare: share(t.withEvidencedInfluence, t.consultations),
      feedbackShare: share(t.withFeedbackGiven, t.consultations),
    }));
}

const organisationTerm = (id: string): string => term('organisation', id);
const idOf = (organisation: string): string => organisation.slice('organisation:'.length);

export const influenceOrganisationsView = defineView({
  path: '/v1/influence/organisations',
  summary: 'Evidence of influence, per organisation and year',
  description:
    'Per organisation and year (of the close, or of the window close), its consultations (consultation, deciding together, acting together; ' +
    'not information giving, which promises no influence; joint ones count for each partner), how many have evidenced influence on a decision ' +
    'and how many gave feedback to participants, with the shares (0 to 1, three decimals). By organisation id, then year.',
  reads: engagementReads,
  filters,
  place: termPlace,
  page(reader, query, { after, limit }) {
    // The organisations that ran activities, as the activities' index lists them; or the one asked for.
    const groups = async (afterTerm: string | undefined, n: number): Promise<string[]> => {
      if (query.organisation === undefined) return reader.terms(activities, 'organisation:', { after: afterTerm, limit: n });
      const only = organisationTerm(query.organisation);
      return afterTerm === undefined || afterTerm < only ? [only] : [];
    };
    return walkGroups(groups, after, limit, (group) => organisationRows(reader, idOf(group), query));
  },
});
