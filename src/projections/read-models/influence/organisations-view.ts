// Per organisation and year: how many of its consultations (consultation and upward) have
// evidenced influence on a decision the body took, and how many told their participants the
// outcome. A joint consultation is a partner's only once it accepted. VOiCE indicators 1.2
// (influence on decisions) and 2.2 (on service plans).

import { z } from 'zod';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { promisesInfluence, share } from '../../filters.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import { citedSet, engagementReads, feedbackGivenBy, influencedSet, organisationNames, replacements } from '../engagement/engagement.js';
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
  /** Cited only by items the body has not decided: a recommendation, an item deferred or only discussed. */
  citedNotYetDecided: number;
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

/** One organisation's rows: a joint consultation is each partner's that accepted, as each made the promise to its participants. */
async function organisationRows(reader: Reader, organisationId: string, query: Query): Promise<Row[]> {
  const own = (await allUnder(reader, activities, term('organisation', organisationId))).map((r) => r.row);
  const counted = own.flatMap((activity) => {
    const y = countedYear(activity, reader.today);
    return y === null || (query.from !== undefined && y < query.from) || (query.to !== undefined && y > query.to) ? [] : [{ activity, year: y }];
  });
  const ids = counted.map((c) => c.activity.activityId);
  const [influenced, cited] = await Promise.all([influencedSet(reader, ids), citedSet(reader, ids)]);
  const tallies = new Map<number, Tally>();
  for (const { activity, year: y } of counted) {
    const t = tallies.get(y) ?? { year: y, consultations: 0, jointConsultations: 0, withEvidencedInfluence: 0, citedNotYetDecided: 0, withFeedbackGiven: 0 };
    t.consultations += 1;
    if (activity.jointPartnerIds.length > 0) t.jointConsultations += 1;
    if (influenced.has(activity.activityId)) t.withEvidencedInfluence += 1;
    else if (cited.has(activity.activityId)) t.citedNotYetDecided += 1;
    if (feedbackGivenBy(activity, reader.today).length > 0) t.withFeedbackGiven += 1;
    tallies.set(y, t);
  }
  const [names, replaced] = await Promise.all([organisationNames(reader, [organisationId]), replacements(reader, [organisationId])]);
  return [...tallies.values()]
    .sort((a, b) => a.year - b.year)
    .map((t) => ({
      organisationId,
      organisationName: names(organisationId),
      ...replaced(organisationId),
      year: t.year,
      consultations: t.consultations,
      jointConsultations: t.jointConsultations,
      withEvidencedInfluence: t.withEvidencedInfluence,
      citedNotYetDecided: t.citedNotYetDecided,
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
    'not information giving, which promises no influence; joint ones count for each partner that accepted, not for one only invited), how many have evidenced influence on a decision the body took ' +
    '(`citedNotYetDecided`: cited only by a recommendation not yet decided, an item deferred or only discussed) ' +
    'and how many gave feedback to participants, with the shares (0 to 1, three decimals). `replacedBy` names the organisation that replaced it, if any. By organisation id, then year.',
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
