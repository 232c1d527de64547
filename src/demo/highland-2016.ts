// Highland Community Planning Partnership (seed 002): the Community Planning Improvement
// Programme's final report (COG 09/16, 30 March 2016) and its improvement plan, the engagement
// that produced it, and the Chief Officers' Group meeting of 21 April 2016 it went to.

import type { ActionRow } from '../import/action-row.js';
import { leadOrganisationIds } from '../import/leads.js';
import { action, activity, adoptPlan, area, community, decision, finding, influence, objective, organisation, type PlanKeeper } from './builders.js';
import type { DemoStep } from './step.js';

const tsi = 'highland-tsi';
const cpp = 'highland-cpp';
const improvementService = 'improvement-service';
const leads = { 'Highland Third Sector Interface': tsi, HTSI: tsi, TSI: tsi, CPP: cpp, COG: cpp };

/**
 * The report is the final one of the programme: "the following plan has been drafted for consideration
 * and adoption by the Highland CPP". The ledger has no draft state for a plan, so it is recorded on the
 * report's date, kept by the Highland TSI, without an adopting body: the CPP Board's adoption is not in the seed.
 */
const plan: PlanKeeper = { as: tsi, planId: 'highland-cpip-2016', adoptedOn: '2016-03-30' };
const cog = 'highland-cog-2016-04-21';

interface Improvement {
  title: string;
  lead: string;
  implications: ActionRow['implications'];
  expectedOutcome?: string;
  actions: HighlandAction[];
}

/** A row of the plan. A blank lead cell continues the one above (merged cells); target and measure are the row's own. */
type HighlandAction = [slug: string, what: string, more?: Partial<Pick<ActionRow, 'who' | 'when' | 'targetDate' | 'measure'>>];

function improvement(n: number, { title, lead, implications, expectedOutcome, actions }: Improvement): DemoStep[] {
  const objectiveId = `highland-improvement-${n}`;
  let who = lead;
  return [
    objective(plan, objectiveId, `Improvement ${n}`, title),
    ...actions.flatMap(([slug, what, more = {}]) => {
      who = more.who ?? who;
      const row: ActionRow = { ...more, what, who, implications, ...(expectedOutcome ? { expectedOutcome } : {}) };
      return action(plan, `highland-action-${n}-${slug}`, row, { objectiveId, leadOrganisationIds: leadOrganisationIds(who, leads) });
    }),
  ];
}

const sessions = (activityId: string, on: string, title: string, description: string): DemoStep[] =>
  // The report gives no attendance for the two sessions, so they are opened but not closed:
  // closing an activity needs its number of participants.
  activity(tsi, {
    activityId, title, description, opens: on,
    category: 'deciding_together', method: 'workshop',
    topics: ['community planning', 'third sector'], areaIds: ['highland'], jointPartnerIds: [cpp, improvementService],
    planId: plan.planId,
  });

export const highland2016: DemoStep[] = [
  organisation(tsi, 'Highland Third Sector Interface', 'third_sector_interface'),
  organisation(cpp, 'Highland Community Planning Partnership', 'partnership_body'),
  organisation(improvementService, 'Improvement Service', 'other'),
  area('highland', 'Highland', 'authority'),
  community('third-sector-organisations', 'Third sector organisations'),
  // Recorded before the sessions that name it: a plan named by an activity must exist (the demo's rewrite records it as drafted).
  adoptPlan(plan, { title: 'Community Planning Improvement Programme: improvement plan', kind: 'improvement_plan', partnerIds: [cpp] }),

  // 1.3 "On the 18th of January a focus group with over 30 third sector representatives was held": the year is
  // not given, but the process ran from December 2015 to February 2016. "Over 30" is recorded as 31, the least it can be.
  ...activity(tsi, {
    activityId: 'highland-third-sector-focus-group', title: 'Third sector focus group', opens: '2016-01-18', participants: 31,
    description: 'A focus group with over 30 third sector representatives to capture views from within the sector about the CPP and TSI role.',
    category: 'consultation', method: 'focus_group',
    topics: ['community planning', 'third sector interface'], areaIds: ['highland'], communityIds: ['third-sector-organisations'],
  }),
  ...sessions('highland-planning-session-1', '2016-01-26', 'Cross-partnership planning session: areas for improvement',
    'CP Partners invited to an Improvement Service facilitated session to agree and prioritise areas for improvement.'),
  finding(tsi, 'highland-planning-session-1', 'six-improvements', '2016-01-26', 'Six areas for improvement',
    'Coordinated community capacity building; understanding of the District Partnerships and the CPP role; a long term vision for the TSI; knowing which services the third sector delivers; a marketing strategy that takes account of rurality; openness and transparency in sharing information.'),
  ...sessions('highland-planning-session-2', '2016-02-18', 'Cross-partnership planning session: suggested actions',
    'The second Improvement Service facilitated session, where the identified priorities were broken down into suggested actions.'),
  finding(tsi, 'highland-planning-session-2', 'suggested-actions', '2016-02-18', 'Suggested actions',
    'The identified priorities were broken down into suggested actions, with leads, implications, target dates, measures and outcomes: the improvement plan.'),

  ...improvement(1, {
    title: 'CPP to develop a coordinated approach to community capacity building involving all partners.',
    lead: 'Highland Third Sector Interface - Paper to CPP Board in June 2016. CPP to identify owner/lead for Sept 2016.',
    implications: {
      cost: 'Staffing time; Engagement costs; Resource intensive.',
      risk: 'Raises community expectations; Engaging ineffectively; Not achieving a sustainable model.',
    },
    expectedOutcome: 'Evidence of confident and capable communities in the "experimental" pilot areas.',
    actions: [
      ['capacity-building-forum', 'Establish a forum to discuss capacity building.', {
        when: 'Follow up forum - Sept 2016.',
        measure: 'Agreed Actions delivered to timescales set. A plan for implementation by April 2017 that identifies key milestones and targets.',
      }],
      ['collate-information', 'Collate current information around community capacity building, e.g. LEADER, strengthening communities.', {
        who: 'All CPP partners would be expected to take part plus others to take forward.', when: 'December 2016',
      }],
      ['pilot-areas', 'Identify pilot areas - "local experiments" to understand needs.', { when: 'December 2016' }],
      // "2017/18" is read as the financial year, ending 31 March 2018.
      ['small-scale-pilots', 'Develop small scale bottom up pilots (consider CLD plans)', { when: 'Held in 2017/18' }],
      ['learn-from-areas', 'Identify and learn from areas who have done work in this area, e.g. Badenoch and Strathspey and Caithness.'],
    ],
  }),

  ...improvement(2, {
    title: 'Increase understanding about the District Partnership and the CPP role.',
    lead: 'All CPP leads (COG).',
    implications: { cost: 'Financial resource needed to develop portal.', resource: 'Resource needed to coordinate information.' },
    expectedOutcome: 'Improved understanding of Community Planning Partnership and District Partnership roles.',
    actions: [
      ['map-roles', 'Clarify and map the roles and relationships between CPPs and District Partnerships.', {
        when: 'Clarification and mapping by June 2016.', measure: 'Reports from meetings showing approval of resources.',
      }],
      ['target-groups', 'Identify the target group/s where awareness needs raised; and agree a responsible person to foster this understanding', {
        who: 'All CPP members.', when: 'Develop by Sept 2016.', measure: 'Reports from meetings showing approval of resources.',
      }],
      ['communications-strategy', 'Develop a Communications Strategy, explore opportunity for an electronic portal (App) for existing information and push notifications. Need all information in one place.', {
        who: 'TSI to lead but with explicit buy-in from the CPP.', when: 'Agreed approach by March 2017.',
        measure: 'Implementation plan to be undertaken: identify what is needed; identify funders; engagement with community.',
      }],
    ],
  }),

  ...improvement(3, {
    title: 'CPP to agree the long term vision in relation to the TSI.',
    lead: 'TSI',
    implications: {
      cost: 'Need a discussion about statutory agencies having to reduce costs and the impact this will have on TSI',
      resource: 'TSI to have access to resources within agencies, e.g. use of office time and provision of data to inform work and to use in preparing bids for communal services, etc.',
    },
    expectedOutcome: 'Clarity of service delivery roles.',
    actions: [
      ['bilateral-discussions', 'Begin bilateral discussion between TSI and each CPP partner to work toward agreeing the vision.', {
        when: 'Completed by August 2016.', measure: 'Records of discussion/bilateral agreements.',
      }],
      ['whole-cpp-agreement', 'Have agreement by whole CPP (including TSI) on relationship with the TSI.', {
        when: 'For approximately August 2016.', measure: 'Board Meeting/Agreement of Statement signed by CPP Board.',
      }],
      ['embed-agreement', 'Communicate and embed this agreement in each partner organisation.', { when: 'Ongoing.', measure: 'Evaluation of Outcomes/Activity.' }],
    ],
  }),

  ...improvement(4, {
    title: 'Identify the services currently delivered in the Third Sector and by whom to allow informed decision making by the CPP.',
    lead: 'CPP partners.',
    implications: {
      risk: 'Seen as bureaucratic by some TSO organisations. Could change "grass roots" feel of TSI organisations. Independence of some TSI organisations compromised.',
      cost: 'Associated costs and resources attached to compiling a list of Third Sector delivery and for providing training.',
    },
    expectedOutcome: 'More effective (including cost effective) delivery of services.',
    actions: [
      ['describe-requirements', 'Develop a better description (jargon free) of what outcomes and service delivery the CPP requires.', {
        when: 'Link timescale with the development of the next LOIP process.',
        measure: 'Baseline and measure changes in Third Sector organisations commissioning activity and success. Create a baseline measurement for measuring improvement focused on use, reference and understanding within the third Sector.',
      }],
      ['list-services', 'Identify list of services delivered in the Third Sector.', {
        who: 'TSI (Could this be delivered through ALISS/LGOWIT? Could this be extended beyond health?)',
      }],
      ['capacity-training', 'The TSI is to offer training for Third Sector organisations to develop capacity building.', { who: 'TSI' }],
      ['annual-refresh', 'Establish an annual refresh of the list of who is delivering what in the Third Sector.'],
    ],
  }),

  ...improvement(5, {
    title: 'Develop a Marketing Strategy that informs the community about the roles and functions of the CPP that also takes account of rurality.',
    lead: 'Lead should be equally shared across the partnership',
    implications: { cost: 'Costs with developing brand and website. Staff time to be factored in. May need to recruit staff.' },
    expectedOutcome: 'So communities know what the CPP is and what it does and how they can engage with it.',
    actions: [
      ['branding', 'Work to develop branding and establish clear concise messages about the role of the CPP.', {
        when: 'Within the next 12 months (by February 2017)', measure: 'That the brand is in place and recognised',
      }],
      ['website', 'Develop an independent website for Community Planning that provides information on relevant areas.', {
        measure: 'Up to date website, with traffic usage as evidence.',
      }],
      ['declutter', 'Declutter the landscape around Community Planning.'],
      ['social-media', 'Develop a social media strategy and a vision for Community Planning.', {
        measure: 'That the social media campaign is successful and that analytical information is provided.',
      }],
    ],
  }),

  ...improvement(6, {
    title: 'Introduce openness and transparency in the sharing of information (both financial and technical) with all partners so informed decisions can be reached at a local level.',
    lead: 'This requires equal sharing across the CPP Board.',
    implications: { risk: 'Risk of non-engagement from partners. Risk of inertia.', cost: 'Staff resource to develop sharing of information.' },
    expectedOutcome: 'Examples of resources such as financial and technical information being shared and utilised across partners.',
    actions: [
      ['vision', 'Need for clear vision around the sharing of financial and technical information.', {
        when: 'Should be in place in August 2016.', measure: 'Vision statement in place.',
      }],
      // "In 6 months" from the report of 30 March 2016.
      ['shared-accountability', 'Establish shared accountability around the sharing of information.', {
        when: 'Should be in place in 6 months.', targetDate: '2016-09-30',
      }],
      ['code-of-conduct', 'Develop a set of rules of Engagement/Code of Conduct around the issue of information sharing.', {
        when: 'Should be in place in August 2016.', measure: 'Statement of Engagement/Code of Conduct in place.',
      }],
    ],
  }),

  // The seed is the report to the meeting, not its minute: the outcome says what was put to the COG.
  decision(cpp, {
    decisionId: cog,
    body: "Highland CPP Chief Officers' Group",
    decidedOn: '2016-04-21',
    reference: 'COG 09/16',
    title: 'The Community Planning Improvement Programme – Final Report',
    outcomeKind: 'discussed',
    outcome: 'The improvement plan (six improvements) was put to the COG to discuss and comment on before the CPP Board is asked to adopt it; if the Board adopts it, the report recommends that the COG has general oversight of its progression and supports the commitment (time and resource) it needs. The minute of the meeting is not in the seed.',
  }),
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-1', source: { kind: 'activity', activityId: 'highland-third-sector-focus-group' },
    rationale: 'The focus group captured the third sector’s views about the CPP and TSI role, one part of the process that highlighted the six improvements.',
  }),
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-2', source: { kind: 'finding', activityId: 'highland-planning-session-1', findingId: 'six-improvements' },
    rationale: 'The six improvements in the plan are the areas the partners agreed and prioritised on 26 January 2016.',
  }),
  influence(cpp, '2016-04-21', {
    decisionId: cog, linkId: 'highland-cog-link-3', source: { kind: 'finding', activityId: 'highland-planning-session-2', findingId: 'suggested-actions' },
    rationale: 'The plan’s actions are the suggested actions the partners drew up on 18 February 2016.',
  }),
];
