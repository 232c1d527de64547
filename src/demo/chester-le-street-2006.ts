// Chester-le-Street (seed 003): the summary of the *draft* Community Engagement and Involvement
// Strategy (April 2006; version 1.1, for the report to Council on 25 May 2006), its six aims, the
// key actions of its Appendix 2, how its implementation is to be monitored, and the 'hard to reach'
// and 'hard to hear' communities it names. The summary dates no engagement activity and records
// no decision on the strategy: what Council made of the report is not in it.

import { action, area, community, draftPlan, objective, organisation, risk, type PlanKeeper, type ProtectedCharacteristic } from './builders.js';
import { citing } from './documents.js';
import type { DemoStep } from './step.js';

const cite = citing('chester-le-street-2006');
const council = 'chester-le-street-dc';

/** The draft's date: "April 2006", the month only, so its last day. */
const plan: PlanKeeper = { as: council, planId: 'cls-ce-involvement-strategy-2006', cite, on: '2006-04-30' };

const aim = (n: number, title: string): DemoStep => objective(plan, `cls-aim-${n}`, `Aim ${n}`, '2.2 Our aims', title);

/**
 * Appendix 2 is a diagram (key aims beside key actions) that survives in the text only as one run of
 * words, the aims' lines and the actions interleaved. An action is placed under the aim whose lines
 * it falls among (the first before Aim 1, the last after Aim 6); one that falls between two aims'
 * lines could belong to either, so it is recorded without an aim.
 */
const appendix2 = 'Appendix 2, Key Actions';
const keyAction = (n: number, slug: string, what: string | string[], aimNumber?: number): DemoStep =>
  action(plan, `cls-action-${String(n).padStart(2, '0')}-${slug}`, appendix2, { what }, {
    ...(aimNumber
      ? { objectiveId: `cls-aim-${aimNumber}` }
      : { reading: 'Its words fall between two aims’ lines in the text of Appendix 2’s diagram, so it is recorded without an aim.' }),
    noLead: 'Not stated: lead officers are to develop more detailed action plans (3.9)',
  });

/** 3.3, each group as the strategy names it. */
const targeted: [id: string, name: string, words: string, characteristic?: ProtectedCharacteristic][] = [
  ['ethnic-minority-groups', 'Ethnic minority groups', 'ethnic minority groups', 'race'],
  ['isolated-communities', 'People at risk of exclusion as a result of their isolated communities', 'people at risk of exclusion as a result of their isolated communities'],
  ['children-and-young-people', 'Children and young people', 'children and young people', 'age'],
  ['older-people', 'Older people', 'older people', 'age'],
  ['gypsies-and-travellers', 'Travelers and gypsies', 'travelers and gypsies', 'race'],
  ['disabled-people', 'People with disabilities', 'people with disabilities', 'disability'],
  ['lgbt-people', 'Lesbian, gay, bisexual and transgender people', 'lesbian, gay, bisexual and transgender people'],
];

export const chesterLeStreet2006: DemoStep[] = [
  organisation(council, 'Chester-le-Street District Council', 'council_service', cite('2.1; Foreword', [
    'It is considered that this vision is of equal importance to the communities in the District of Chester-le-Street.',
    'We want to ensure that Chester-le Street has an independent, representative and effective council',
  ], 'The council of the District of Chester-le-Street, which the strategy is written by; the summary does not give its full name.')),
  area('chester-le-street', 'District of Chester-le-Street', 'district', cite('2.1', 'the communities in the District of Chester-le-Street')),

  // The protected characteristic is ours (the Equality Act 2010 came later), given only where one plainly
  // fits; "lesbian, gay, bisexual and transgender people" spans two, so none.
  ...targeted.map(([id, name, words, protectedCharacteristic]) =>
    community(id, name, cite('3.3', [
      "We will work hard to avoid excluding those in our community that are 'hard to reach', 'hard to hear' or have not engaged with the council in the past. In particular this means specifically targeting",
      words,
    ]), { hardToReach: true, ...(protectedCharacteristic ? { protectedCharacteristic } : {}) }),
  ),

  // A draft, version 1.1, for the report to Council of 25 May 2006. It is not recorded as proposed: the summary
  // says the council "will now be engaging our partners and community to develop the strategy", not that it
  // was put to Council for adoption, and what Council made of it is not in the seed.
  draftPlan(plan, { title: 'Community Engagement and Involvement Strategy', kind: 'strategy', draftVersion: 'Version 1.1' },
    cite('Title page; Foreword', [
      'Draft Community Engagement and Involvement Strategy', 'April 2006', 'Version 1.1 Report Council 25th May 2006',
      'We will now be engaging our partners and community to develop the strategy.',
    ], '"April 2006" gives no day: recorded on the last day of the month.')),
  aim(1, 'Improve the understanding of our communities, their wants, needs and aspirations;'),
  aim(2, 'Improve communications with communities to ensure that they understand the activities of the council and their partners including our achievements and reasons behind our decisions;'),
  aim(3, 'Improve the quality and accessibility of our community engagement and involvement practices and processes;'),
  aim(4, "Ensure that we work with communities, partners and the voluntary and community sector to maximise resources and develop new ways of working to engage with all communities including those that may 'hard to reach' or 'hard to hear';"),
  aim(5, 'Develop a co-ordinated approach to community engagement and involvement across all council services and with partners wherever possible; and'),
  aim(6, 'Ensure that the council effectively addresses the national vision to improve community engagement and in doing so meet both national and local expectations'),

  // Appendix 2's 29 key actions, in the order the text gives them.
  keyAction(1, 'engage-community-on-strategy', 'Engage community on Strategy', 1),
  keyAction(2, 'knowledge-management', 'Develop Knowledge Management', 1),
  keyAction(3, 'district-area-profiles', 'Develop District profile/area profiles', 1),
  keyAction(4, 'satisfaction-performance', 'Improve satisfaction performance', 1),
  keyAction(5, 'consultation-scrutiny-issues', 'Community engagement in agreeing consultation and scrutiny issues'),
  keyAction(6, 'councils-reputation', 'Develop councils reputation'),
  keyAction(7, 'get-our-message-across', "'Get Our Message across'", 2),
  keyAction(8, 'review-communications', 'Review communications', 2),
  keyAction(9, 'ambassador-culture', 'Develop ambassador culture', 2),
  keyAction(10, 'community-conference', 'Implement annual community council conference'),
  keyAction(11, 'corporate-toolkit', 'Develop corporate toolkit'),
  keyAction(12, 'customers-in-service-design', ['Engage customers in service', 'design, standards and planning'], 3),
  keyAction(13, 'public-attendance', ['Promote and support public', 'attendance at all council', 'committee'], 3),
  keyAction(14, 'diverse-user-forum', 'Support Diverse User Forum', 3),
  keyAction(15, 'hard-to-reach-groups', ['Develop partnership approach to', 'engaging hard to reach groups'], 4),
  keyAction(16, 'youth-engagement', 'Consider Youth engagement', 4),
  keyAction(17, 'vcs-framework', ['Develop engagement element to', 'VCS framework'], 4),
  keyAction(18, 'street-surgeries', 'Develop Street surgeries'),
  keyAction(19, 'leadership-roles', 'Develop leadership roles'),
  keyAction(20, 'working-group', 'Develop working group', 5),
  keyAction(21, 'engagement-resources', ['Review existing engagement', 'resources'], 5),
  keyAction(22, 'annual-engagement-plan', 'Develop annual engagement plan', 5),
  keyAction(23, 'engagement-champions', 'Develop engagement champions'),
  keyAction(24, 'ac-user-focus-toolkit', 'Use AC user focus Toolkit'),
  keyAction(25, 'community-partnerships', 'Review community Partnerships', 6),
  keyAction(26, 'democratic-engagement', ['Develop capacity to promote', 'democratic engagement'], 6),
  keyAction(27, 'area-committees', 'Consider Area Committees', 6),
  keyAction(28, 'lga-recommendations', ['Address LGA recommendations', 'on civil renewal including citizen', 'governors'], 6),
  keyAction(29, 'review-scrutiny', 'Review Scrutiny', 6),

  // 4 Monitoring and Reviewing the Implementation of the Strategy.
  action(plan, 'cls-monitoring-project-management-board', '4.2', {
    what: "It is intended that the implementation of the Strategy will be initially monitored by the council's Project Management Board and will be led by the Assistant Chief Executive.",
    who: "the council's Project Management Board",
    how: 'This ought to continue until a more specific project board is developed as part of the Strategy proposals (Community Engagement and Involvement Working Group)',
  }),
  action(plan, 'cls-monitoring-progress-reports', '4.3', {
    what: 'Reports on Progress will be made to Corporate Management Team and the Executive through the Corporate Performance Reporting System.',
    how: 'Such reports will also be made available to Scrutiny panels in due course. Where there is any slippage corrective action will be taken.',
  }, { noLead: 'Not stated' }),
  risk(plan, 'cls-risk-officer-time', '4.4', 'A key risk to the delivery of the strategy is the availability of officer time to deliver the action plan.', 'This will need to be managed within the organisation.'),
];
