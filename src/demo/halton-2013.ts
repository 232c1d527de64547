// Halton (seed 004): the report to the Safer Policy and Performance Board of 12 March 2013 on the
// Halton Strategic Partnership's Community Engagement Strategy: the strategy's approval (June 2011),
// its action plan as Appendix A gives it ("Updated November 2012"), the Operational Group's decision
// on the health check, the 2013 health-check round (Appendix B), and the report's own recommendations.
//
// Each action is recorded cell by cell as printed; its progress note is dated on the update (November
// 2012), not on the report that presents it. A status is recorded only where the note states one
// ("Completed", "On going", work done or under way); where it does not, none is recorded. An action
// the plan greys out would be withdrawn, but the shading is not in the text, so none is.

import { acceptLead, acceptPlanPartnership, action, adoptPlan, area, decision, joined, objective, organisation, parts, progress, replaced, resource, risk, status, step, type ActionWords, type PlanKeeper, type Words } from './builders.js';
import { citing } from './documents.js';
import type { DemoStep } from './step.js';

const cite = citing('halton-2013');

const partnership = 'halton-strategic-partnership';
const hbc = 'halton-borough-council';
const yot = 'halton-yot';
const hht = 'halton-housing-trust';
const hstvca = 'halton-st-helens-vca';
const operationalGroup = 'halton-ce-operational-group';
const practitionersForum = 'halton-community-practitioners-forum';
const engagementNetwork = 'halton-community-engagement-network';

/** "The Community Engagement Strategy was approved by the Halton Strategic Partnership Board in June 2011": the month only. */
const june2011 = '2011-06-30';
const inJune2011 = '"June 2011" gives no day: recorded on the last day of the month.';
/** "Appendix A: HSP Community Engagement Strategy Action Plan– Updated November 2012": the month only. */
export const haltonUpdatedOn = '2012-11-30';
const asUpdated = 'Appendix A is "Updated November 2012", which gives no day: recorded on the last day of that month. The report of 12 March 2013 presents it.';
const reportedOn = '2013-03-12';

const plan: PlanKeeper = { as: partnership, planId: 'halton-ce-strategy-2011', cite, on: june2011 };
/** The action plan was part of the strategy the Board approved (8.1): its actions carry out that decision. */
const approved = {
  decisionId: 'halton-hsp-board-2011-06',
  words: 'The action plan was equality impact assessed before the strategy was adopted by the Halton Strategic Partnership Board.',
};

/** What a note's words say of the action's status, where they say anything. */
type Said = { to: 'completed' | 'in_progress'; words: Words; reading?: string };

type Row = ActionWords & { slug: string; progress: Words; said?: Said };

/** One objective of Appendix A with its commitment, and every row of its table (What? Who? When? How? Measure, Progress). */
function haltonObjective(code: string, title: string, commitment: string, rows: Row[]): DemoStep[] {
  const objectiveId = `halton-objective-${code}`;
  const section = `Appendix A, Objective ${code}`;
  return [
    objective(plan, objectiveId, code, section, title, commitment),
    ...rows.flatMap(({ slug, progress: note, said, ...row }) => {
      const actionId = `halton-action-${slug}`;
      const who = row.who === undefined ? '' : joined(row.who);
      const leadOrganisationIds = [...(/\bHBC\b/.test(who) ? [hbc] : []), ...(/\bYOT\b/.test(who) ? [yot] : []), ...(/Community Practitioners Forum/.test(who) ? [practitionersForum] : [])];
      return [
        action(plan, actionId, section, row, {
          objectiveId, leadOrganisationIds, on: haltonUpdatedOn, carriesOut: approved,
          reading: 'Recorded as Appendix A stands, updated November 2012: "Some of the timescales have been amended to reflect current progress", and the report does not say which.',
        }),
        progress(plan, actionId, haltonUpdatedOn, `${section}, Progress`, note, asUpdated),
        ...(said ? [status(plan, actionId, said.to, haltonUpdatedOn, cite(`${section}, Progress`, parts(said.words), said.reading))] : []),
        // Where the note shows the work done or under way, the Council, which leads it, has taken it on. Other leads stay invited.
        ...(said && leadOrganisationIds.includes(hbc)
          ? [acceptLead(hbc, actionId, haltonUpdatedOn, cite(`${section}, Who?; Progress`, [...parts(row.who ?? []), ...parts(said.words)],
              'The Council leads it and the note shows the work done or under way: it has taken the lead on.'))]
          : []),
      ];
    }),
  ];
}

const onGoing: Said = { to: 'in_progress', words: 'On going' };
const completed: Said = { to: 'completed', words: 'Completed' };
const awarenessRaising = 'This is part of the awareness raising work for the strategy and action plan – touting across Partners.';
const viaHealthChecks = 'This will be monitored via annual health checks.';

export const halton2013: DemoStep[] = [
  organisation(partnership, 'Halton Strategic Partnership', 'partnership_body', cite('Appendix A', 'Appendix A: Halton Strategic Partnership Community Engagement Action Plan.')),
  organisation(hbc, 'Halton Borough Council', 'council_service', cite('Appendix A, Who?; 9.1', ['HBC Research and Intelligence', 'existing staff resources from the council and partners'],
    '"HBC", which the report does not spell out, read as Halton Borough Council, the council whose board the report goes to.')),
  organisation(yot, 'YOT', 'other', cite('Appendix A, Objective 1, Who?', 'HBC Community Development Team/HBC Corporate and Organisational Policy Team/YOT',
    'Named only as "YOT"; the report does not spell it out.')),
  organisation(hht, 'HHT', 'other', cite('Appendix A, Objective 1, Progress', 'HHT have a pool of mystery shoppers in place. They are willing to share these across the partnership',
    'Named only as "HHT", in a progress note; the report does not spell it out.')),
  organisation(hstvca, 'HSTVCA', 'other', cite('Appendix A, Objective 2, Progress', 'Need to liaise with HSTVCA to ensure a comprehensive list is available to',
    'Named only as "HSTVCA", in a progress note; the report does not spell it out.')),
  organisation(operationalGroup, 'Community Engagement Operational Group', 'network', cite('3.1', 'Since then a Community Engagement Operational Group has been set up to oversee the delivery of the action plan. This group consists of engagement managers and professionals from across the strategic partnership.')),
  // The network the plan set out to re-establish, and the forum its progress note says replaced it.
  organisation(engagementNetwork, 'Community Engagement Network', 'network', cite('Appendix A, Objective 3', ['Re-establish the Community Engagement Network', 'Community Engagement Network meeting regularly'])),
  organisation(practitionersForum, 'Community Practitioners Forum', 'network', cite('Appendix A, Objective 3, Progress', "the Community Practitioners Forum which includes anyone who works within Halton's communities.")),
  replaced(engagementNetwork, practitionersForum, cite('Appendix A, Objective 3, Progress', "This has been replaced by the Community Practitioners Forum which includes anyone who works within Halton's communities.",
    'Not dated: the note is in Appendix A, updated November 2012.')),
  area('halton', 'Halton', 'authority', cite('Appendix A, Objective 2', 'each and every citizen in Halton')),

  decision(partnership, {
    decisionId: 'halton-hsp-board-2011-06',
    body: 'Halton Strategic Partnership Board',
    decidedOn: june2011,
    title: 'Community Engagement Strategy',
    outcomeKind: 'approved',
    outcome: 'The Community Engagement Strategy was approved by the Halton Strategic Partnership Board in June 2011',
  }, cite('3.1; 8.1', [
    'The Community Engagement Strategy was approved by the Halton Strategic Partnership Board in June 2011',
    'The action plan was equality impact assessed before the strategy was adopted by the Halton Strategic Partnership Board.',
  ], inJune2011)),

  // The partners are the organisations the plan names as leads in its "Who?" column. HHT and HSTVCA appear
  // only in progress notes, and "All partners" names none.
  adoptPlan(plan, { title: 'HSP Community Engagement Strategy Action Plan', kind: 'action_plan', adoptedBy: 'Halton Strategic Partnership Board', partnerIds: [hbc, yot] },
    cite('3.1; Appendix A', [
      'The Community Engagement Strategy was approved by the Halton Strategic Partnership Board in June 2011',
      'Appendix A: HSP Community Engagement Strategy Action Plan',
      'HBC Community Development Team/HBC Corporate and Organisational Policy Team/YOT',
    ], inJune2011)),
  risk(plan, 'halton-risk-not-delivering', '7.1 Risk analysis',
    'There are few risks associated with delivering the strategy. The main risk lies in not delivering it successfully. This could lead to a worsening of the relationship between residents and member organisations of the strategic partnership and a lack of residential engagement in public service design and delivery.'),
  resource(plan, 'halton-existing-staff', '9.1 Financial implications',
    'There are no direct financial implications to delivering this work as it will be delivered using existing staff resources from the council and partners.'),

  // The Council's teams lead most actions and report their progress (Appendix A): it takes its part in the plan. YOT, named
  // as a lead once, shows no part in the report, so its invitation stays open.
  acceptPlanPartnership(hbc, plan.planId, haltonUpdatedOn, cite('Appendix A, Objective 1', ['HBC Research and Intelligence', 'Area profiles now done and on HBC website.'],
    'The Council\'s teams lead the plan\'s actions and its progress notes report their work (as updated in November 2012).')),

  ...haltonObjective('1', 'Citizen focused local decision making',
    'We are committed to ensuring community and individual input in to the local decision making process. We will ensure that all decisions taken are focused on the needs of individuals and the local community, and that those affected are given meaningful opportunities to help make those decisions.',
    [
      {
        slug: 'support-councillors', what: 'Support Councillors to play a leading role in community engagement',
        who: 'HBC Community Development Community Practitioners Forum Members’ Services', when: 'Continuous',
        how: 'Monthly Member briefing Member training Engagement with neighbourhood workers Links to Area Panels and funding streams',
        measure: 'Increased resident participation at local area forums.',
        progress: 'On going work across area forums, engaging them in the health agenda, and future work around the development of a register of community assets. Looking to develop community activity mapping exercise at an area forum level with Partners. Possibility to use this information to help form neighbourhood plans. SS to speak to Community Development Manager',
        said: { to: 'in_progress', words: 'On going work across area forums' },
      },
      {
        slug: 'area-profiles', what: 'Continue to produce area profiles and share this information across the partnership.',
        who: 'HBC Research and Intelligence', when: 'Continuous', how: 'Available across the partnership electronically',
        measure: 'Regular area profiles published and available to partners',
        progress: 'Area profiles now done and on HBC website. Need to notify Partners and share across partnership.',
        said: { to: 'in_progress', words: 'Area profiles now done and on HBC website. Need to notify Partners and share across partnership.', reading: 'In progress: the profiles are done, their sharing is not.' },
      },
      {
        slug: 'mystery-shopper-guidelines', what: 'Develop a set of guidelines for the usage of mystery shoppers/youth inspectors for partnership services',
        who: 'HBC Community Development Team/HBC Corporate and Organisational Policy Team/YOT', when: 'April 2013',
        how: 'Incorporated into revised Community Engagement toolkit', measure: 'New toolkit published and in use',
        // The note's first paragraph breaks off ("Work ongoing with various"); the second follows it in the cell.
        progress: [
          'Toolkit updated and revised. Needs to be shared across Partnership and put on new website. Work ongoing with various',
          'HHT have a pool of mystery shoppers in place. They are willing to share these across the partnership and discussions have begun to consider shared training and recruitment of mystery shoppers.',
        ],
        said: { to: 'in_progress', words: 'Toolkit updated and revised. Needs to be shared across Partnership' },
      },
      {
        slug: 'awareness-of-mechanisms', what: 'Increase awareness of existing engagement mechanisms across the partnerships',
        who: ['HBC Community Development Team/HBC', 'Corporate and Organisational Policy Team'], when: 'April 2012',
        how: ['Incorporated into revised toolkit Consultation finder', 'or similar database rolled out across partnership'],
        measure: 'New toolkit published and in use',
        progress: [
          "It's been agreed that the Strategy and Action Plan need to be touted across the",
          "Partnership's various groups and networks, as part of an awareness raising process. This item will be picked up as part of that process.",
        ],
      },
    ]),

  ...haltonObjective('2', 'Accessible and inclusive engagement',
    'We are committed to ensuring that each and every citizen in Halton has equal opportunity to make their voice heard and influence decisions that affect them. We will ensure appropriate mechanisms are in place to ensure everybody’s access needs are identified and accounted for.',
    [
      {
        slug: 'monitor-participation', what: 'Monitor all participation in engagement activity by protected characteristics Identify groups who are unengaged',
        who: 'Community Engagement Strategy Steering Group/Community Engagement champions', when: 'Annually in April',
        how: 'Audit each agency to ensure they are monitoring – include as part of Community Engagement Health check',
        measure: 'All engagement events to show equality monitoring statistics', progress: viaHealthChecks,
      },
      {
        slug: 'report-against-demographics', what: 'Regularly report monitoring information against area demographics to analyse representation',
        who: 'Nominated officers within organisations/Community Engagement Strategy Steering Group', when: 'Annually in April',
        how: 'Community Engagement Health check', measure: 'Health check self-assessment', progress: viaHealthChecks,
      },
      {
        slug: 'community-groups-database', what: ['Create and maintain database of community and representative', 'groups in Halton'],
        who: ['Community Engagement Representatives/Community', 'Engagement Steering Group'], when: 'April 2013',
        how: ['Hosted on partnership website, updated by officers across the', 'partnership'], measure: 'Database set up and up to date',
        progress: ['Need to liaise with HSTVCA to ensure a comprehensive list is available to', 'all.'],
      },
      {
        slug: 'hard-to-reach-guidance', what: 'Provide evidence-based guidance on how to identify and reach hard-to-reach groups',
        who: 'HBC Community Development Team/Corporate and Organisational Policy', when: 'December 2011',
        how: 'To form part of the revised Community Engagement Toolkit',
        measure: 'Increased engagement with hard to reach groups – evidenced through Community Engagement Health check',
        progress: 'Completed', said: completed,
      },
      {
        slug: 'unengaged-groups-guidance', what: "Develop guidance to improve effective engagement with unengaged groups in partnership with residents' groups",
        who: 'HBC Community Development Team/HBC Corporate and Organisational Policy Team', when: 'April 2012',
        how: "To form part of the revised Community Engagement Toolkit Include resident's groups in the developments of these guidelines",
        measure: 'New toolkit published and in use',
        progress: 'Completed but still need to share with specific groups', said: { to: 'completed', words: 'Completed but still need to share with specific groups' },
      },
    ]),

  ...haltonObjective('3', 'Open, efficient and effective engagement',
    'We are committed to ensuring that all of our engagement activities make a tangible and positive impact on the community and represent best value for money at all times',
    [
      {
        slug: 'health-check', what: 'Produce a Community Engagement self-assessment "health check" and conduct on an annual basis to monitor success of the strategy',
        who: 'All partners/Corporate and Organisational Policy Team (HBC)', when: 'Annually in April',
        how: 'Health checks submitted to HBC Corporate & Organisational Policy Team/Performance & Improvement', measure: 'All partners submitting health check',
        progress: ['Options for the healthcheck have been reviewed by the operational group and a decision reached. The forms will be sent out in February 2013 for', 'completion and return in April 2013.'],
        said: { to: 'in_progress', words: 'Options for the healthcheck have been reviewed by the operational group and a decision reached.' },
      },
      {
        slug: 'promote-consultation-finder', what: 'Promote the use of the Consultation Finder across the partnership', who: 'HBC Research & Intelligence', when: 'December 2013',
        how: 'Market Consultation Finder through partnership newsletters', measure: 'Increased partnership use of the Consultation Finder', progress: awarenessRaising,
      },
      {
        slug: 'consultation-finder-training', what: 'Provide training to partnership officers on the use of the consultation finder', who: 'HBC Research & Intelligence', when: 'December 2012',
        how: 'Organised training with engagement officers across the partnership', measure: 'Increased partnership use of the Consultation Finder',
        progress: 'Completed', said: completed,
      },
      {
        slug: 'joint-consultations', what: 'Conduct joint consultations/engagement whenever possible', who: 'HBC Community Development/Corporate & Organisational Policy Team', when: 'On going',
        how: 'Joint planning and use of the consultation finder Guidelines to be incorporated into new toolkit', measure: 'Increased number of joined up consultations',
        progress: "Resident's survey 2012 was a joint consultation – this is to be used as an example to follow.",
        said: { to: 'in_progress', words: "Resident's survey 2012 was a joint consultation", reading: 'In progress: one joint consultation so far, to be followed.' },
      },
      {
        slug: 'ask-once-use-many-times', what: 'Promote the principles of “ask once use many times” with engagement practitioners across the partnership',
        who: 'Community Engagement Champions', when: 'April 2013', how: 'Marketing campaign',
        measure: 'Increased joined-up working and information sharing across the partnership', progress: awarenessRaising,
      },
      {
        slug: 'community-engagement-toolkit', what: ['Review and revise the current', 'Community Engagement Toolkit and promote its use across the partnership'],
        who: ['HBC Community Development', 'team/HBC Corporate & Organisational Policy Team'], when: 'April 2012',
        how: ['Item on toolkit included in', 'newsletters and on intranet Available on partnership website'], measure: ['New toolkit published and in', 'use'],
        progress: ['Toolkit revised, but this review is', 'an on-going process and will be included as part of the awareness raising work. Will be included on the partnership website once website is completed.'],
        said: { to: 'in_progress', words: ['Toolkit revised, but this review is', 'an on-going process'] },
      },
      {
        // "Replaced by" says what became of the Network, not of this action: the note still talks of training, and
        // the grey shading that marks a withdrawn action is not in the text. No status is recorded.
        slug: 'community-engagement-network', what: 'Re-establish the Community Engagement Network', who: 'HBC Community Development', when: 'April 2012',
        how: 'Contact all engagement officers across the partnership, organise quarterly meetings. Senior management to acknowledge nomination of champion',
        measure: 'Community Engagement Network meeting regularly',
        progress: "This has been replaced by the Community Practitioners Forum which includes anyone who works within Halton's communities. Need to discuss the issue of training. Item for December 2012 meeting?",
      },
      {
        slug: 'consultation-finder-to-area-forums', what: "Feed information from Consultation Finder into Area Forums and members' briefings", who: 'HBC Research & Intelligence', when: 'April 2013',
        how: 'Information sent to organisers', measure: 'Regular information included on Area Forums and member briefings',
        progress: 'This will be picked up by Neil McSweeney, Nikki Goodwin and Members Services.',
      },
    ]),

  ...haltonObjective('4', 'Innovative engagement',
    'We are committed to exploring new and creative ways of engaging with the communities we serve and maximising the potential of new technologies',
    [
      {
        slug: 'electronic-survey-standards', what: 'Develop agreed standards for conducting surveys via electronic means', who: 'HBC Research & Intelligence/Corporate & Organisational Policy Team',
        when: 'December 2012', how: 'Publishing standards', measure: 'Published standards', progress: 'On going', said: onGoing,
      },
      {
        slug: 'partnership-website', what: 'Develop the partnership website to allow interaction with users', who: 'HBC Marketing', when: 'December 2014',
        how: 'Partnership website to be brought “in-house” and developed', measure: 'Partnership website used interactively by partners and residents', progress: 'On going', said: onGoing,
      },
      {
        slug: 'social-media-strategy', what: 'Develop a social media strategy and protocol to promote and co-ordinate the use of social media across the partnership',
        who: 'HBC Corporate & Organisational Policy Team/HBC Marketing', when: 'December 2014',
        how: 'Social media strategy sub-group to be set up to coordinate the use of social media and develop the strategy', measure: 'Strategy published', progress: 'On going', said: onGoing,
      },
    ]),

  ...haltonObjective('5', 'Using and responding to customer initiated engagement',
    'We are committed to maximising the impact of all contact we have with residents, including those which are initiated by the individual',
    [
      {
        slug: 'comments-compliments-complaints', what: ['All organisations to', 'monitor and analyse comments, compliments and complaints.'], who: 'All partners', when: 'Annually',
        how: ['To be decided by', 'each partner'], measure: ['Number of', 'complaints reported to Community Engagement Strategy steering group on an annual basis Health check item'],
        progress: ['This will be', 'monitored via annual health checks.'],
      },
    ]),

  // 4.2 and the health-check row's note: the Operational Group decided how the health check is done. Its date is
  // not given; the note that reports it is in the update of November 2012.
  decision(operationalGroup, {
    decisionId: 'halton-operational-group-health-check',
    body: 'Community Engagement Operational Group',
    decidedOn: haltonUpdatedOn,
    title: 'Community Engagement Health Check: the approach',
    outcomeKind: 'approved',
    outcome: 'The Community Engagement Operational Group has agreed the approach to be taken, which is set out in Appendix B. Options for the healthcheck have been reviewed by the operational group and a decision reached.',
  }, cite('4.2; Appendix A, Objective 3, Progress', [
    'The Community Engagement Operational Group has agreed the approach to be taken, which is set out in Appendix B.',
    'Options for the healthcheck have been reviewed by the operational group and a decision reached.',
  ], 'The decision is not dated: the progress note reporting it is in Appendix A, updated November 2012, so it is recorded on the last day of that month.')),

  // Appendix B. "The final paperwork ... will be sent out by March 2013. The deadline for submitting completed
  // forms will be the end of April/early May 2013." The seed holds the blank form only: no submissions.
  step('admin', {
    type: 'OpenHealthCheckCycle',
    data: { cycleId: 'halton-2013', name: 'HSP Community Engagement Self Assessment Healthcheck 2013', opensOn: '2013-03-31', dueBy: '2013-04-30' },
  }, cite('4.2; 4.3; Appendix B', [
    'A Community Engagement Health Check is being carried out to evaluate how',
    'well we as a partnership engage with the community.',
    '4.3 The final paperwork for the community engagement health check will be sent out by March 2013. The deadline for submitting completed forms will be the end of April/early May 2013.',
    'Self Assessment Healthcheck',
  ], 'Opens on the last day of March ("by March 2013") and is due on the last day of April, the earlier of "the end of April/early May". The note in Appendix A (November 2012) had the forms going out in February 2013.'), reportedOn),

  // The report's recommendations to the Board; the seed holds no minute of the meeting.
  decision(hbc, {
    decisionId: 'halton-safer-ppb-2013-03-12',
    body: 'Safer Policy and Performance Board',
    decidedOn: reportedOn,
    title: 'Community Engagement Strategy – Action Plan Update',
    outcomeKind: 'recommended',
    outcome: 'Members of the Safer Policy and Performance Board:- note the content of the report; note the contents of the updated action plan; and note the format and timescales of the community engagement health check.',
  }, cite('Header; 2.0 Recommendations', [
    'REPORT TO: Safer Policy and Performance Board DATE: 12 March 2013',
    'SUBJECT: Community Engagement Strategy – Action Plan Update',
    'Members of the Safer Policy and Performance Board:-',
    'note the content of the report;',
    'note the contents of the updated action plan; and',
    'note the format and timescales of the community engagement health check.',
  ])),
];
