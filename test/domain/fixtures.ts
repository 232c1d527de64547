// Events from the Redcar & Cleveland 2007 engagement workshops, reused across domain tests.

import type { EventData } from '../../src/domain/events/catalogue.js';

export const workshop = (activityId = 'redcar-workshop-1'): EventData<'ActivityPlanned'> => ({
  activityId,
  organisationId: 'redcar-council',
  title: 'Engagement capacity building workshop: service providers',
  category: 'deciding_together',
  method: 'workshop',
  topics: ['engagement capacity', 'coordination'],
  areaIds: ['redcar-cleveland'],
  communityIds: [],
  jointPartnerIds: ['rcvda'],
  window: { opens: '2007-02-01', closes: '2007-03-31' },
  documents: [],
});

/** A response from nobody identified: no respondent, text in clear. */
export const response = (feedbackId: string, receivedOn = '2007-02-10'): Omit<EventData<'FeedbackReceived'>, 'respondent'> => ({
  activityId: 'redcar-workshop-1',
  feedbackId,
  kind: 'response',
  receivedOn,
  text: 'Providers should share what they already know before asking again.',
  respondents: 1,
  communityIds: [],
});
