// Redcar and Cleveland (seed 001), after the Partnership Board of 25 May 2007: the Community
// Engagement Capacity Building Plan it endorsed, kept by the Coordination Team (1.6), with its
// recommendations as the plan's actions. Each is due by the report back to the Board "in October"
// (2007, the Board's year), except the resource review, due "by late September". Recommendation 1.7
// is the budget, not an action: its items are the plan's resources, and it is in the Board's decision.

import { acceptPlanPartnership, action, adoptPlan, progress, resource, status, type PlanKeeper } from './builders.js';
import { citing } from './documents.js';
import { cen, coordinationTeam, rcBoardDecision, rcCouncil, rcvda, tvrcc } from './redcar-2007.js';
import type { DemoStep } from './step.js';

const cite = citing('redcar-2007');
const plan: PlanKeeper = { as: coordinationTeam, planId: 'rc-ce-capacity-building-plan', cite, on: '2007-05-25' };
/** Each recommendation was endorsed by the Board: the actions carry out its decision. */
const endorsed = { decisionId: rcBoardDecision, words: 'The recommendations and proposals were endorsed by the Redcar & Cleveland Partnership Board on the 25th May 2007.' };
const october = { date: '2007-10-31', reading: 'Target date 2007-10-31: "October" is the Board\'s next meeting after 25 May 2007, read as the last day of October 2007.' };

export const redcar2007FollowUp: DemoStep[] = [
  adoptPlan(plan, {
    title: 'Redcar and Cleveland Community Engagement Capacity Building Plan',
    kind: 'action_plan',
    adoptedBy: 'Redcar & Cleveland Partnership Board',
    // 1.6: the members of the Coordination Team, which keeps the plan.
    partnerIds: [rcCouncil, rcvda, cen, tvrcc],
  }, cite('Title; 1.6; 2', [
    'Redcar and Cleveland Community Engagement Capacity Building Plan',
    'The recommendations and proposals were endorsed by the Redcar & Cleveland Partnership Board on the 25th May 2007.',
    'The Capacity Building Team is made up of Redcar and Cleveland Borough Council, Redcar and Cleveland Voluntary Development Agency (RCVDA), the Community Empowerment Network (CEN) and the Tees Valley Rural Community Council (TVRCC.) It is recommended that the Capacity Building Coordination Team will remain responsible for the overall coordination of the work.',
  ])),

  // The Team's members keep the plan with it: "the Capacity Building Coordination Team will remain responsible".
  ...[rcCouncil, rcvda, cen, tvrcc].map((partner) =>
    acceptPlanPartnership(partner, plan.planId, plan.on, cite('1.6', 'The Capacity Building Team is made up of Redcar and Cleveland Borough Council, Redcar and Cleveland Voluntary Development Agency (RCVDA), the Community Empowerment Network (CEN) and the Tees Valley Rural Community Council (TVRCC.) It is recommended that the Capacity Building Coordination Team will remain responsible for the overall coordination of the work.'))),

  // 1.7: "the following items will require additional resources", each with how the report arrives at it.
  resource(plan, 'rc-budget-1-workshops', '1.7', 'Costs to convene six geographic workshops and one thematic workshop, to cover expenses such as crèche, translations, refreshments etc.', { amountPence: 175_000, basis: '(Say £250 X 7) £1,750.' }),
  resource(plan, 'rc-budget-2-meetings', '1.7', 'Venues and refreshments for three meetings for each of the five strands of Work.', { amountPence: 150_000, basis: '(Say £100 X15) £1,500.' }),
  resource(plan, 'rc-budget-3-further-meetings', '1.7', 'in each geographic area and for the communities of interest, the cost of two further meetings, if required to complete the task, to bring other organisations into the discussions or for related purposes.', { amountPence: 140_000, basis: '(Say £100X 14) £1,400.' }),
  resource(plan, 'rc-budget-4-best-practice-resources', '1.7', 'To produce best practice partnership resources, (web-site and print).', { amountPence: 100_000, basis: 'Say £1,000.' }),
  resource(plan, 'rc-budget-5-community-funds', '1.7', 'A fund for each of the geographic communities and the thematic community to take forward their work from now until to October.', { amountPence: 350_000, basis: '(Say £500X7) £3,500.' }),

  action(plan, 'rc-action-1-1-engagement-resource-review', '1.1', {
    what: '1.1 That an Engagement Resource Review takes place.',
    who: 'the Governance Group of the Partnership, supported by a member of the Coordination Team',
    when: 'It is proposed that they be briefed on progress to date in early June and that they make their recommendations by late September.',
  }, { carriesOut: endorsed, targetDate: { date: '2007-09-30', reading: 'Target date 2007-09-30: "by late September", read as the last day of September 2007. The briefing "in early June" is a step on the way, kept in the words.' } }),
  progress(plan, 'rc-action-1-1-engagement-resource-review', '2007-05-25', '1.1',
    'The Capacity Building Coordination Team has already begun the process of mapping the resources dedicated to engagement work across the Partnership. To date the response has been limited and with the support of the Partnership it is recommended that this work continues.',
    'Noted on the day of the Board, to which the report gave it.'),
  status(plan, 'rc-action-1-1-engagement-resource-review', 'in_progress', '2007-05-25', cite('1.1', 'The Capacity Building Coordination Team has already begun the process of mapping the resources dedicated to engagement work across the Partnership.')),

  action(plan, 'rc-action-1-2-community-structures', '1.2', {
    what: '1.2 That Community structures for effective engagement are established.',
    who: 'the community organisations and thematic organisations involved in the Engagement Capacity Building process',
    when: 'Capacity building and support needs will then be reported back to the Partnership Board in the progress report in October.',
    how: ['It is proposed that this work is undertaken in a series of workshops;', 'The Coordination Team will take the responsibility for convening and facilitating the workshops.'],
  }, { carriesOut: endorsed, targetDate: october }),

  action(plan, 'rc-action-1-3-managing-data', '1.3', {
    what: '1.3 That ways of managing data that support communities and service providers are established.',
    when: 'An update on the changes implemented and proposals for future data management collection and use will be made to the Partnership Board in October.',
  }, { carriesOut: endorsed, targetDate: october, noLead: 'Not stated in recommendation 1.3' }),

  action(plan, 'rc-action-1-4-coordination-joint-working', '1.4', {
    what: '1.4 That proposals for the enhancement of coordination and joint working on engagement activities across all partnership organisations are established.',
    who: 'the Community Engagement Coordination Group, with the support of Coordination Team Members',
    when: 'New structures established, the Annual Calendar of Consultations and plans for Local Neighbourhood Planning will be presented to the Partnership Board in October.',
  }, { carriesOut: endorsed, targetDate: october }),

  action(plan, 'rc-action-1-5-innovative-best-practice', '1.5', {
    what: '1.5 That innovative engagement best practise across the Borough is established.',
    who: "a group combining in equal proportions those working on engagement from service providers' organisations and those working on engagement from service users' organisations",
    when: 'It will report back on progress made to the Partnership Board in October.',
  }, { carriesOut: endorsed, targetDate: october }),

  action(plan, 'rc-action-1-6-overall-coordination', '1.6', {
    what: '1.6 That the Capacity Building Coordination Team continues to be responsible for the overall coordination of the work.',
    who: 'the Capacity Building Coordination Team',
    how: ['Supporting the work under the various recommendations contained in this report.', 'Ensuring that time-tables are met.', 'Drawing up the next report to the Board in October.'],
  }, { carriesOut: endorsed, leadOrganisationIds: [coordinationTeam] }),

  action(plan, 'rc-action-1-8-report-in-october', '1.8', {
    what: '1.8 That the Partnership Board receives a further report in October.',
    who: 'The Coordination Team',
    when: 'The Coordination Team will report back to the Partnership Board in October.',
  }, { carriesOut: endorsed, targetDate: october, leadOrganisationIds: [coordinationTeam] }),
];
