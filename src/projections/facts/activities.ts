// The activities projection: one row per activity, its facts (activity-facts.ts), under
// `activity:<id>`. Every view over activities reads these rows; none keeps a copy.

import { defineProjection } from '../projection.js';
import { activityEventTypes, evolveActivityFacts, type ActivityFacts } from './activity-facts.js';

export const activityKey = (activityId: string): string => `activity:${activityId}`;

export const activities = defineProjection<ActivityFacts, (typeof activityEventTypes)[number]>({
  name: 'activities',
  version: 1,
  eventTypes: activityEventTypes,
  key: (event) => activityKey(event.data.activityId),
  evolve: evolveActivityFacts,
});

/** Opening order, ties by id, so every list of activities reads the same way. */
export const byOpening = (a: ActivityFacts, b: ActivityFacts): number =>
  a.window.opens < b.window.opens ? -1 : a.window.opens > b.window.opens ? 1 : a.activityId < b.activityId ? -1 : a.activityId > b.activityId ? 1 : 0;
