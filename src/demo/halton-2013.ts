// Halton Strategic Partnership (seed 004): the Community Engagement Strategy action plan
// (Appendix A, "Updated November 2012") as reported to the Safer Policy and Performance
// Board on 12 March 2013, and the 2013 Community Engagement Health Check (Appendix B).

import type { ActionRow } from '../import/action-row.js';
import { leadOrganisationIds } from '../import/leads.js';
import { action, adoptPlan, area, objective, organisation, step, type PlanKeeper } from './builders.js';
import type { DemoStep } from './step.js';

const partnership = 'halton-strategic-partnership';
const hbc = 'halton-borough-council';
const hht = 'halton-housing-trust';
const yot = 'halton-yot';
const hstvca = 'halton-st-helens-vca';

/** The abbreviations the plan's "Who?" column uses. HHT and HSTVCA appear only in progress notes; their expansions are ours. */
const leads = { HBC: hbc, 'Halton Borough Council': hbc, YOT: yot, HHT: hht, HSTVCA: hstvca };

/**
 * "The Community Engagement Strategy was approved by the Halton Strategic Partnership Board in June 2011":
 * the month only, so its last day. The Community Engagement Operational Group keeps the plan for the partnership.
 */
const plan: PlanKeeper = { as: partnership, planId: 'halton-ce-strategy-2011', adoptedOn: '2011-06-30' };
/** The report to the Safer PPB: every progress note is dated on it. */
export const haltonReportedOn = '2013-03-12';

type Row = [slug: string, what: string, who: string, when: string, how: string, measure: string, progress: string];

/** One objective of Appendix A with its commitment and every row of its table (What? Who? When? How? Measure, Progress). */
function haltonObjective(code: string, title: string, commitment: string, rows: Row[]): DemoStep[] {
  const objectiveId = `halton-objective-${code}`;
  return [
    objective(plan, objectiveId, code, title, commitment),
    ...rows.flatMap(([slug, what, who, when, how, measure, progress]) => {
      const row: ActionRow = { what, who, when, how, measure, progress };
      return action(plan, `halton-action-${slug}`, row, { objectiveId, leadOrganisationIds: leadOrganisationIds(who, leads), reportedOn: haltonReportedOn });
    }),
  ];
}

const awarenessRaising = 'This is part of the awareness raising work for the strategy and action plan – touting across Partners.';
const viaHealthChecks = 'This will be monitored via annual health checks.';

export const halton2013: DemoStep[] = [
  organisation(partnership, 'Halton Strategic Partnership', 'partnership_body'),
  organisation(hbc, 'Halton Borough Council', 'council_service'),
  organisation(hht, 'Halton Housing Trust', 'housing'),
  organisation(yot, 'Halton Youth Offending Team', 'other'),
  organisation(hstvca, 'Halton & St Helens Voluntary and Community Action', 'voluntary_sector'),
  area('halton', 'Halton', 'authority'),

  adoptPlan(plan, {
    title: 'HSP Community Engagement Strategy Action Plan',
    kind: 'action_plan',
    adoptedBy: 'Halton Strategic Partnership Board',
    // "Overall completion by 2015 remains on course."
    period: { from: '2011-06-30', to: '2015-12-31' },
    partnerIds: [hbc, hht, yot, hstvca],
  }),

  ...haltonObjective('1', 'Citizen focused local decision making',
    'We are committed to ensuring community and individual input in to the local decision making process. We will ensure that all decisions taken are focused on the needs of individuals and the local community, and that those affected are given meaningful opportunities to help make those decisions.',
    [
      ['support-councillors', 'Support Councillors to play a leading role in community engagement',
        "HBC Community Development; Community Practitioners Forum; Members' Services", 'Continuous',
        'Monthly Member briefing; Member training; engagement with neighbourhood workers; links to Area Panels and funding streams',
        'Increased resident participation at local area forums.',
        'On going work across area forums, engaging them in the health agenda, and future work around the development of a register of community assets. Looking to develop community activity mapping exercise at an area forum level with Partners. Possibility to use this information to help form neighbourhood plans. SS to speak to Community Development Manager.'],
      ['area-profiles', 'Continue to produce area profiles and share this information across the partnership.',
        'HBC Research and Intelligence', 'Continuous', 'Available across the partnership electronically',
        'Regular area profiles published and available to partners',
        'Area profiles now done and on HBC website. Need to notify Partners and share across partnership.'],
      ['mystery-shopper-guidelines', 'Develop a set of guidelines for the usage of mystery shoppers/youth inspectors for partnership services',
        'HBC Community Development Team/HBC Corporate and Organisational Policy Team/YOT', 'April 2013',
        'Incorporated into revised Community Engagement toolkit', 'New toolkit published and in use',
        // The document's note breaks off after "Work ongoing with various"; the rest is its second paragraph.
        'Toolkit updated and revised. Needs to be shared across Partnership and put on new website. Work ongoing with various … HHT have a pool of mystery shoppers in place. They are willing to share these across the partnership and discussions have begun to consider shared training and recruitment of mystery shoppers.'],
      ['awareness-of-mechanisms', 'Increase awareness of existing engagement mechanisms across the partnerships',
        'HBC Community Development Team/HBC Corporate and Organisational Policy Team', 'April 2012',
        'Incorporated into revised toolkit; Consultation finder or similar database rolled out across partnership', 'New toolkit published and in use',
        "It's been agreed that the Strategy and Action Plan need to be touted across the Partnership's various groups and networks, as part of an awareness raising process. This item will be picked up as part of that process."],
    ]),

  ...haltonObjective('2', 'Accessible and inclusive engagement',
    'We are committed to ensuring that each and every citizen in Halton has equal opportunity to make their voice heard and influence decisions that affect them. We will ensure appropriate mechanisms are in place to ensure everybody’s access needs are identified and accounted for.',
    [
      ['monitor-participation', 'Monitor all participation in engagement activity by protected characteristics. Identify groups who are unengaged',
        'Community Engagement Strategy Steering Group/Community Engagement champions', 'Annually in April',
        'Audit each agency to ensure they are monitoring – include as part of Community Engagement Health check',
        'All engagement events to show equality monitoring statistics', viaHealthChecks],
      ['report-against-demographics', 'Regularly report monitoring information against area demographics to analyse representation',
        'Nominated officers within organisations/Community Engagement Strategy Steering Group', 'Annually in April',
        'Community Engagement Health check', 'Health check self-assessment', viaHealthChecks],
      ['community-groups-database', 'Create and maintain database of community and representative groups in Halton',
        'Community Engagement Representatives/Community Engagement Steering Group', 'April 2013',
        'Hosted on partnership website, updated by officers across the partnership', 'Database set up and up to date',
        'Need to liaise with HSTVCA to ensure a comprehensive list is available to all.'],
      ['hard-to-reach-guidance', 'Provide evidence-based guidance on how to identify and reach hard-to-reach groups',
        'HBC Community Development Team/Corporate and Organisational Policy', 'December 2011',
        'To form part of the revised Community Engagement Toolkit',
        'Increased engagement with hard to reach groups – evidenced through Community Engagement Health check', 'Completed'],
      ['unengaged-groups-guidance', "Develop guidance to improve effective engagement with unengaged groups in partnership with residents' groups",
        'HBC Community Development Team/HBC Corporate and Organisational Policy Team', 'April 2012',
        "To form part of the revised Community Engagement Toolkit. Include resident's groups in the developments of these guidelines",
        'New toolkit published and in use', 'Completed but still need to share with specific groups'],
    ]),

  ...haltonObjective('3', 'Open, efficient and effective engagement',
    'We are committed to ensuring that all of our engagement activities make a tangible and positive impact on the community and represent best value for money at all times.',
    [
      ['health-check', 'Produce a Community Engagement self-assessment "health check" and conduct on an annual basis to monitor success of the strategy',
        'All partners/Corporate and Organisational Policy Team (HBC)', 'Annually in April',
        'Health checks submitted to HBC Corporate & Organisational Policy Team/Performance & Improvement', 'All partners submitting health check',
        'Options for the healthcheck have been reviewed by the operational group and a decision reached. The forms will be sent out in February 2013 for completion and return in April 2013.'],
      ['promote-consultation-finder', 'Promote the use of the Consultation Finder across the partnership', 'HBC Research & Intelligence', 'December 2013',
        'Market Consultation Finder through partnership newsletters', 'Increased partnership use of the Consultation Finder', awarenessRaising],
      ['consultation-finder-training', 'Provide training to partnership officers on the use of the consultation finder', 'HBC Research & Intelligence', 'December 2012',
        'Organised training with engagement officers across the partnership', 'Increased partnership use of the Consultation Finder', 'Completed'],
      ['joint-consultations', 'Conduct joint consultations/engagement whenever possible', 'HBC Community Development/Corporate & Organisational Policy Team', 'On going',
        'Joint planning and use of the consultation finder. Guidelines to be incorporated into new toolkit', 'Increased number of joined up consultations',
        "Resident's survey 2012 was a joint consultation – this is to be used as an example to follow."],
      ['ask-once-use-many-times', 'Promote the principles of “ask once use many times” with engagement practitioners across the partnership',
        'Community Engagement Champions', 'April 2013', 'Marketing campaign',
        'Increased joined-up working and information sharing across the partnership', awarenessRaising],
      ['community-engagement-toolkit', 'Review and revise the current Community Engagement Toolkit and promote its use across the partnership',
        'HBC Community Development team/HBC Corporate & Organisational Policy Team', 'April 2012',
        'Item on toolkit included in newsletters and on intranet. Available on partnership website', 'New toolkit published and in use',
        'Toolkit revised, but this review is an on-going process and will be included as part of the awareness raising work. Will be included on the partnership website once website is completed.'],
      ['community-engagement-network', 'Re-establish the Community Engagement Network', 'HBC Community Development', 'April 2012',
        'Contact all engagement officers across the partnership, organise quarterly meetings. Senior management to acknowledge nomination of champion',
        'Community Engagement Network meeting regularly',
        "This has been replaced by the Community Practitioners Forum which includes anyone who works within Halton's communities. Need to discuss the issue of training. Item for December 2012 meeting?"],
      ['consultation-finder-to-area-forums', "Feed information from Consultation Finder into Area Forums and members' briefings", 'HBC Research & Intelligence', 'April 2013',
        'Information sent to organisers', 'Regular information included on Area Forums and member briefings',
        'This will be picked up by Neil McSweeney, Nikki Goodwin and Members Services.'],
    ]),

  ...haltonObjective('4', 'Innovative engagement',
    'We are committed to exploring new and creative ways of engaging with the communities we serve and maximising the potential of new technologies.',
    [
      ['electronic-survey-standards', 'Develop agreed standards for conducting surveys via electronic means',
        'HBC Research & Intelligence/Corporate & Organisational Policy Team', 'December 2012', 'Publishing standards', 'Published standards', 'On going'],
      ['partnership-website', 'Develop the partnership website to allow interaction with users', 'HBC Marketing', 'December 2014',
        'Partnership website to be brought “in-house” and developed', 'Partnership website used interactively by partners and residents', 'On going'],
      ['social-media-strategy', 'Develop a social media strategy and protocol to promote and co-ordinate the use of social media across the partnership',
        'HBC Corporate & Organisational Policy Team/HBC Marketing', 'December 2014',
        'Social media strategy sub-group to be set up to coordinate the use of social media and develop the strategy', 'Strategy published', 'On going'],
    ]),

  ...haltonObjective('5', 'Using and responding to customer initiated engagement',
    'We are committed to maximising the impact of all contact we have with residents, including those which are initiated by the individual.',
    [
      ['comments-compliments-complaints', 'All organisations to monitor and analyse comments, compliments and complaints.', 'All partners', 'Annually',
        'To be decided by each partner',
        'Number of complaints reported to Community Engagement Strategy steering group on an annual basis. Health check item', viaHealthChecks],
    ]),

  // Appendix B. "The final paperwork ... will be sent out by March 2013. The deadline for submitting completed
  // forms will be the end of April/early May 2013": opens on the last day of March, due at the end of April.
  // The seed holds the blank template only, so the cycle stays open with no submissions.
  step('admin', {
    type: 'OpenHealthCheckCycle',
    data: { cycleId: 'halton-2013', name: 'HSP Community Engagement Self Assessment Healthcheck 2013', opensOn: '2013-03-31', dueBy: '2013-04-30' },
  }, haltonReportedOn),
];
