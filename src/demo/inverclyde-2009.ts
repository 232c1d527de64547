// Inverclyde (seed 000): the Regeneration Committee report RC/09/09/01/SJ/WW of 3 September 2009,
// which *seeks* approval of the Community Engagement Strategy Implementation Plan; the plan itself,
// written by the Alliance Community Engagement Network with the VOiCE tool (record dated 28 May 2009);
// what the report says of August 2008, when the revised strategy was approved and actions were asked
// for, and of their progress; and the Network's agencies being consulted on the plan. The VOiCE
// self-evaluation in the seed is blank (every score 0), so none is recorded; so is the plan's "Do"
// section, so its actions have no progress.

import { acceptLead, acceptPlanPartnership, action, activity, adoptPlan, area, decision, draftPlan, indicator, joined, member, objective, organisation, progress, proposePlan, resource, risk, status, type PlanKeeper } from './builders.js';
import { citing, type Citation } from './documents.js';
import type { DemoStep } from './step.js';

const cite = citing('inverclyde-2009');

const council = 'inverclyde-council';
const alliance = 'inverclyde-alliance';
const network = 'inverclyde-community-engagement-network';
const championsFromPartners = '“Champions” from Alliance partners include:';
/** "Champions from Alliance partners include" (4.2), each as the report names it. */
const alliancePartners: [id: string, name: string, kind: Parameters<typeof organisation>[2]][] = [
  ['cvs-inverclyde', 'CVS Inverclyde', 'voluntary_sector'],
  ['inverclyde-community-care-forum', 'Inverclyde Community Care Forum (Your Voice)', 'voluntary_sector'],
  ['inverclyde-chp', 'Community Health Partnership', 'health'],
  ['strathclyde-fire-rescue', 'Strathclyde Fire and Rescue', 'fire_and_rescue'],
  ['strathclyde-police', 'Strathclyde Police', 'police'],
  ['skills-development-scotland', 'Skills Development Scotland', 'other'],
];

const august2008 = '2008-08-31';
const inAugust2008 = 'August 2008 gives no day: recorded on the last day of the month.';
const reportedOn = '2009-09-03';
/** "The Regeneration Committee requested that a number of actions be taken forward" (4.1): 4.2 and 4.3 are those actions. */
const requested = { decisionId: 'inverclyde-rc-2008-08', words: 'the Regeneration Committee requested that a number of actions be taken forward.' };

/** The revised strategy of August 2008, as far as the report tells it: approved, with actions asked of the Council. */
const strategy: PlanKeeper = { as: alliance, planId: 'inverclyde-ce-strategy-2008', cite, on: august2008 };

/**
 * The implementation plan: the Network's draft, recorded on its VOiCE record's date, and put to the
 * Regeneration Committee for approval on 3 September 2009. The seed does not say it was approved.
 */
const plan: PlanKeeper = { as: network, planId: 'inverclyde-ce-implementation-plan', cite, on: '2009-05-28' };

/** One of the plan's three outcomes, with its VOiCE outcome indicators. */
const outcome = (code: string, title: string, indicators: [code: string, text: string][]): DemoStep[] => {
  const objectiveId = `inverclyde-outcome-${code}`;
  return [
    objective(plan, objectiveId, code, 'Appendix 1, Plan: Outcome', title),
    ...indicators.map(([indicatorCode, text]) =>
      indicator(plan, objectiveId, `inverclyde-indicator-${indicatorCode.replace('.', '-')}`, indicatorCode, 'Appendix 1, Plan: Outcome indicators', text)),
  ];
};

/** A 4.3 action asked of the Corporate Director in August 2008, with its progress and the status the report's words give it. */
const asked = (slug: string, what: string, note: string, to: 'completed' | 'in_progress', reading: string): DemoStep[] => {
  const actionId = `inverclyde-2008-action-${slug}`;
  const words: Citation = cite('4.4', note, reading);
  return [
    action(strategy, actionId, '4.3', { what, who: 'The Corporate Director – Regeneration and Resources' }, { leadOrganisationIds: [council], carriesOut: requested }),
    acceptLead(council, actionId, reportedOn, cite('4.3; 4.4', ['The Corporate Director – Regeneration and Resources was:', '4.4 Progress on the actions from 4.3 is detailed below:'],
      'The Council\'s report gives the progress of the actions its Corporate Director was to lead: it has taken them on.')),
    progress(strategy, actionId, reportedOn, '4.4', note, 'Noted as of the report of 3 September 2009.'),
    status(strategy, actionId, to, reportedOn, words),
  ];
};

const purpose = '1.1 The purpose of this report is to seek formal approval of the Community Engagement Strategy Implementation Plan, prior to submission to the Alliance Board.';
const recommended = [
  purpose,
  '3.1 That the Committee approves the Community Engagement Strategy Implementation Plan.',
  '3.2 That the Committee remits the Corporate Directors to appoint Community Engagement Champions from within each service area.',
  "3.3 That the Head of Economic and Social Regeneration provides a progress report on the Implementation Plan, following the plan's review date of May 2010.",
];

export const inverclyde2009: DemoStep[] = [
  organisation(council, 'Inverclyde Council', 'council_service', cite('Header; 4.3', [
    'Report To: Regeneration Committee',
    'To analyse the resources required to ensure that the Council is able to meet its commitments as lead partner within the Alliance',
  ], 'The council whose Regeneration Committee the report goes to; the report calls it "the Council".')),
  organisation(alliance, 'Inverclyde Alliance', 'partnership_body', cite('Appendix 1, Background', 'The revised Community Engagement Strategy was approved by Inverclyde Alliance in August 2008.')),
  organisation(network, 'Alliance Community Engagement Network', 'network', cite('2.1', 'The Implementation Plan (Appendix 1) was developed by the Alliance Community Engagement Network, which has representatives from across the Alliance.')),
  ...alliancePartners.map(([id, name, kind]) => organisation(id, name, kind, cite('4.2', [championsFromPartners, name]))),
  // 4.2: the Council's services and the Alliance partners have "Champions" in the Network.
  member(network, council, cite('4.2', [
    '“Champions” from the following services are represented in the Community Engagement Network:',
    'Economic and Social Regeneration', 'Social Work Services', 'Improvement and Performance', 'Lifelong Learning and Education Support',
  ]), 'Champions from Economic and Social Regeneration, Social Work Services, Improvement and Performance, Lifelong Learning and Education Support'),
  ...alliancePartners.map(([id, name]) =>
    member(network, id, cite('4.2; Appendix 1', [championsFromPartners, name, 'The CE Network brings together representatives from all the partner agencies within the Alliance.'],
      'The list of partners\' champions follows the Network\'s services\' champions; that they too sit on the Network rests on the Network bringing together "representatives from all the partner agencies".'), 'Champion')),
  area('inverclyde', 'Inverclyde', 'authority', cite('Appendix 1, What is the need we want to address?', 'Need to improve community engagement in Inverclyde')),

  // August 2008: two approvals of the revised strategy, and what each asked for.
  decision(council, {
    decisionId: 'inverclyde-rc-2008-08',
    body: 'Regeneration Committee, Inverclyde Council',
    decidedOn: august2008,
    title: 'Revised Alliance Community Engagement Strategy',
    outcomeKind: 'approved',
    outcome: '4.1 In approving the revised Alliance Community Engagement Strategy in August 2008, the Regeneration Committee requested that a number of actions be taken forward.',
  }, cite('4.1', '4.1 In approving the revised Alliance Community Engagement Strategy in August 2008, the Regeneration Committee requested that a number of actions be taken forward.', inAugust2008)),
  decision(alliance, {
    decisionId: 'inverclyde-alliance-2008-08',
    body: 'Inverclyde Alliance Board',
    decidedOn: august2008,
    title: 'Revised Community Engagement Strategy',
    outcomeKind: 'approved',
    outcome: 'The revised Community Engagement Strategy was approved by Inverclyde Alliance in August 2008. The Alliance Board remitted the Community Engagement Network to develop an implementation plan.',
  }, cite('Appendix 1, Background', 'The revised Community Engagement Strategy was approved by Inverclyde Alliance in August 2008. The Alliance Board remitted the Community Engagement Network to develop an implementation plan.', inAugust2008)),

  adoptPlan(strategy, { title: 'Alliance Community Engagement Strategy (revised)', kind: 'strategy', adoptedBy: 'Inverclyde Alliance', partnerIds: [council] },
    cite('4.1; Appendix 1, Background', [
      'In approving the revised Alliance Community Engagement Strategy in August 2008',
      'The revised Community Engagement Strategy was approved by Inverclyde Alliance in August 2008.',
      'the Council is able to meet its commitments as lead partner within the Alliance',
    ], `${inAugust2008} The strategy itself is not in the seed: only its approval, and the actions asked for with it.`)),
  acceptPlanPartnership(council, strategy.planId, august2008, cite('4.1', 'In approving the revised Alliance Community Engagement Strategy in August 2008, the Regeneration Committee requested that a number of actions be taken forward.',
    inAugust2008)),
  action(strategy, 'inverclyde-2008-action-champions', '4.2', {
    what: 'Corporate Directors were to appoint Community Engagement Champions from each appropriate service area',
    who: 'Corporate Directors',
  }, { leadOrganisationIds: [council], carriesOut: requested }),
  acceptLead(council, 'inverclyde-2008-action-champions', reportedOn, cite('4.2', '“Champions” from the following services are represented in the Community Engagement Network:',
    'Champions from four of the Council\'s services sit on the Network: the Council has taken the action on.')),
  progress(strategy, 'inverclyde-2008-action-champions', reportedOn, '4.2', [
    '“Champions” from the following services are represented in the Community Engagement Network:',
    'Economic and Social Regeneration', 'Social Work Services', 'Improvement and Performance', 'Lifelong Learning and Education Support',
  ], 'Noted as of the report of 3 September 2009.'),
  status(strategy, 'inverclyde-2008-action-champions', 'in_progress', reportedOn, cite('4.2; 3.2', [
    '“Champions” from the following services are represented in the Community Engagement Network:',
    '3.2 That the Committee remits the Corporate Directors to appoint Community Engagement Champions from within each service area.',
  ], 'In progress: champions from four services sit on the Network, and the report asks again for champions from each service area.')),
  ...asked('action-plan', 'To provide leadership and co-ordination in the development of an action plan to implement the strategy',
    'The Implementation Plan has been developed', 'completed', 'Completed: the plan "has been developed".'),
  ...asked('coordinate-activity', 'To co-ordinate community engagement activity across the Council',
    'The Community Engagement Network provides a vehicle for the co-ordination of community engagement activity', 'in_progress', 'In progress: the Network is the vehicle for it, continuing.'),
  ...asked('champions-network', 'To develop and support a network of Community Engagement champions',
    'Support is provided to the Community Engagement Network by Economic and Social Regeneration and the Community Health Partnership', 'in_progress', 'In progress: support "is provided", continuing.'),
  ...asked('resources', 'To analyse the resources required to ensure that the Council is able to meet its commitments as lead partner within the Alliance',
    'The Community Development Sub-Group is undertaking research to ascertain the resource requirements for effective community engagement.', 'in_progress', 'In progress: the research "is undertaking".'),

  // The implementation plan (Appendix 1), as the Network recorded it in VOiCE.
  draftPlan(plan, {
    title: 'Alliance Community Engagement Strategy - Implementation plan',
    kind: 'implementation_plan',
    partnerIds: [council, ...alliancePartners.map(([id]) => id)],
  }, cite('Appendix 1; 2.1; 4.2', [
    '28-May-09',
    'Alliance Community Engagement Strategy - Implementation plan',
    'The Implementation Plan (Appendix 1) was developed by the Alliance Community Engagement Network, which has representatives from across the Alliance.',
    '“Champions” from the following services are represented in the Community Engagement Network:',
    championsFromPartners,
  ], 'Recorded on the date of its VOiCE record. Its partners are the Council, whose services\' champions sit on the Network, and the Alliance partners whose champions the report lists.')),
  // The Network's members developed the plan together (2.1): each takes its part.
  ...[council, ...alliancePartners.map(([id]) => id)].map((partner) =>
    acceptPlanPartnership(partner, plan.planId, plan.on, cite('2.1; Appendix 1', [
      'The Implementation Plan (Appendix 1) was developed by the Alliance Community Engagement Network, which has representatives from across the Alliance.',
      'All partners within the CE network are motivated to develop an implementation plan.',
    ]))),
  proposePlan(plan, reportedOn, 'Regeneration Committee, Inverclyde Council (prior to submission to the Alliance Board)', cite('1.1', purpose)),
  resource(plan, 'inverclyde-partners-contribution', 'Appendix 1, Plan: resources',
    'Partners within Community Engagement Network (CEN) will commit to active participation in the Network. Partners will contribute up to £1000 in terms of staff resources, contribution to event costs, etc for engagement events.',
    { amountPence: 100_000, basis: 'up to £1000' }),
  resource(plan, 'inverclyde-voice-web-host', 'Appendix 1, Plan: resources', 'CLD will provide temporary web host for VOiCE data base within the CLD Inverclyde.'),
  risk(plan, 'inverclyde-risk-agencies', 'Appendix 1, Analyse: resistance',
    ['However, there may be resistance from individual agencies / services in relation to implementation'],
    'In promoting the strategy and the use of VOiCE, it is likely that resistance will be addressed.'),
  risk(plan, 'inverclyde-risk-community-structures', 'Appendix 1, Analyse: resistance',
    ['Some community structures may resist implementation', 'Reluctance to share power'],
    'Support and encourage groups to properly plan and evaluate their engagement including involving wider communities and being accountable to them.'),
  ...outcome('1', 'Effective community engagement will underpin community planning', [
    ['1.1', 'Use of VOiCE planning and evaluation tool within community planning processes'],
    ['1.2', 'Evidence of impact / influence on decisions'],
    ['1.3', 'Evidence of impact on community planning outcomes'],
  ]),
  ...outcome('2', 'Public services will be able to demonstrate and evidence the impact of community engagement on their service planning and delivery', [
    ['2.1', 'Use of VOiCE within service planning across all partner agencies'],
    ['2.2', 'Evidence of impact / influence on service plans'],
  ]),
  ...outcome('3', 'Community engagement is effectively planned, co-ordinated and evaluated at all levels', [
    ['3.1', 'Use of VOiCE at all levels of engagement'],
    ['3.2', 'Number of co-ordinated engagement processes / events'],
  ]),

  // The plan's four methods, each with its "action, responsibility and timing" as written.
  action(plan, 'inverclyde-action-promotion', 'Appendix 1, Method: Promotion', {
    what: 'CEN members will promote the strategy and the use of VOiCE within their own agency',
    who: 'CEN members',
    when: 'Over the forthcoming year',
    how: 'Promotion',
  }, { leadOrganisationIds: [network] }),
  action(plan, 'inverclyde-action-advice-and-support', 'Appendix 1, Method: Advice and support', {
    what: 'Provide advice and support to Single Outcome Agreement Delivery Groups and Leads',
    who: 'Char of CEN',
    when: 'from 18th May onwards',
    how: 'Advice and support',
  }, { leadOrganisationIds: [network], reading: '"Char of CEN" as printed (the Chair, presumably). "18th May" has no year and is a start, not a target: no target date.' }),
  action(plan, 'inverclyde-action-awareness-raising', 'Appendix 1, Method: Awareness raising', {
    what: 'Facilitate the increased awareness of the CE strategy across all agencies, partnership groups, voluntary sector and community groups.',
    who: 'Responsibility - all members of CEN',
    how: 'Awareness raising',
  }, { leadOrganisationIds: [network] }),
  action(plan, 'inverclyde-action-evaluation', 'Appendix 1, Method: Evaluation', {
    what: 'Review impact of actions',
    when: 'by May 2010',
    how: 'Evaluation',
  }, { noLead: 'Not stated in the plan' }),

  // 6.1: the Network's agencies were consulted on the plan. Not linked to the report's recommendation: the
  // report says they were consulted, not how what they said was taken into account.
  ...activity(council, {
    activityId: 'inverclyde-cen-consultation', title: 'Consultation of the Community Engagement Network’s agencies on the Community Engagement Action Plan',
    description: '6.1 All agencies within the Community Engagement Network have been consulted regarding the Community Engagement Action Plan.',
    category: 'consultation', method: 'other', topics: ['community engagement strategy'], areaIds: ['inverclyde'],
    opens: '2009-05-28', closes: '2009-09-03', held: true,
  }, cite('6.0 Consultation', '6.1 All agencies within the Community Engagement Network have been consulted regarding the Community Engagement Action Plan.',
    'The report does not date the consultation, nor say who consulted: it is its own consultation section, so recorded as the Council\'s, with a window from the plan\'s VOiCE record (28 May 2009) to the report (3 September 2009) that the document does not state. No headcount.')),

  // The report puts its recommendations to the Committee; the seed holds no minute of what the Committee did.
  decision(council, {
    decisionId: 'inverclyde-rc-2009-09-03',
    body: 'Regeneration Committee, Inverclyde Council',
    decidedOn: reportedOn,
    reference: 'RC/09/09/01/SJ/WW',
    title: 'Inverclyde Community Engagement Strategy – Implementation plan',
    outcomeKind: 'recommended',
    outcome: joined(recommended),
  }, cite('Header; 1.0 Purpose; 3.0 Recommendations', ['Date: 3rd September 2009', 'Report No: RC/09/09/01/SJ/WW', ...recommended])),
];
