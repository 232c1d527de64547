// Candidates for a joint consultation ("ask once, use many times"): activities of different
// organisations that target the same area or community of interest, on a shared topic, in
// overlapping windows; grouped into clusters, the connected components of that relation.
//
// Comparing every pair would not scale to a partnership's whole ledger. Activities are indexed
// by target and topic; within one (target, topic), a sweep in order of opening meets only the
// activities still open, and an organisation's open activities already joined into one cluster
// are met as one. Cancelled activities are the caller's to leave out.

import type { DateWindow } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { byOpening } from '../../facts/activities.js';
import { normaliseTopic } from '../../filters.js';

export interface Cluster {
  /** In order of opening. */
  activities: ActivityFacts[];
  sharedAreaIds: string[];
  sharedCommunityIds: string[];
  /** Normalised: trimmed, lower case. */
  sharedTopics: string[];
  /** From the first day two of them run together to the last such day. */
  overlap: DateWindow;
}

type TargetKind = 'area' | 'community';

/** Activities (by position in opening order) sharing one target and one topic, in opening order. */
interface Bucket {
  kind: TargetKind;
  targetId: string;
  topic: string;
  members: number[];
}

/** An activity found to duplicate another organisation's in a bucket: the target and topic they share, and the days. */
interface Link {
  member: number;
  bucket: Bucket;
  overlap: DateWindow;
}

/** An organisation's open activities in one bucket: each on its own, then one group once they are in one cluster. */
interface OpenGroup {
  root: number;
  /** The latest closing among them: the group is open until then. */
  closes: string;
}

class Components {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    for (let next = i; next !== root; ) {
      const up = this.parent[next] as number;
      this.parent[next] = root;
      next = up;
    }
    return root;
  }
  union(a: number, b: number): void {
    let [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}

/** Pushed in opening order, so every bucket is sorted as it is built. */
function index(activities: readonly ActivityFacts[]): Bucket[] {
  const targets = new Map<string, Map<string, Bucket>>();
  activities.forEach((activity, i) => {
    const topics = new Set(activity.topics.map(normaliseTopic));
    const add = (kind: TargetKind, targetId: string): void => {
      const key = `${kind}:${targetId}`;
      let byTopic = targets.get(key);
      if (!byTopic) targets.set(key, (byTopic = new Map()));
      for (const topic of topics) {
        const bucket = byTopic.get(topic);
        if (bucket) {
          if (bucket.members[bucket.members.length - 1] !== i) bucket.members.push(i);
        } else byTopic.set(topic, { kind, targetId, topic, members: [i] });
      }
    };
    for (const areaId of activity.areaIds) add('area', areaId);
    for (const communityId of activity.communityIds) add('community', communityId);
  });
  return [...targets.values()].flatMap((byTopic) => [...byTopic.values()]);
}

/** Join each activity to the open activities of other organisations in the bucket. */
function sweep(activities: readonly ActivityFacts[], bucket: Bucket, components: Components, links: Link[]): void {
  const open = new Map<string, OpenGroup[]>();
  for (const member of bucket.members) {
    const { organisationId, window } = activities[member] as ActivityFacts;
    /** The last day another organisation's activity met here is open: the overlap runs from this opening to then. */
    let reach: string | undefined;
    for (const [organisation, groups] of open) {
      // An organisation does not duplicate itself; its own groups are tidied when another meets them.
      if (organisation === organisationId) continue;
      let latest: OpenGroup | undefined;
      for (const group of groups) {
        if (group.closes < window.opens) continue;
        components.union(member, group.root);
        if (latest === undefined || group.closes > latest.closes) latest = group;
      }
      if (latest === undefined) {
        open.delete(organisation);
        continue;
      }
      if (reach === undefined || latest.closes > reach) reach = latest.closes;
      // All of them are now in one cluster with this member: from here on they are met as one.
      groups.length = 1;
      groups[0] = { root: member, closes: latest.closes };
    }
    if (reach !== undefined) links.push({ member, bucket, overlap: { opens: window.opens, closes: reach < window.closes ? reach : window.closes } });
    const own = open.get(organisationId);
    const group = { root: member, closes: window.closes };
    if (own) own.push(group);
    else open.set(organisationId, [group]);
  }
}

interface Reasons {
  areas: Set<string>;
  communities: Set<string>;
  topics: Set<string>;
  overlap: DateWindow;
}

function reasonsByComponent(links: readonly Link[], components: Components): Map<number, Reasons> {
  const reasons = new Map<number, Reasons>();
  for (const { member, bucket, overlap } of links) {
    const root = components.find(member);
    let r = reasons.get(root);
    if (!r) reasons.set(root, (r = { areas: new Set(), communities: new Set(), topics: new Set(), overlap: { ...overlap } }));
    (bucket.kind === 'area' ? r.areas : r.communities).add(bucket.targetId);
    r.topics.add(bucket.topic);
    if (overlap.opens < r.overlap.opens) r.overlap.opens = overlap.opens;
    if (overlap.closes > r.overlap.closes) r.overlap.closes = overlap.closes;
  }
  return reasons;
}

const sorted = (values: Set<string>): string[] => [...values].sort();

/** In opening order, ties by id: grouped by day first, as a ledger has far fewer days than activities. */
function inOpeningOrder(activities: readonly ActivityFacts[]): ActivityFacts[] {
  const byDay = new Map<string, ActivityFacts[]>();
  for (const activity of activities) {
    const day = byDay.get(activity.window.opens);
    if (day) day.push(activity);
    else byDay.set(activity.window.opens, [activity]);
  }
  return [...byDay.keys()].sort().flatMap((day) => (byDay.get(day) as ActivityFacts[]).sort(byOpening));
}

/** Clusters in order of their first opening. */
export function findClusters(activities: readonly ActivityFacts[]): Cluster[] {
  const inOrder = inOpeningOrder(activities);
  const components = new Components(inOrder.length);
  const links: Link[] = [];
  for (const bucket of index(inOrder)) if (bucket.members.length > 1) sweep(inOrder, bucket, components, links);
  const reasons = reasonsByComponent(links, components);
  const clusters = new Map<number, Cluster>();
  inOrder.forEach((activity, i) => {
    const root = components.find(i);
    const r = reasons.get(root);
    if (!r) return;
    const cluster = clusters.get(root);
    if (cluster) cluster.activities.push(activity);
    else
      clusters.set(root, {
        activities: [activity],
        sharedAreaIds: sorted(r.areas),
        sharedCommunityIds: sorted(r.communities),
        sharedTopics: sorted(r.topics),
        overlap: r.overlap,
      });
  });
  return [...clusters.values()];
}
