// Redcar & Cleveland's 2007 Engagement Capacity Building work (seed 001): four
// workshops, what people said, and the Partnership Board decision of 25 May 2007
// that adopted the plan built from them.

import type { DemoStep } from './step.js';

const council = 'redcar-cleveland-council';
const cvs = 'rcvda';
const board = 'rc-partnership-board-2007-05-25';

const workshop = (activityId: string, title: string, on: string, communityIds: string[], description: string): DemoStep[] => [
  {
    as: council,
    occurredAt: `${on}T09:00:00Z`,
    command: {
      type: 'PlanActivity',
      data: {
        activityId,
        title,
        category: 'deciding_together',
        method: 'workshop',
        description,
        topics: ['engagement capacity', 'community anchor organisations'],
        areaIds: ['redcar-cleveland'],
        communityIds,
        jointPartnerIds: [cvs],
        window: { opens: on, closes: on },
        documents: [],
      },
    },
  },
  { as: council, occurredAt: `${on}T09:00:00Z`, command: { type: 'OpenActivity', data: { activityId, openedOn: on } } },
];

// The seed gives no headcount per workshop ("more than 75 key people" took part in all), so none is recorded.
const close = (activityId: string, on: string): DemoStep => ({
  as: council,
  occurredAt: `${on}T17:00:00Z`,
  command: { type: 'CloseActivity', data: { activityId, closedOn: on } },
});

const finding = (activityId: string, findingId: string, theme: string, summary: string, on: string): DemoStep => ({
  as: council,
  occurredAt: `${on}T17:00:00Z`,
  command: { type: 'RecordFinding', data: { activityId, findingId, theme, summary, feedbackIds: [] } },
});

const influence = (linkId: string, activityId: string, findingId: string, influence: 'changed' | 'confirmed', rationale: string): DemoStep => ({
  as: council,
  occurredAt: '2007-05-25T12:00:00Z',
  command: { type: 'LinkInfluence', data: { decisionId: board, linkId, source: { kind: 'finding', activityId, findingId }, influence, rationale } },
});

export const redcar2007: DemoStep[] = [
  { as: 'admin', command: { type: 'RegisterOrganisation', data: { organisationId: council, name: 'Redcar & Cleveland Borough Council', kind: 'council_service' } } },
  { as: 'admin', command: { type: 'RegisterOrganisation', data: { organisationId: cvs, name: 'Redcar & Cleveland Voluntary Development Agency', kind: 'voluntary_sector' } } },
  { as: 'admin', command: { type: 'DefineArea', data: { areaId: 'redcar-cleveland', name: 'Redcar & Cleveland', kind: 'authority' } } },
  { as: 'admin', command: { type: 'DefineCommunityOfInterest', data: { communityId: 'community-anchor-organisations', name: 'Community anchor organisations', hardToReach: false } } },
  { as: 'admin', command: { type: 'DefineCommunityOfInterest', data: { communityId: 'service-providers', name: 'Statutory and voluntary service providers', hardToReach: false } } },

  ...workshop('rc-anchor-workshop-1', 'Community Anchor Organisations Workshop', '2007-03-19', ['community-anchor-organisations'],
    'Organisations from geographic and thematic communities consider how to develop their ability to engage with service providers.'),
  close('rc-anchor-workshop-1', '2007-03-19'),
  finding('rc-anchor-workshop-1', 'feedback-systems', 'Feedback and communication',
    'LA needs to open up and be more transparent, improve feedback and communications systems: residents cannot get past the switchboard.', '2007-03-19'),
  finding('rc-anchor-workshop-1', 'anchor-network', 'A network of anchor organisations',
    'A network of community anchor organisations with formal communication structures, and a look at how it is resourced.', '2007-03-19'),

  ...workshop('rc-providers-workshop', 'Service Providers Workshop', '2007-03-29', ['service-providers'],
    'Statutory and voluntary service providers share how they engage and set priorities from the data collection interviews.'),
  close('rc-providers-workshop', '2007-03-29'),
  finding('rc-providers-workshop', 'coordinate-engagement', 'Coordinate engagement',
    'Agencies have to proactively coordinate their consultation: an annual calendar of consultations across the partnership.', '2007-03-29'),

  ...workshop('rc-anchor-workshop-2', 'Second Community Anchor Organisations Workshop', '2007-04-25', ['community-anchor-organisations'],
    'A larger group of anchor organisations builds on the first workshop and prepares for the joint workshop.'),
  close('rc-anchor-workshop-2', '2007-04-25'),
  finding('rc-anchor-workshop-2', 'community-structures', 'Community structures for engagement',
    'Each of the six geographic communities wants engagement structures of its own, with support to sustain them.', '2007-04-25'),

  ...workshop('rc-joint-workshop', 'Joint workshop: service providers and community anchor organisations', '2007-05-09',
    ['community-anchor-organisations', 'service-providers'], 'Service users and providers agree the priorities of the Engagement Capacity Building Plan.'),
  close('rc-joint-workshop', '2007-05-09'),
  finding('rc-joint-workshop', 'agreed-priorities', 'Agreed priorities',
    'A resource review, community structures, coordinated engagement and a joint group of providers and users to take it forward.', '2007-05-09'),

  {
    as: council,
    occurredAt: '2007-05-25T12:00:00Z',
    command: {
      type: 'RecordDecision',
      data: {
        decisionId: board,
        body: 'Redcar & Cleveland Partnership Board',
        decidedOn: '2007-05-25',
        title: 'Community Engagement Capacity Building Plan',
        outcomeKind: 'approved',
        outcome: 'The recommendations and proposals were endorsed: an engagement resource review, community structures for effective engagement, coordinated engagement and a report back in October.',
      },
    },
  },
  influence('rc-link-1', 'rc-anchor-workshop-1', 'feedback-systems', 'changed', 'Recommendation 1.2 sets up community structures so the community voice is heard and fed back.'),
  influence('rc-link-2', 'rc-providers-workshop', 'coordinate-engagement', 'changed', 'Coordinated engagement and the Annual Calendar of Consultations come from the providers’ priorities.'),
  influence('rc-link-3', 'rc-anchor-workshop-2', 'community-structures', 'changed', 'Six geographic workshops will agree local engagement structures.'),
  influence('rc-link-4', 'rc-joint-workshop', 'agreed-priorities', 'confirmed', 'The joint workshop agreed the priorities the report recommends.'),
];
