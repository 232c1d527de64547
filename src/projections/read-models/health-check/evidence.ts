// The ledger's own evidence beside a health-check cell: what the organisation recorded in the
// 12 months before the cycle opened ("two example activities from the past 12 months").

import type { HealthCheckDimension } from '../../../domain/events/health-check.js';
import type { EngagementCategory, IsoDate } from '../../../domain/values.js';
import type { ActivityFacts } from '../../facts/activity-facts.js';
import { activities } from '../../facts/activities.js';
import { dayOf } from '../../periods.js';
import { term } from '../../projection.js';
import type { Reader } from '../../reader.js';
import { influencedSet } from '../engagement/engagement.js';
import { allUnder } from '../paging.js';

/** Inclusive: from the same day a year before the cycle opens to the day before it opens. */
export interface EvidencePeriod {
  from: IsoDate;
  to: IsoDate;
}

const day = (date: Date): IsoDate => date.toISOString().slice(0, 10);

export function evidencePeriod(opensOn: IsoDate): EvidencePeriod {
  const opens = new Date(`${opensOn}T00:00:00Z`);
  const from = new Date(opens);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  const to = new Date(opens);
  to.setUTCDate(to.getUTCDate() - 1);
  return { from: day(from), to: day(to) };
}

/** What the ledger shows for one organisation and category over the period. Ids sorted. */
export interface CategoryEvidence {
  activityIds: string[];
  jointActivityIds: string[];
  equalityMonitoredActivityIds: string[];
  /** Participants of the equality-monitored activities, where their closing record gave a headcount. */
  equalityMonitoredParticipants: number;
  withFindingsActivityIds: string[];
  influencedActivityIds: string[];
  feedbackGivenActivityIds: string[];
}

/** The activities (with their reach) and which ones decisions cite: everything evidence is drawn from. */
export interface EvidenceSources {
  /** The activities the organisation ran (alone, or jointly where it accepted) in a category. */
  involving(category: EngagementCategory): readonly ActivityFacts[];
  /** Activities a decision the body took cites by an influence link that has not been withdrawn (a recommendation not yet decided is no such decision). */
  influenced: ReadonlySet<string>;
}

/**
 * One organisation's activities, read once for the whole of its submission: it ran them, or ran
 * them jointly with the organisation that recorded them, having accepted (an organisation only
 * invited does not count the activity). Read by organisation rather than by year, as an activity
 * may open or close outside its planned window.
 */
export async function evidenceSources(reader: Reader, organisationId: string): Promise<EvidenceSources> {
  const own = (await allUnder(reader, activities, term('organisation', organisationId))).map((r) => r.row);
  const byCategory = new Map<EngagementCategory, ActivityFacts[]>();
  for (const activity of own) byCategory.set(activity.category, [...(byCategory.get(activity.category) ?? []), activity]);
  return { involving: (category) => byCategory.get(category) ?? [], influenced: await influencedSet(reader, own.map((a) => a.activityId)) };
}

/**
 * It took place in the period: it opened on or before the period's last day and had not ended before
 * its first (closed, or else its planned close). A cancelled activity or one never opened did not take place.
 */
function tookPlaceIn(activity: ActivityFacts, { from, to }: EvidencePeriod): boolean {
  if (activity.opened === null || activity.cancelledOn !== null) return false;
  const ended = activity.closed?.on ?? activity.window.closes;
  return dayOf(activity.opened.on) <= dayOf(to) && dayOf(ended) >= dayOf(from);
}

const sortedIds = (activities: readonly ActivityFacts[]): string[] => activities.map((a) => a.activityId).sort();

export function categoryEvidence(sources: EvidenceSources, category: EngagementCategory, period: EvidencePeriod): CategoryEvidence {
  const inCategory = sources.involving(category).filter((a) => tookPlaceIn(a, period));
  const monitored = inCategory.filter((a) => a.closed !== null && a.equalityMonitored);
  return {
    activityIds: sortedIds(inCategory),
    // Joint either way: the organisation named partners that accepted, or accepted a partner's invitation.
    jointActivityIds: sortedIds(inCategory.filter((a) => a.jointPartnerIds.length > 0)),
    equalityMonitoredActivityIds: sortedIds(monitored),
    equalityMonitoredParticipants: monitored.reduce((sum, a) => sum + (a.participants ?? 0), 0),
    withFindingsActivityIds: sortedIds(inCategory.filter((a) => a.findings.some((f) => !f.withdrawn))),
    influencedActivityIds: sortedIds(inCategory.filter((a) => sources.influenced.has(a.activityId))),
    feedbackGivenActivityIds: sortedIds(inCategory.filter((a) => a.feedbackGiven.length > 0)),
  };
}

/** The evidence that bears on one dimension: what was counted (a plural noun), and which activities. */
export interface DimensionEvidence {
  measure: string;
  activityIds: string[];
}

export function dimensionEvidence(dimension: HealthCheckDimension, evidence: CategoryEvidence): DimensionEvidence {
  switch (dimension) {
    case 'planning':
      return { measure: 'activities', activityIds: evidence.activityIds };
    case 'partnership':
      return { measure: 'joint activities', activityIds: evidence.jointActivityIds };
    case 'breadth':
      return { measure: 'closed activities with equality monitoring', activityIds: evidence.equalityMonitoredActivityIds };
    case 'depth':
      return { measure: 'activities with findings recorded', activityIds: evidence.withFindingsActivityIds };
    case 'taking_action': {
      const ids = [...new Set([...evidence.influencedActivityIds, ...evidence.feedbackGivenActivityIds])].sort();
      return { measure: 'activities cited by a decision or with feedback given to participants', activityIds: ids };
    }
  }
}
