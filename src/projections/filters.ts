// How the filters panels ask by (organisation, area, community of interest, period) match the
// facts, one way for every view, and the small arithmetic views share. Dates are compared as
// day numbers (periods.ts), never as text.

import type { EngagementCategory } from '../domain/values.js';
import type { ActivityFacts } from './facts/activity-facts.js';
import { dayOf, FIRST_DAY, LAST_DAY, overlaps } from './periods.js';
import type { CommonFilters } from './read-model-view.js';

/**
 * From "consultation" upward (IAP2 consult, involve, empower) the promise to the public includes
 * feedback on how their input influenced the decision; information giving promises none.
 */
export function promisesInfluence(category: EngagementCategory): boolean {
  return category !== 'information_giving';
}

/** The organisation runs it, alone or as a joint partner that accepted (one only invited does not). */
export function involves(activity: Pick<ActivityFacts, 'organisationId' | 'jointPartnerIds'>, organisationId: string): boolean {
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

/** The period asked for; a missing bound leaves that side open. */
export const askedPeriod = ({ from, to }: Pick<CommonFilters, 'from' | 'to'>): { opens: string; closes: string } => ({ opens: from ?? FIRST_DAY, closes: to ?? LAST_DAY });

/** A date within the period asked for. */
export function inPeriod(date: string, { from, to }: Pick<CommonFilters, 'from' | 'to'>): boolean {
  const day = dayOf(date);
  return (from === undefined || day >= dayOf(from)) && (to === undefined || day <= dayOf(to));
}

/** A window [opens, closes] shares a day with the period asked for. */
export function overlapsPeriod(opens: string, closes: string, filters: Pick<CommonFilters, 'from' | 'to'>): boolean {
  return overlaps({ opens, closes }, askedPeriod(filters));
}

/** Organisation, area, community and period, each only where given. */
export function matchesCommonFilters(activity: ActivityFacts, filters: CommonFilters): boolean {
  return activityMatches(activity, filters) && overlapsPeriod(activity.window.opens, activity.window.closes, filters);
}

/** Topics compare as people mean them: "Housing " and "housing" are one topic. */
export const normaliseTopic = (topic: string): string => topic.trim().toLowerCase();

/** Whole days from one ISO date to another. */
export const daysBetween = (from: string, to: string): number => dayOf(to) - dayOf(from);

/** A share between 0 and 1 to three decimals; null where there is nothing to share. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 1000;
}
