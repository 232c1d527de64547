// Redcar and Cleveland (seed 001): the 2007 Engagement Capacity Building work, taken forward by the
// Coordination Team: the data collection interviews, the two community anchor organisation workshops,
// the service providers' workshop and the joint workshop, what each found, and the Partnership Board's
// endorsement of 25 May 2007 of the recommendations built from them. redcar-2007-follow-up.ts holds
// the plan and its recommendations as actions.
//
// The engagement category of each activity is the record's reading (the document has no such column):
// the meetings where people discussed are consultation; the joint workshop, which "agreed the
// priorities", is deciding together. No workshop gives a headcount ("more than 75 key people" took
// part in the whole process), so each is closed with none.

import { activity, area, community, decision, finding, influence, joined, member, organisation } from './builders.js';
import { citing } from './documents.js';
import type { DemoStep } from './step.js';

const cite = citing('redcar-2007');

export const rcCouncil = 'redcar-cleveland-council';
export const rcvda = 'rcvda';
export const tvrcc = 'tvrcc';
export const cen = 'rc-community-empowerment-network';
export const coordinationTeam = 'rc-coordination-team';
export const rcPartnership = 'rc-partnership';
export const rcBoardDecision = 'rc-partnership-board-2007-05-25';

const area_ = 'redcar-cleveland';
const anchors = 'community-anchor-organisations';
const providers = 'service-providers';

const madeUpOf = 'The Capacity Building Team is made up of Redcar and Cleveland Borough Council, Redcar and Cleveland Voluntary Development Agency (RCVDA), the Community Empowerment Network (CEN) and the Tees Valley Rural Community Council (TVRCC.)';
const capacityBuildingTeam = cite('1.6', madeUpOf);
const stages = 'The project developed over the following stages;';

const workshopTopics = ['engagement capacity', 'community anchor organisations'];

/** The Board's endorsement, in the report's words: the recommendations' headings and the budget of 1.7. */
const endorsed = [
  'The recommendations and proposals were endorsed by the Redcar & Cleveland Partnership Board on the 25th May 2007.',
  '1.1 That an Engagement Resource Review takes place.',
  '1.2 That Community structures for effective engagement are established.',
  '1.3 That ways of managing data that support communities and service providers are established.',
  '1.4 That proposals for the enhancement of coordination and joint working on engagement activities across all partnership organisations are established.',
  '1.5 That innovative engagement best practise across the Borough is established.',
  '1.6 That the Capacity Building Coordination Team continues to be responsible for the overall coordination of the work.',
  '1.7 That the Partnership Board agrees the following budget for work up to the end of October.',
  'Total budget £9,150.',
  'It is recommended that this budget be made available to the Coordination Team to be dispersed as required.',
  '1.8 That the Partnership Board receives a further report in October.',
];

export const redcar2007: DemoStep[] = [
  organisation(rcCouncil, 'Redcar & Cleveland Borough Council', 'council_service', cite('1.6; contacts', [madeUpOf, 'Redcar & Cleveland Borough Council'])),
  organisation(rcvda, 'Redcar & Cleveland Voluntary Development Agency', 'voluntary_sector', cite('1.6; contacts', [madeUpOf, 'RCVDA (Redcar & Cleveland Voluntary Development Agency)'])),
  organisation(tvrcc, 'Tees Valley Rural Community Council', 'voluntary_sector', capacityBuildingTeam),
  organisation(cen, 'Community Empowerment Network (CEN)', 'voluntary_sector', capacityBuildingTeam),
  organisation(coordinationTeam, 'Engagement Capacity Building Coordination Team', 'network', cite('The Story So Far', 'The work was taken forward by an Engagement Capacity Building Coordination Team that itself represented a partnership between the public sector and the voluntary and community sector.')),
  ...[rcCouncil, rcvda, cen, tvrcc].map((memberId) => member(coordinationTeam, memberId, capacityBuildingTeam)),
  organisation(rcPartnership, 'Redcar and Cleveland Partnership', 'partnership_body', cite('2', 'the innovative approach that the Redcar and Cleveland Partnership brings to the question of engagement')),
  area(area_, 'Redcar & Cleveland', 'authority', cite('The Story So Far', 'the six different geographic communities in the Borough')),
  community(anchors, 'Community anchor organisations', cite('The Story So Far', 'They discussed the idea of "community anchor organisations"')),
  community(providers, 'Service providers', cite('The Story So Far', 'An interview process mapping existing engagement activities across all partnership service providers.')),

  // The interviews came first. Their dates are not given: only that their report was circulated in March, and
  // that the service providers' workshop of 29 March considered their output.
  ...activity(coordinationTeam, {
    activityId: 'rc-data-collection-interviews', title: 'Data collection interviews',
    description: joined([
      '13 service providers were interviewed in order to build up a picture of the engagement mechanisms that are currently being used. Interviewees included the Police, Fire and Rescue Services, the PCT and various departments of the Council. In addition, 4 engagement infrastructure organisations were also interviewed.',
    ]),
    category: 'consultation', method: 'interview', topics: ['engagement mechanisms'], areaIds: [area_], communityIds: [providers],
    opens: '2007-03-01', closes: '2007-03-28', held: true,
  }, cite('The Story So Far; Appendix 3, Work to date with service providers', [
    stages,
    'An interview process mapping existing engagement activities across all partnership service providers. The report Feedback from Data Collection Interviews was circulated in March.',
    '13 service providers were interviewed in order to build up a picture of the engagement mechanisms that are currently being used.',
    'In addition, 4 engagement infrastructure organisations were also interviewed.',
  ], 'The document does not date the interviews. Its only date for them is their report\'s, "circulated in March" (2007), before the workshop of 29 March that considered it: the window recorded, 1 to 28 March 2007, is that reading, not dates the document gives. 13 service providers and 4 infrastructure organisations were interviewed: organisations, not a headcount of people, so none is recorded.')),
  finding(coordinationTeam, 'rc-data-collection-interviews', 'engagement-mechanisms', '2007-03-28', 'A database of engagement mechanisms', cite('Appendix 3, Work to date with service providers',
    'These interviews created a database of engagement mechanisms for use with individuals, (for example, project newsletters, the Citizens Panel quarterly survey, call centres, telephone surveys, individual questionnaires) and with groups in the communities (for example, the Area Environmental Committees, public meetings, tenants forums and partnerships.)')),

  ...activity(coordinationTeam, {
    activityId: 'rc-anchor-workshop-1', title: 'Community Anchor Organisations Workshop',
    description: 'These gave organisations from geographic and thematic communities the chance to consider how they would like to develop in order to maximise their ability to engage with service providers.',
    category: 'consultation', method: 'workshop', topics: workshopTopics, areaIds: [area_], communityIds: [anchors],
    opens: '2007-03-19', held: true,
  }, cite('The Story So Far; Appendix 1', [
    'Two workshops were held with community organisations on March 19th and April 25th. These gave organisations from geographic and thematic communities the chance to consider how they would like to develop in order to maximise their ability to engage with service providers.',
    'Community Anchor Organisations Workshop Monday 19th March 2007.',
  ])),
  finding(coordinationTeam, 'rc-anchor-workshop-1', 'feedback-systems', '2007-03-19', 'Feedback and communication', cite('Appendix 1, Mind the Gap – Vision for Engagement',
    'LA needs to open up and be more transparent, improve feedback and communications systems, ie. Residents cannot get past the switchboard.')),
  finding(coordinationTeam, 'rc-anchor-workshop-1', 'anchor-network', '2007-03-19', 'A network of anchor organisations', cite('Appendix 1, How can it be Improved?', [
    'Think about how this – a network of community anchor organisations – is resourced',
    'A network of anchor organisations with formal communication structures',
  ])),
  finding(coordinationTeam, 'rc-anchor-workshop-1', 'coordinate-activities', '2007-03-19', 'Agencies to coordinate', cite('Appendix 1, Mind the Gap – Vision for Engagement',
    'Agencies have got to proactively coordinate their activities.')),

  ...activity(coordinationTeam, {
    activityId: 'rc-providers-workshop', title: 'Service Providers Workshop',
    description: 'This considered the output from the data collection interviews and established a series of priorities for enhancing their engagement work.',
    category: 'consultation', method: 'workshop', topics: workshopTopics, areaIds: [area_], communityIds: [providers],
    // The paper the providers had before the workshop.
    documents: [{ title: 'Feedback from Data Collection Interviews', publishedOn: '2007-03-28' }],
    opens: '2007-03-29', held: true,
  }, cite('The Story So Far; Appendix 2', [
    'One workshop was held with service providers on March 29th. This considered the output from the data collection interviews and established a series of priorities for enhancing their engagement work.',
    'The report Feedback from Data Collection Interviews was circulated in March.',
    'Service Providers Workshop. Thursday 29th March 2007.',
    'In preparation for the workshop you will have received a report that outlines the ways each statutory service provider currently engages with their service users.',
  ], 'The report the providers "will have received" is read as the interviews\' report, "circulated in March": recorded as published on 28 March 2007, the day before the workshop, the latest the words allow.')),
  finding(coordinationTeam, 'rc-providers-workshop', 'coordinate-engagement', '2007-03-29', 'The service providers’ suggestions', cite('Appendix 3, Work to date with service providers',
    'Service providers then met to share their data from the interviews. This allowed them to learn from each other and to draw up suggestions about how they might work more closely together. Their suggestions, which will be discussed today, can be summarised under the headings of coordination, better resource allocation, more efficient collection, storage and use of data, work with community anchor organisations and innovation in developing new engagement mechanisms.')),
  finding(coordinationTeam, 'rc-providers-workshop', 'specific-ideas', '2007-03-29', 'A calendar of engagement, community action planning, neighbourhood profiles', cite('Appendix 3, Work to date with service providers', [
    'An annual calendar of engagement, listing the consultations that occur each year; for example around the Council budget, around the Fire and Rescue Service annual plans. These consultations could be coordinated across service providers in consultation with community anchor organisations.',
    'A process of Community Action Planning, which would involve planning around many services at one go. This would prevent consultation overload.',
    'Building neighbourhood profiles, with data collected by all and openly available to all on a website. Again community anchor organisations would be important in building this data-base.',
  ])),

  ...activity(coordinationTeam, {
    activityId: 'rc-anchor-workshop-2', title: 'Second Community Anchor Organisations Workshop',
    description: 'The workshop brings together a larger number of organisations that have the characteristics of community anchor organisations.',
    category: 'consultation', method: 'workshop', topics: workshopTopics, areaIds: [area_], communityIds: [anchors],
    opens: '2007-04-25', held: true,
  }, cite('The Story So Far; Appendix 1', [
    'Two workshops were held with community organisations on March 19th and April 25th.',
    'Second Community Anchor Organisations Workshop. Wednesday 25th April 2007.',
  ])),
  // Both findings are said of the two meetings together; recorded on the second, by when both had been held.
  finding(coordinationTeam, 'rc-anchor-workshop-2', 'community-anchor-organisations', '2007-04-25', 'Community anchor organisations for each community', cite('The Story So Far',
    'They discussed the idea of "community anchor organisations" and developed it in ways that suited the context in the six different geographic communities in the Borough and the range of thematic communities.',
    'Said of both community workshops ("These gave organisations ..."); recorded on the second, by when both had been held.')),
  finding(coordinationTeam, 'rc-anchor-workshop-2', 'service-users-gaps', '2007-04-25', 'The gap between the vision and practice', cite('Appendix 3, Work to date with service users', [
    'Service users, represented by a number of community organisations, have met twice during the project.',
    'They have shared examples of good engagement practice and discussed the gap between the vision and practice. Gaps include;',
    'Are the results of consultation taken into consideration? Where is the feedback?',
    'Too much jargon. Too many initials.',
    'Not enough time.',
    "Don't duplicate. Don't complicate.",
    'People are over consulted and under consulted.',
  ], 'The service users "have met twice": the two community workshops. Recorded on the second, by when both had been held.')),

  ...activity(coordinationTeam, {
    activityId: 'rc-joint-workshop', title: 'Workshop with representatives of Service Providers and Community Anchor Organisations',
    description: 'This workshop is to facilitate a crucial dialogue between the users of public services, represented by the community anchor organisations that are developing their capacity to speak for their communities, and those responsible for the public services on which the communities of Redcar and Cleveland depend.',
    category: 'deciding_together', method: 'workshop', topics: workshopTopics, areaIds: [area_], communityIds: [anchors, providers],
    opens: '2007-05-09', held: true,
  }, cite('The Story So Far; Appendix 3', [
    'Finally, a workshop was held on May 9th that brought together both the community organisations and the service providers.',
    'the joint anchor organisations and service providers workshop which is planned for Wednesday 9th May 2007.',
  ])),
  finding(coordinationTeam, 'rc-joint-workshop', 'agreed-priorities', '2007-05-09', 'Agreed priorities', cite('The Story So Far',
    'This workshop agreed the priorities that are developed in the recommendations contained in this report.')),

  decision(rcPartnership, {
    decisionId: rcBoardDecision,
    body: 'Redcar & Cleveland Partnership Board',
    decidedOn: '2007-05-25',
    title: 'Community Engagement Capacity Building Plan',
    outcomeKind: 'approved',
    outcome: joined(endorsed),
  }, cite('The Story So Far; 1 Recommendations; 2', [
    'On the 25th May 2007 a final Community Engagement Capacity Building Plan report was presented to the Redcar & Cleveland Partnership Board with the following recommendations',
    ...endorsed,
  ])),

  // Each link rests on the report's words for how the engagement made the recommendations: "changed", as the
  // recommendations were developed from what these activities produced. The interviews are not linked: their
  // output reached the Board through the service providers' workshop that "considered the output from the data
  // collection interviews", and their dates are not given. The service users' gaps are not linked either: no
  // recommendation is said to answer them.
  influence(rcPartnership, '2007-05-25', {
    decisionId: rcBoardDecision, linkId: 'rc-link-1', source: { kind: 'finding', activityId: 'rc-anchor-workshop-1', findingId: 'anchor-network' }, influence: 'changed',
  }, cite('1.2', 'Both geographic and thematic community organisations wish to establish the structures that allow them to most effectively engage with service providers.')),
  influence(rcPartnership, '2007-05-25', {
    decisionId: rcBoardDecision, linkId: 'rc-link-2', source: { kind: 'finding', activityId: 'rc-providers-workshop', findingId: 'coordinate-engagement' }, influence: 'changed',
  }, cite('1.4', 'Building on the work of the Community Engagement Coordination Group and the service providers aspirations as expressed in their Engagement Capacity Building Workshop, the purpose of this recommendation is to;')),
  influence(rcPartnership, '2007-05-25', {
    decisionId: rcBoardDecision, linkId: 'rc-link-3', source: { kind: 'finding', activityId: 'rc-anchor-workshop-2', findingId: 'community-anchor-organisations' }, influence: 'changed',
  }, cite('1.2', 'To work with the six geographic communities in the Borough and the communities of interest in order to put in place structures and mechanisms that allow the community voice to be heard.')),
  influence(rcPartnership, '2007-05-25', {
    decisionId: rcBoardDecision, linkId: 'rc-link-4', source: { kind: 'finding', activityId: 'rc-joint-workshop', findingId: 'agreed-priorities' }, influence: 'changed',
  }, cite('The Story So Far; 2', [
    'This workshop agreed the priorities that are developed in the recommendations contained in this report.',
    '(7) The proposals represent a consensus view arrived at by both service providers and service users.',
  ])),
];
