// Redcar & Cleveland (seed 001), after the Partnership Board of 25 May 2007: the Community
// Engagement Capacity Building Plan's recommendations as the plan's actions, each due by the
// report back to the Board "in October" (2007: the month's last day). redcar-2007.ts holds the
// workshops and the decision; this module registers only the organisations it does not.

import { leadOrganisationIds } from '../import/leads.js';
import { action, adoptPlan, organisation, type PlanKeeper } from './builders.js';
import type { DemoStep } from './step.js';

const council = 'redcar-cleveland-council';
const rcvda = 'rcvda';
const tvrcc = 'tvrcc';
const network = 'rc-community-network';
const leads = { 'Redcar and Cleveland Borough Council': council, RCVDA: rcvda, TVRCC: tvrcc, CEN: network, 'Community Network': network };

/** The Coordination Team's Council officer supporting the Partnership keeps the plan. */
const plan: PlanKeeper = { as: council, planId: 'rc-ce-capacity-building-plan', adoptedOn: '2007-05-25' };
const october = '2007-10-31';

const recommendation = (n: string, slug: string, what: string, who: string, when: string, targetDate: string, more: { how?: string; progress?: string; cost?: string } = {}): DemoStep[] =>
  action(plan, `rc-action-${n.replace('.', '-')}-${slug}`, {
    what, who, when, targetDate,
    ...(more.how ? { how: more.how } : {}),
    ...(more.progress ? { progress: more.progress } : {}),
    ...(more.cost ? { implications: { cost: more.cost } } : {}),
  }, { leadOrganisationIds: leadOrganisationIds(who, leads) });

export const redcar2007FollowUp: DemoStep[] = [
  organisation(tvrcc, 'Tees Valley Rural Community Council', 'voluntary_sector'),
  organisation(network, 'Redcar and Cleveland Community Network (Community Empowerment Network)', 'community_anchor'),

  adoptPlan(plan, {
    title: 'Redcar and Cleveland Community Engagement Capacity Building Plan',
    kind: 'action_plan',
    adoptedBy: 'Redcar & Cleveland Partnership Board',
    partnerIds: [rcvda, tvrcc, network],
  }),

  ...recommendation('1.1', 'engagement-resource-review', 'That an Engagement Resource Review takes place.',
    'The Governance Group of the Partnership, supported by a member of the Coordination Team',
    'Briefed on progress in early June; recommendations by late September', '2007-09-30', {
      how: 'An overview of the resources used across the partnership on engagement; how they might be used more effectively; resource gaps; the financial requirements of the plans; a long term strategy for the Partnership’s collective funding of its engagement work.',
      progress: 'The Capacity Building Coordination Team has already begun the process of mapping the resources dedicated to engagement work across the Partnership. To date the response has been limited.',
    }),
  ...recommendation('1.2', 'community-structures', 'That Community structures for effective engagement are established.',
    'The community organisations and thematic organisations; the Coordination Team convenes and facilitates the workshops',
    'Capacity building and support needs reported back to the Partnership Board in October', october, {
      how: 'A workshop with organisations representing communities of interest, then a series of six geographic workshops at which the local engagement structures will be agreed and established.',
    }),
  ...recommendation('1.3', 'managing-data', 'That ways of managing data that support communities and service providers are established.',
    'The Capacity Building Coordination Team (overall coordination, recommendation 1.6)',
    'An update to the Partnership Board in October', october, {
      how: 'Map existing sources of data; let community organisations input into and access it; identify gaps; bring data sources together for Neighbourhood Profiles and Local Neighbourhood Plans.',
    }),
  ...recommendation('1.4', 'coordination-joint-working', 'That proposals for the enhancement of coordination and joint working on engagement activities across all partnership organisations are established.',
    'The Community Engagement Coordination Group, with the support of Coordination Team members',
    'New structures, the Annual Calendar of Consultations and plans for Local Neighbourhood Planning presented to the Partnership Board in October', october),
  ...recommendation('1.5', 'innovative-best-practice', 'That innovative engagement best practise across the Borough is established.',
    "A group combining in equal proportions those working on engagement from service providers' and from service users' organisations",
    'Report back on progress to the Partnership Board in October', october),
  ...recommendation('1.6', 'overall-coordination', 'That the Capacity Building Coordination Team continues to be responsible for the overall coordination of the work.',
    'The Capacity Building Coordination Team: Redcar and Cleveland Borough Council, RCVDA, the Community Empowerment Network (CEN) and TVRCC',
    'Work up to the end of October', october, {
      // Recommendation 1.7: the budget made available to the Coordination Team.
      cost: 'Budget to the end of October, £9,150: workshops £1,750; meetings £1,500; further meetings £1,400; best practice resources £1,000; community funds £3,500.',
    }),
  ...recommendation('1.8', 'report-in-october', 'That the Partnership Board receives a further report in October.',
    'The Coordination Team', 'October', october),
];
