// Highland Community Planning Partnership (seed 002): the Community Planning Improvement Programme's
// final report (COG 09/16, dated 30 March 2016) to the Chief Officers' Group of 21 April 2016; the
// engagement behind it (the CPP Board's awareness session, the survey, the third sector focus group
// and two planning sessions); and the improvement plan, "drafted for consideration and adoption by
// the Highland CPP", which the report asks the COG only to discuss and comment on.
//
// The report is the programme's, and the programme's aim was that "HTSI will have in place an
// improvement plan": the engagement and the plan are recorded as the Highland Third Sector
// Interface's, the sessions with the Improvement Service that facilitated them. No activity gives a
// headcount ("over 30" is a floor, not a number), so each is closed with none.

import { acceptJointPartnership, action, activity, area, community, decision, draftPlan, finding, influence, joined, milestone, objective, organisation, proposePlan, step, type ActionWords, type PlanKeeper, type Words } from './builders.js';
import { citing } from './documents.js';
import type { DemoStep } from './step.js';

const cite = citing('highland-2016');

const tsi = 'highland-tsi';
const cpp = 'highland-cpp';
const improvementService = 'improvement-service';
const cog = 'highland-cog-2016-04-21';

/** The report's date: the plan as drafted. */
const plan: PlanKeeper = { as: tsi, planId: 'highland-cpip-2016', cite, on: '2016-03-30' };

const theProcess = 'The process included an online survey, third sector focus group and two cross partnership planning meetings. The following six improvements have been highlighted:';
const sessions = '1.4 CP Partners were then invited to two IS facilitated sessions on the 26th of January 2016 to agree and prioritise areas for improvement and on the 18th February 2016 where the identified priorities were broken down into suggested actions.';
const programmeReading = 'The report does not say who ran it; recorded as the Highland Third Sector Interface\'s, whose improvement programme this was.';

interface Improvement {
  title: string;
  /** The improvement's "Implications (risk, cost & resource)" and "Outcomes" cells, which span its rows. */
  implications: Words;
  outcome: string;
  actions: (ActionWords & { slug: string; leads?: string[]; targetDate?: { date: string; reading: string } })[];
}

/** An improvement as an objective, its implications and outcome in its description, and each of its rows as an action. */
function improvement(n: number, { title, implications, outcome, actions }: Improvement): DemoStep[] {
  const objectiveId = `highland-improvement-${n}`;
  const section = `Improvement plan, ${n}`;
  return [
    objective(plan, objectiveId, `Improvement ${n}`, section, title, ['Implications (risk, cost & resource)', ...(typeof implications === 'string' ? [implications] : implications), 'Outcomes', outcome]),
    ...actions.map(({ slug, leads = [], targetDate, ...row }) =>
      action(plan, `highland-action-${n}-${slug}`, section, row, { objectiveId, leadOrganisationIds: leads, ...(targetDate ? { targetDate } : {}), noLead: 'Not stated in this row' })),
  ];
}

export const highland2016: DemoStep[] = [
  organisation(tsi, 'Highland Third Sector Interface', 'third_sector_interface', cite('1.1; Improvement plan, 1', [
    'HTSI will have in place an improvement plan that bridges across community planning partners locally',
    'Highland Third Sector Interface',
  ], 'The report\'s "HTSI" and "TSI" are read as the Highland Third Sector Interface.')),
  organisation(cpp, 'Highland Community Planning Partnership', 'partnership_body', cite('Header', 'Highland Community Planning Partnership')),
  organisation(improvementService, 'Improvement Service', 'other', cite('1.2', 'An awareness session with the CPP Board was provided by the Improvement Service')),
  area('highland', 'Highland', 'authority', cite('1.1', 'better outcomes for local communities across Highland')),
  community('third-sector-organisations', 'Third Sector organisations', cite('1.3; Improvement plan, 4', [
    'a focus group with over 30 third sector representatives',
    'The TSI is to offer training for Third Sector organisations',
  ])),

  ...activity(improvementService, {
    activityId: 'highland-cpp-board-awareness-session', title: 'Awareness session with the CPP Board',
    description: '1.2 An awareness session with the CPP Board was provided by the Improvement Service, at the CPP Board on the 2nd Of December 2015.',
    category: 'information_giving', method: 'other', topics: ['community planning', 'third sector'], areaIds: ['highland'],
    opens: '2015-12-02', held: true,
  }, cite('1.2', '1.2 An awareness session with the CPP Board was provided by the Improvement Service, at the CPP Board on the 2nd Of December 2015.')),
  ...activity(tsi, {
    activityId: 'highland-cpp-survey', title: 'Online survey of CPP members, TSI Lead officers and the HTSI Board',
    description: 'This was subsequently followed by a survey circulated to the CPP members, TSI Lead officers and HTSI Board.',
    category: 'consultation', method: 'survey', topics: ['community planning', 'third sector interface'], areaIds: ['highland'],
    opens: '2015-12-03', closes: '2016-03-30', held: true,
  }, cite('1.2; Summary', [
    'This was subsequently followed by a survey circulated to the CPP members, TSI Lead officers and HTSI Board.',
    'The process included an online survey',
  ], `The survey is not dated: it followed the awareness session of 2 December 2015 and came before the report of 30 March 2016, and that span is recorded as its window; the document does not give one. ${programmeReading}`)),
  ...activity(tsi, {
    activityId: 'highland-third-sector-focus-group', title: 'Third sector focus group',
    description: '1.3 On the 18th of January a focus group with over 30 third sector representatives was held to capture views from within the sector about the CPP and TSI role.',
    category: 'consultation', method: 'focus_group', topics: ['community planning', 'third sector interface'], areaIds: ['highland'], communityIds: ['third-sector-organisations'],
    opens: '2016-01-18', held: true,
  }, cite('1.3', '1.3 On the 18th of January a focus group with over 30 third sector representatives was held to capture views from within the sector about the CPP and TSI role.',
    `"The 18th of January" has no year: 2016, between the awareness session of December 2015 and the sessions of January 2016 that "then" followed. "Over 30" is not a headcount, so none is recorded. ${programmeReading}`)),
  ...activity(tsi, {
    activityId: 'highland-planning-session-1', title: 'Cross-partnership planning session: areas for improvement',
    description: 'CP Partners were then invited to two IS facilitated sessions on the 26th of January 2016 to agree and prioritise areas for improvement',
    category: 'deciding_together', method: 'workshop', topics: ['community planning', 'third sector'], areaIds: ['highland'], jointPartnerIds: [improvementService],
    opens: '2016-01-26', held: true,
  }, cite('1.4', sessions, programmeReading)),
  acceptJointPartnership(improvementService, 'highland-planning-session-1', '2016-01-26', cite('1.4', 'two IS facilitated sessions')),
  finding(tsi, 'highland-planning-session-1', 'six-improvements', '2016-01-26', 'Six areas for improvement', cite('Summary', [
    theProcess,
    'CPP to develop a coordinated approach to community capacity building involving all partners',
    'Increase understanding about the District Partnerships and the CPP Role',
    'CPP to agree the long term vision in relation to the TSI',
    'Identify the services currently delivered in the third sector and by whom; to allow informed decision making by the CPP',
    'Develop a Marketing Strategy that informs the community about the roles and functions of the CPP that also takes account of rurality',
    'Introduce openness and transparency in the sharing of information (both financial and technical) with all partners; so informed decision can be reached at a local level.',
  ], 'The report says the whole process highlighted the six; this session was the one "to agree and prioritise areas for improvement".')),
  ...activity(tsi, {
    activityId: 'highland-planning-session-2', title: 'Cross-partnership planning session: suggested actions',
    description: 'on the 18th February 2016 where the identified priorities were broken down into suggested actions.',
    category: 'deciding_together', method: 'workshop', topics: ['community planning', 'third sector'], areaIds: ['highland'], jointPartnerIds: [improvementService],
    opens: '2016-02-18', held: true,
  }, cite('1.4', sessions, programmeReading)),
  acceptJointPartnership(improvementService, 'highland-planning-session-2', '2016-02-18', cite('1.4', 'two IS facilitated sessions')),
  finding(tsi, 'highland-planning-session-2', 'suggested-actions', '2016-02-18', 'Suggested actions', cite('1.4',
    'on the 18th February 2016 where the identified priorities were broken down into suggested actions.')),

  draftPlan(plan, { title: 'Community Planning Improvement Programme: improvement plan', kind: 'improvement_plan', partnerIds: [cpp] },
    cite('Header; Summary; 1.1', [
      'Date: 30th March 2016',
      'The Community Planning Improvement Process has now been completed and the following plan has been drafted for consideration and adoption by the Highland CPP.',
      'HTSI will have in place an improvement plan that bridges across community planning partners locally',
    ])),

  ...improvement(1, {
    title: 'CPP to develop a coordinated approach to community capacity building involving all partners.',
    implications: ['Costs:', 'Staffing time; Engagement costs; Resource intensive.', 'Risks:', 'Raises community expectations; Engaging ineffectively; Not achieving a sustainable model.'],
    outcome: 'Evidence of confident and capable communities in the "experimental" pilot areas.',
    actions: [
      {
        // The lead cell also holds two dated steps, recorded as the action's milestones below.
        slug: 'capacity-building-forum', what: 'Establish a forum to discuss capacity building.',
        who: 'Highland Third Sector Interface', leads: [tsi],
        when: 'Follow up forum - Sept 2016.',
        measure: 'Agreed Actions delivered to timescales set. A plan for implementation by April 2017 that identifies key milestones and targets.',
      },
      {
        slug: 'collate-information', what: 'Collate current information around community capacity building, e.g. LEADER, strengthening communities.',
        who: 'All CPP partners would be expected to take part plus others to take forward.', leads: [cpp], when: 'December 2016',
      },
      { slug: 'pilot-areas', what: 'Identify pilot areas - "local experiments" to understand needs.', when: 'December 2016' },
      {
        slug: 'small-scale-pilots', what: 'Develop small scale bottom up pilots (consider CLD plans)', when: 'Held in 2017/18',
        targetDate: { date: '2018-03-31', reading: 'Target date 2018-03-31: "2017/18" read as the financial year, which ends on 31 March 2018.' },
      },
      { slug: 'learn-from-areas', what: 'Identify and learn from areas who have done work in this area, e.g. Badenoch and Strathspey and Caithness.' },
    ],
  }),

  milestone(plan, 'highland-action-1-capacity-building-forum', 'paper-to-cpp-board', 'Improvement plan, 1, Lead', 'Paper to CPP Board in June 2016.', '2016-06-30',
    'Due 2016-06-30: "June 2016", read as its last day.'),
  milestone(plan, 'highland-action-1-capacity-building-forum', 'cpp-identifies-lead', 'Improvement plan, 1, Lead', 'CPP to identify owner/lead for Sept 2016.', '2016-09-30',
    'Due 2016-09-30: "Sept 2016", read as its last day.'),

  ...improvement(2, {
    title: 'Increase understanding about the District Partnership and the CPP role.',
    implications: ['Costs:', 'Financial resource needed to develop portal.', 'Resources:', 'Resource needed to coordinate information.'],
    outcome: 'Improved understanding of Community Planning Partnership and District Partnership roles.',
    actions: [
      {
        slug: 'map-roles', what: 'Clarify and map the roles and relationships between CPPs and District Partnerships.', who: 'All CPP leads (COG).', leads: [cpp],
        when: 'Clarification and mapping by June 2016.', measure: 'Reports from meetings showing approval of resources.',
      },
      {
        slug: 'target-groups', what: 'Identify the target group/s where awareness needs raised; and agree a responsible person to foster this understanding',
        who: 'All CPP members.', leads: [cpp], when: 'Develop by Sept 2016.', measure: 'Reports from meetings showing approval of resources.',
      },
      {
        slug: 'communications-strategy',
        what: 'Develop a Communications Strategy, explore opportunity for an electronic portal (App) for existing information and push notifications. Need all information in one place.',
        who: 'TSI to lead but with explicit buy-in from the CPP.', leads: [tsi], when: 'Agreed approach by March 2017.',
        measure: 'Implementation plan to be undertaken. - Identify what is needed - Identify funders - Engagement with community.',
      },
    ],
  }),

  ...improvement(3, {
    title: 'CPP to agree the long term vision in relation to the TSI.',
    implications: [
      'Costs:', 'Need a discussion about statutory agencies having to reduce costs and the impact this will have on TSI',
      'Resources:', 'TSI to have access to resources within agencies, e.g. use of office time and provision of data to inform work and to use in preparing bids for communal services, etc.',
    ],
    outcome: 'Clarity of service delivery roles.',
    actions: [
      {
        slug: 'bilateral-discussions', what: 'Begin bilateral discussion between TSI and each CPP partner to work toward agreeing the vision.', who: 'TSI', leads: [tsi],
        when: 'Completed by August 2016.', measure: 'Records of discussion/bilateral agreements.',
      },
      {
        slug: 'whole-cpp-agreement', what: 'Have agreement by whole CPP (including TSI) on relationship with the TSI.',
        when: 'For approximately August 2016.', measure: 'Board Meeting/Agreement of Statement signed by CPP Board.',
      },
      { slug: 'embed-agreement', what: 'Communicate and embed this agreement in each partner organisation.', when: 'Ongoing.', measure: 'Evaluation of Outcomes/Activity.' },
    ],
  }),

  ...improvement(4, {
    title: 'Identify the services currently delivered in the Third Sector and by whom to allow informed decision making by the CPP.',
    implications: [
      'Risks:', 'Seen as bureaucratic by some TSO organisations.', 'Could change "grass roots" feel of TSI organisations.', 'Independence of some TSI organisations compromised.',
      'Costs:', 'Associated costs and resources attached to compiling a list of Third Sector delivery and for providing training.',
    ],
    outcome: 'More effective (including cost effective) delivery of services.',
    actions: [
      {
        slug: 'describe-requirements', what: 'Develop a better description (jargon free) of what outcomes and service delivery the CPP requires.', who: 'CPP partners.', leads: [cpp],
        when: 'Link timescale with the development of the next LOIP process.',
        measure: [
          'Baseline and measure changes in Third Sector organisations commissioning activity and success.',
          'Create a baseline measurement for measuring improvement focused on use, reference and understanding within the third Sector.',
        ],
      },
      { slug: 'list-services', what: 'Identify list of services delivered in the Third Sector.', who: 'TSI (Could this be delivered through ALISS/LGOWIT? Could this be extended beyond health?)', leads: [tsi] },
      { slug: 'capacity-training', what: 'The TSI is to offer training for Third Sector organisations to develop capacity building.', who: 'TSI', leads: [tsi] },
      { slug: 'annual-refresh', what: ['Establish an annual', 'refresh of the list of who is delivering what in the Third Sector.'], who: 'TSI', leads: [tsi] },
    ],
  }),

  ...improvement(5, {
    title: 'Develop a Marketing Strategy that informs the community about the roles and functions of the CPP that also takes account of rurality.',
    implications: ['Costs:', 'Costs with developing brand and website. Staff time to be factored in. May need to recruit staff.'],
    outcome: 'So communities know what the CPP is and what it does and how they can engage with it.',
    actions: [
      {
        slug: 'branding', what: 'Work to develop branding and establish clear concise messages about the role of the CPP.', who: 'Lead should be equally shared across the partnership',
        when: 'Within the next 12 months (by February 2017)', measure: 'That the brand is in place and recognised',
      },
      { slug: 'website', what: 'Develop an independent website for Community Planning that provides information on relevant areas.', measure: 'Up to date website, with traffic usage as evidence.' },
      { slug: 'declutter', what: 'Declutter the landscape around Community Planning.' },
      { slug: 'social-media', what: 'Develop a social media strategy and a vision for Community Planning.', measure: 'That the social media campaign is successful and that analytical information is provided.' },
    ],
  }),

  ...improvement(6, {
    title: 'Introduce openness and transparency in the sharing of information (both financial and technical) with all partners so informed decisions can be reached at a local level.',
    implications: ['Risks:', 'Risk of non-engagement from partners. Risk of inertia.', 'Costs:', 'Staff resource to develop sharing of information.'],
    outcome: 'Examples of resources such as financial and technical information being shared and utilised across partners..',
    actions: [
      {
        slug: 'vision', what: 'Need for clear vision around the sharing of financial and technical information.', who: 'This requires equal sharing across the CPP Board.', leads: [cpp],
        when: 'Should be in place in August 2016.', measure: 'Vision statement n place.',
      },
      // "In 6 months" from when, the plan does not say: the words are kept, and no target date is read into them.
      { slug: 'shared-accountability', what: 'Establish shared accountability around the sharing of information.', when: 'Should be in place in 6 months.' },
      {
        slug: 'code-of-conduct', what: 'Develop a set of rules of Engagement/Code of Conduct around the issue of information sharing.',
        when: 'Should be in place in August 2016.', measure: 'Statement of Engagement/Code of Conduct in place.',
      },
    ],
  }),

  // The sessions made the plan: once it is drafted, each is attached to it.
  ...['highland-planning-session-1', 'highland-planning-session-2'].map((activityId) =>
    step(tsi, { type: 'AmendActivityDetails', data: { activityId, changes: { planId: plan.planId }, reason: 'The session drew up the improvement plan, drafted on 30 March 2016.' } },
      cite('1.4; Summary', [sessions, 'the following plan has been drafted for consideration and adoption by the Highland CPP.']), plan.on)),

  // The report puts the plan to the CPP on 21 April 2016, through its COG; the Board "will be asked" to adopt it
  // later, which the seed does not record.
  proposePlan(plan, '2016-04-21', 'Highland Community Planning Partnership', cite('Header; Summary; 2.1', [
    "Chief Officers' Group – 21 April 2016",
    'the following plan has been drafted for consideration and adoption by the Highland CPP.',
    '2.1 The CPP Board will be asked to adopt the plan at the next Board meeting with the COG being given an opportunity to discuss and comment on the plan as attached.',
  ])),

  // The report's item at the COG of 21 April 2016: recommended, since the seed is the report and not the minute
  // (the report predates the meeting); what the COG said is not in it.
  decision(cpp, {
    decisionId: cog,
    body: "Highland CPP Chief Officers' Group",
    decidedOn: '2016-04-21',
    reference: 'COG 09/16',
    title: 'The Community Planning Improvement Programme – Final Report',
    outcomeKind: 'recommended',
    outcome: joined([
      '2.1 The CPP Board will be asked to adopt the plan at the next Board meeting with the COG being given an opportunity to discuss and comment on the plan as attached.',
      '2.2 If adopted by the CPP Board it would be recommended that COG have general oversight of the progression of the plan and support the commitment necessary (time and resource) to the realisation of the plan.',
    ]),
  }, cite('Header; 2.1; 2.2', [
    "Chief Officers' Group – 21 April 2016",
    'Report No COG 09/16',
    '2.1 The CPP Board will be asked to adopt the plan at the next Board meeting with the COG being given an opportunity to discuss and comment on the plan as attached.',
    '2.2 If adopted by the CPP Board it would be recommended that COG have general oversight of the progression of the plan and support the commitment necessary (time and resource) to the realisation of the plan.',
  ])),

  // What fed the plan put to the COG: the report says the process highlighted the six improvements, the first session
  // agreed and prioritised them and the second broke them into the plan's actions. "Changed": the plan is their output.
  // The survey is in the process too but is not linked: its dates are not given, and a link would put a window the
  // document does not state before the lawful-consultation check.
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-1', source: { kind: 'activity', activityId: 'highland-third-sector-focus-group' }, influence: 'changed',
  }, cite('Summary; 1.3', [theProcess, '1.3 On the 18th of January a focus group with over 30 third sector representatives was held to capture views from within the sector about the CPP and TSI role.'])),
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-2', source: { kind: 'finding', activityId: 'highland-planning-session-1', findingId: 'six-improvements' }, influence: 'changed',
  }, cite('Summary; 1.4', [theProcess, 'CP Partners were then invited to two IS facilitated sessions on the 26th of January 2016 to agree and prioritise areas for improvement'])),
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-3', source: { kind: 'finding', activityId: 'highland-planning-session-2', findingId: 'suggested-actions' }, influence: 'changed',
  }, cite('1.4', 'on the 18th February 2016 where the identified priorities were broken down into suggested actions.')),
];
