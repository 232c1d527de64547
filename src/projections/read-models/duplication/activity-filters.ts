// The common filters as they apply to one activity, for every view over activity facts.

import type { CommonFilters } from '../../read-model-view.js';
import type { DateWindow } from '../../../domain/values.js';
import type { ActivityFacts } from './activity-facts.js';
import { FIRST_DAY, LAST_DAY, overlaps } from '../../periods.js';

/** The organisation runs it, alone or as a joint partner. */
export const involves = (activity: ActivityFacts, organisationId: string): boolean =>
  activity.organisationId === organisationId || activity.jointPartnerIds.includes(organisationId);

/** The period asked for; a missing bound leaves that side open. */
export const askedPeriod = ({ from, to }: Pick<CommonFilters, 'from' | 'to'>): DateWindow => ({ opens: from ?? FIRST_DAY, closes: to ?? LAST_DAY });

/** Organisation, area, community and period, each only where given. */
export function matchesCommonFilters(activity: ActivityFacts, filters: CommonFilters): boolean {
  return (
    (filters.organisation === undefined || involves(activity, filters.organisation)) &&
    (filters.area === undefined || activity.areaIds.includes(filters.area)) &&
    (filters.community === undefined || activity.communityIds.includes(filters.community)) &&
    overlaps(activity.window, askedPeriod(filters))
  );
}

/** Topics compare as people mean them: "Housing " and "housing" are one topic. */
export const normaliseTopic = (topic: string): string => topic.trim().toLowerCase();
