// /v1/duplication/clusters: candidates for a joint consultation, with why they were put
// together and a window a joint activity could use.

import { commonFilters, defineView, type Row } from '../../read-model-view.js';
import type { DateWindow } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities as activityFacts, periodYears } from '../../facts/activities.js';
import { organisations } from '../../facts/reference.js';
import { askedPeriod, involves } from '../../filters.js';
import { overlaps } from '../../periods.js';
import { organisationNames } from '../engagement/engagement.js';
import { allUnder, offsetPlace, pageOfWhole } from '../paging.js';
import { findClusters, type Cluster } from './clusters.js';

interface JointWindow {
  window: DateWindow;
  basis: 'common' | 'span';
  why: string;
}

/** Where all the windows share days, those days; otherwise one window long enough to cover every one. */
export function suggestJointWindow(activities: readonly ActivityFacts[]): JointWindow {
  const first = (activities[0] as ActivityFacts).window;
  let [earliestOpening, latestOpening, earliestClosing, latestClosing] = [first.opens, first.opens, first.closes, first.closes];
  for (const { window } of activities) {
    if (window.opens < earliestOpening) earliestOpening = window.opens;
    if (window.opens > latestOpening) latestOpening = window.opens;
    if (window.closes < earliestClosing) earliestClosing = window.closes;
    if (window.closes > latestClosing) latestClosing = window.closes;
  }
  if (latestOpening <= earliestClosing)
    return {
      window: { opens: latestOpening, closes: earliestClosing },
      basis: 'common',
      why: `All ${activities.length} are open from ${latestOpening} to ${earliestClosing}: one joint activity in those days asks people once.`,
    };
  return {
    window: { opens: earliestOpening, closes: latestClosing },
    basis: 'span',
    why: `No day is common to all ${activities.length} windows, so a joint activity would run from the first opening (${earliestOpening}) to the last closing (${latestClosing}) to serve them all.`,
  };
}

function row(cluster: Cluster, organisationName: (id: string) => string | null): Row {
  const { activities } = cluster;
  const joint = suggestJointWindow(activities);
  return {
    clusterId: (activities[0] as ActivityFacts).activityId,
    activityCount: activities.length,
    activityIds: activities.map((a) => a.activityId),
    organisationIds: [...new Set(activities.map((a) => a.organisationId))].sort(),
    sharedAreaIds: cluster.sharedAreaIds,
    sharedCommunityIds: cluster.sharedCommunityIds,
    sharedTopics: cluster.sharedTopics,
    overlapFrom: cluster.overlap.opens,
    overlapTo: cluster.overlap.closes,
    suggestedOpens: joint.window.opens,
    suggestedCloses: joint.window.closes,
    suggestedWindowBasis: joint.basis,
    suggestion: joint.why,
    activities: activities.map((a) => ({
      activityId: a.activityId,
      organisationId: a.organisationId,
      organisationName: organisationName(a.organisationId),
      title: a.title,
      opens: a.window.opens,
      closes: a.window.closes,
      areaIds: a.areaIds,
      communityIds: a.communityIds,
      topics: a.topics,
    })),
  };
}

export const clustersView = defineView({
  path: '/v1/duplication/clusters',
  summary: 'Activities of different organisations on the same people, topic and dates: candidates for a joint consultation',
  description:
    'Two activities duplicate each other when different organisations lead them, they target a common area or community of interest, share a topic (trimmed, case-insensitive) and their windows overlap; clusters are the groups this joins up. Cancelled activities are left out. `from`/`to` consider only activities whose window overlaps the period; `organisation` keeps clusters it takes part in (leading, or as a joint partner that accepted); `area` and `community` keep clusters that share that target. Clusters in order of their first opening; the report is worked out whole for each page.',
  reads: [activityFacts, organisations],
  filters: commonFilters,
  place: offsetPlace,
  async page(reader, filters, { after, limit }) {
    const period = askedPeriod(filters);
    // Clusters join activities across the whole period asked for: all of them are read, then the page cut.
    const years = filters.from !== undefined && filters.to !== undefined ? periodYears(filters.from, filters.to) : null;
    const read = years === null ? await allUnder(reader, activityFacts, 'all') : (await Promise.all(years.map((y) => allUnder(reader, activityFacts, y)))).flat();
    const considered = [...new Map(read.map(({ row }) => [row.activityId, row])).values()].filter((a) => a.status !== 'cancelled' && overlaps(a.window, period));
    const clusters = findClusters(considered).filter(
      (c) =>
        (filters.organisation === undefined || c.activities.some((a) => involves(a, filters.organisation as string))) &&
        (filters.area === undefined || c.sharedAreaIds.includes(filters.area)) &&
        (filters.community === undefined || c.sharedCommunityIds.includes(filters.community)),
    );
    const { items, next } = pageOfWhole(clusters, after, limit);
    const names = await organisationNames(reader, items.flatMap((c) => c.activities.map((a) => a.organisationId)));
    return { rows: items.map((c) => row(c, names)), next };
  },
});
