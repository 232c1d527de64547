// Chester-le-Street District Council (seed 003): the draft Community Engagement and Involvement
// Strategy (April 2006; version 1.1, reported to Council on 25 May 2006), its six aims, and the
// 'hard to reach' and 'hard to hear' communities it names. The summary dates no engagement activity.

import { adoptPlan, area, community, objective, organisation, type PlanKeeper } from './builders.js';
import type { DemoStep } from './step.js';

const council = 'chester-le-street-dc';

/** The ledger has no draft state for a plan: it is recorded on the day it was reported to Council. */
const plan: PlanKeeper = { as: council, planId: 'cls-ce-involvement-strategy-2006', adoptedOn: '2006-05-25' };

const aim = (n: number, title: string): DemoStep => objective(plan, `cls-aim-${n}`, `Aim ${n}`, title);

export const chesterLeStreet2006: DemoStep[] = [
  organisation(council, 'Chester-le-Street District Council', 'council_service'),
  area('chester-le-street', 'District of Chester-le-Street', 'district'),

  // 3.3: "specifically targeting ethnic minority groups, people at risk of exclusion as a result of their isolated
  // communities, children and young people, older people, travelers and gypsies, people with disabilities, an[d]
  // lesbian, gay, bisexual and transgender people."
  community('ethnic-minority-groups', 'Ethnic minority groups', 'race', true),
  community('isolated-communities', 'People at risk of exclusion as a result of their isolated communities', undefined, true),
  community('children-and-young-people', 'Children and young people', 'age', true),
  community('older-people', 'Older people', 'age', true),
  community('gypsies-and-travellers', 'Travellers and gypsies', 'race', true),
  community('disabled-people', 'People with disabilities', 'disability', true),
  community('lgbt-people', 'Lesbian, gay, bisexual and transgender people', 'sexual_orientation', true),

  adoptPlan(plan, {
    title: 'Community Engagement and Involvement Strategy',
    kind: 'strategy',
    adoptedBy: 'Chester-le-Street District Council (draft, version 1.1, reported to Council 25 May 2006)',
  }),
  aim(1, 'Improve the understanding of our communities, their wants, needs and aspirations'),
  aim(2, 'Improve communications with communities to ensure that they understand the activities of the council and their partners including our achievements and reasons behind our decisions'),
  aim(3, 'Improve the quality and accessibility of our community engagement and involvement practices and processes'),
  aim(4, "Ensure that we work with communities, partners and the voluntary and community sector to maximise resources and develop new ways of working to engage with all communities including those that may be 'hard to reach' or 'hard to hear'"),
  aim(5, 'Develop a co-ordinated approach to community engagement and involvement across all council services and with partners wherever possible'),
  aim(6, 'Ensure that the council effectively addresses the national vision to improve community engagement and in doing so meet both national and local expectations'),
];
