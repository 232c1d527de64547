// Inverclyde (seed 000): the Alliance Community Engagement Strategy implementation plan, written
// with the VOiCE planning tool, and the Regeneration Committee report RC/09/09/01 of 3 September 2009
// seeking its approval. The VOiCE self-evaluation in the seed is blank (all scores 0), so none is recorded.

import { leadOrganisationIds } from '../import/leads.js';
import { action, adoptPlan, area, decision, indicator, objective, organisation, type PlanKeeper } from './builders.js';
import type { DemoStep } from './step.js';

const council = 'inverclyde-council';
const alliance = 'inverclyde-alliance';
/** "Champions from Alliance partners include" (4.2). */
const alliancePartners: [id: string, name: string, kind: Parameters<typeof organisation>[2]][] = [
  ['cvs-inverclyde', 'CVS Inverclyde', 'voluntary_sector'],
  ['inverclyde-community-care-forum', 'Inverclyde Community Care Forum (Your Voice)', 'voluntary_sector'],
  ['inverclyde-chp', 'Community Health Partnership', 'health'],
  ['strathclyde-fire-rescue', 'Strathclyde Fire and Rescue', 'fire_and_rescue'],
  ['strathclyde-police', 'Strathclyde Police', 'police'],
  ['skills-development-scotland', 'Skills Development Scotland', 'other'],
];

/** Approved by the Regeneration Committee "prior to submission to the Alliance Board"; the plan is the Alliance's. */
const plan: PlanKeeper = { as: alliance, planId: 'inverclyde-ce-implementation-plan', adoptedOn: '2009-09-03' };
const leads = { 'Economic and Social Regeneration': council };

/** One of the plan's three outcomes, with its VOiCE outcome indicators. */
const outcome = (code: string, title: string, indicators: [code: string, text: string][]): DemoStep[] => {
  const objectiveId = `inverclyde-outcome-${code}`;
  return [
    objective(plan, objectiveId, code, title),
    ...indicators.map(([indicatorCode, text]) => indicator(plan, objectiveId, `inverclyde-indicator-${indicatorCode.replace('.', '-')}`, indicatorCode, text)),
  ];
};

/** A method of the plan with its "action, responsibility and timing". None has a recorded progress note: the "Do" section is blank. */
const method = (slug: string, how: string, what: string, who: string, when?: string): DemoStep[] =>
  action(plan, `inverclyde-action-${slug}`, { what, who, how, ...(when ? { when } : {}) }, { leadOrganisationIds: leadOrganisationIds(who, leads) });

export const inverclyde2009: DemoStep[] = [
  organisation(council, 'Inverclyde Council', 'council_service'),
  organisation(alliance, 'Inverclyde Alliance', 'partnership_body'),
  ...alliancePartners.map(([id, name, kind]) => organisation(id, name, kind)),
  area('inverclyde', 'Inverclyde', 'authority'),

  adoptPlan(plan, {
    title: 'Alliance Community Engagement Strategy - Implementation plan',
    kind: 'implementation_plan',
    adoptedBy: 'Regeneration Committee, Inverclyde Council (prior to submission to the Alliance Board)',
    // "Following the plan's review date of May 2010": the end of that month.
    period: { from: '2009-09-03', to: '2010-05-31' },
    partnerIds: [council, ...alliancePartners.map(([id]) => id)],
  }),
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

  ...method('promotion', 'Promotion', 'Promote the strategy and the use of VOiCE within their own agency', 'CEN members', 'Over the forthcoming year'),
  // The seed says "Char of CEN"; read as the Chair. "18th May" has no year, so no target date.
  ...method('advice-and-support', 'Advice and support', 'Provide advice and support to Single Outcome Agreement Delivery Groups and Leads', 'Chair of CEN', 'From 18th May onwards'),
  ...method('awareness-raising', 'Awareness raising',
    'Facilitate the increased awareness of the CE strategy across all agencies, partnership groups, voluntary sector and community groups', 'All members of CEN'),
  // The plan gives no responsibility for the review; recommendation 3.3 gives the progress report to the Head of Economic and Social Regeneration.
  ...method('evaluation', 'Evaluation', 'Review impact of actions', 'Head of Economic and Social Regeneration (progress report, recommendation 3.3)', 'By May 2010'),

  // The seed is the report with its recommendations; the decision records them as approved, as the brief for the demo has it.
  decision(council, {
    decisionId: 'inverclyde-rc-2009-09-03',
    body: 'Regeneration Committee, Inverclyde Council',
    decidedOn: '2009-09-03',
    reference: 'RC/09/09/01',
    title: 'Inverclyde Community Engagement Strategy – Implementation plan',
    // The report seeks approval: a recommendation put to the Committee (issue 14); its minute is not in the seed.
    outcomeKind: 'recommended',
    outcome: 'The Committee approves the Community Engagement Strategy Implementation Plan, prior to submission to the Alliance Board; remits the Corporate Directors to appoint Community Engagement Champions from within each service area; and asks the Head of Economic and Social Regeneration for a progress report following the plan’s review date of May 2010.',
  }),
];
