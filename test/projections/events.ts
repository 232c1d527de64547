// Events as an officer's commands would record them, small enough to read in a test.

import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';

/** A Halton consultation survey through January 2024, unless `more` says otherwise. */
export const plannedActivity = (activityId: string, more: Partial<EventData<'ActivityPlanned'>> = {}): LedgerEvent => ({
  type: 'ActivityPlanned',
  data: {
    activityId,
    organisationId: 'halton-borough-council',
    title: `Activity ${activityId}`,
    category: 'consultation',
    method: 'survey',
    topics: [],
    areaIds: [],
    communityIds: [],
    jointPartnerIds: [],
    window: { opens: '2024-01-01', closes: '2024-01-31' },
    documents: [],
    ...more,
  },
});
