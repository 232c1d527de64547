// How the common filters (organisation, area, community, period) apply to activities and
// decisions, and the small arithmetic the views share.

import type { CommonFilters } from '../../read-model-view.js';
import type { EngagementCategory } from '../../../domain/values.js';
import type { ActivityFacts } from './engagement-facts.js';

/**
 * From "consultation" upward (IAP2 consult, involve, empower) the promise to the public includes
 * feedback on how their input influenced the decision; information giving promises none.
 */
export function promisesInfluence(category: EngagementCategory): boolean {
  return category !== 'information_giving';
}

/** The organisation ran it, alone or as a joint partner. */
export function involves(activity: ActivityFacts, organisationId: string): boolean {
  return activity.organisationId === organisationId || activity.jointPartnerIds.includes(organisationId);
}

/** Organisation, area and community filters on an activity; an absent filter matches all. */
export function activityMatches(activity: ActivityFacts, filters: Omit<CommonFilters, 'from' | 'to'>): boolean {
  return (
    (filters.organisation === undefined || involves(activity, filters.organisation)) &&
    (filters.area === undefined || activity.areaIds.includes(filters.area)) &&
    (filters.community === undefined || activity.communityIds.includes(filters.community))
  );
}

/** Area and community only: for decisions, which have neither of their own but inherit their activities'. */
export function placeMatches(activity: ActivityFacts, filters: Pick<CommonFilters, 'area' | 'community'>): boolean {
  return activityMatches(activity, { area: filters.area, community: filters.community });
}

export function inPeriod(date: string, { from, to }: Pick<CommonFilters, 'from' | 'to'>): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

/** A period overlaps [opens, closes]. */
export function overlapsPeriod(opens: string, closes: string, { from, to }: Pick<CommonFilters, 'from' | 'to'>): boolean {
  return (from === undefined || closes >= from) && (to === undefined || opens <= to);
}

const DAY = 86_400_000;

/** Whole days from one ISO date to another (both UTC midnights). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY);
}

/** A share between 0 and 1 to three decimals; null where there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
