// /v1/duplication/clusters: candidates for a joint consultation, with why they were put
// together and a window a joint activity could use.

import { z } from 'zod';
import { commonFilters, defineView, type CommonFilters, type Row } from '../../read-model-view.js';
import type { Reader } from '../../reader.js';
import type { DateWindow } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities as activityFacts, periodYears } from '../../facts/activities.js';
import { organisations } from '../../facts/reference.js';
import { askedPeriod, involves } from '../../filters.js';
import { overlaps } from '../../periods.js';
import { organisationNames } from '../engagement/engagement.js';
import { allUnder, offsetPlace } from '../paging.js';
import { findClusters, type Cluster } from './clusters.js';
import { KeptReports } from './kept-reports.js';

interface JointWindow {
  window: DateWindow;
  basis: 'common' | 'span';
  why: string;
}

/** Where all the windows share days, those days; otherwise one window long enough to cover every one. */
export function suggestJointWindow(activities: readonly Pick<ActivityFacts, 'window'>[]): JointWindow {
  const first = (activities[0] as Pick<ActivityFacts, 'window'>).window;
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

/** What a row shows of an activity: all a kept report holds of it. */
type Member = Pick<ActivityFacts, 'activityId' | 'organisationId' | 'title' | 'window' | 'areaIds' | 'communityIds' | 'topics'>;

/** A cluster as kept: its members' facts cut to what a row shows. */
type KeptCluster = Omit<Cluster, 'activities'> & { activities: Member[] };

const kept = ({ activities, ...reasons }: Cluster): KeptCluster => ({
  ...reasons,
  activities: activities.map(({ activityId, organisationId, title, window, areaIds, communityIds, topics }) => ({ activityId, organisationId, title, window, areaIds, communityIds, topics })),
});

/** Its lists copied: the kept report is shared by every request, and a face may sort or trim what it is given. */
function row(cluster: KeptCluster, organisationName: (id: string) => string | null): Row {
  const { activities } = cluster;
  const joint = suggestJointWindow(activities);
  return {
    clusterId: (activities[0] as Member).activityId,
    activityCount: activities.length,
    activityIds: activities.map((a) => a.activityId),
    organisationIds: [...new Set(activities.map((a) => a.organisationId))].sort(),
    sharedAreaIds: [...cluster.sharedAreaIds],
    sharedCommunityIds: [...cluster.sharedCommunityIds],
    sharedTopics: [...cluster.sharedTopics],
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
      areaIds: [...a.areaIds],
      communityIds: [...a.communityIds],
      topics: [...a.topics],
    })),
  };
}

/** Every cluster the filters keep, in order of first opening, worked out from every activity the period reaches. */
async function everyCluster(reader: Reader, filters: CommonFilters): Promise<KeptCluster[]> {
  const period = askedPeriod(filters);
  // Clusters join activities across the whole period asked for: all of them are read.
  const years = filters.from !== undefined && filters.to !== undefined ? periodYears(filters.from, filters.to) : null;
  const read = years === null ? await allUnder(reader, activityFacts, 'all') : (await Promise.all(years.map((y) => allUnder(reader, activityFacts, y)))).flat();
  const considered = [...new Map(read.map(({ row }) => [row.activityId, row])).values()].filter((a) => a.status !== 'cancelled' && overlaps(a.window, period));
  return findClusters(considered)
    .filter(
      (c) =>
        (filters.organisation === undefined || c.activities.some((a) => involves(a, filters.organisation as string))) &&
        (filters.area === undefined || c.sharedAreaIds.includes(filters.area)) &&
        (filters.community === undefined || c.sharedCommunityIds.includes(filters.community)),
    )
    .map(kept);
}

/**
 * Reports kept for their following pages (kept-reports.ts): a few filter sets at once, and about
 * 150,000 activities over all of them (a report of 60,000 activities in clusters holds some
 * 40 MB), so a server's memory stays bounded whatever is asked.
 */
export const keptClusters = new KeptReports<KeptCluster[]>([activityFacts], { most: 8, weight: 150_000 }, (clusters) =>
  clusters.reduce((sum, c) => sum + c.activities.length, 1),
);

/**
 * Where a page of clusters ended: the last cluster given, by its first opening and id (the order
 * clusters come in), so clusters the log adds or takes away meanwhile do not shift the rest; or,
 * in cursors given before there was one, how many clusters were given.
 */
const clusterPlace = z.union([z.object({ opens: z.string(), clusterId: z.string() }), offsetPlace]);
type ClusterPlace = z.infer<typeof clusterPlace>;

const firstOf = (cluster: KeptCluster): Member => cluster.activities[0] as Member;

/** Where the clusters after `place` begin: by binary search, as they are in (first opening, id) order. */
function startAfter(clusters: readonly KeptCluster[], place: ClusterPlace | undefined): number {
  if (place === undefined) return 0;
  if ('offset' in place) return place.offset;
  let [low, high] = [0, clusters.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    const { window, activityId } = firstOf(clusters[middle] as KeptCluster);
    if (window.opens < place.opens || (window.opens === place.opens && activityId <= place.clusterId)) low = middle + 1;
    else high = middle;
  }
  return low;
}

export const clustersView = defineView({
  path: '/v1/duplication/clusters',
  summary: 'Activities of different organisations on the same people, topic and dates: candidates for a joint consultation',
  description:
    'Two activities duplicate each other when different organisations lead them, they target a common area or community of interest, share a topic (trimmed, case-insensitive) and their windows overlap; clusters are the groups this joins up. Cancelled activities are left out. `from`/`to` consider only activities whose window overlaps the period; `organisation` keeps clusters it takes part in (leading, or as a joint partner that accepted); `area` and `community` keep clusters that share that target. Clusters in order of their first opening (then the id of that activity, the cluster\'s id); a page follows on from the last cluster the one before gave, so a cluster the log does not change meanwhile comes once. The report is worked out whole, then kept for its following pages until the activities read model moves on.',
  reads: [activityFacts, organisations],
  filters: commonFilters,
  place: clusterPlace,
  async page(reader, filters, { after, limit }) {
    const { from, to, organisation, area, community } = filters;
    const clusters = await keptClusters.report(reader, JSON.stringify([from, to, organisation, area, community]), () => everyCluster(reader, filters));
    const start = startAfter(clusters, after);
    const items = clusters.slice(start, start + limit);
    const last = items.at(-1);
    const next = last !== undefined && start + limit < clusters.length ? { opens: firstOf(last).window.opens, clusterId: firstOf(last).activityId } : null;
    // Names are looked up for the page: renaming an organisation does not move the activities read model.
    const names = await organisationNames(reader, [...new Set(items.flatMap((c) => c.activities.map((a) => a.organisationId)))]);
    return { rows: items.map((c) => row(c, names)), next };
  },
});
