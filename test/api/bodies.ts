// Request bodies from the seeds (Halton's strategy and health check, Inverclyde's VOiCE plan), valid as they stand.

import { engagementCategories, type EngagementCategory } from '../../src/domain/values.js';

export const survey = {
  title: 'Residents survey 2012',
  category: 'consultation',
  method: 'survey',
  topics: ['community safety'],
  window: { opens: '2012-09-01', closes: '2012-10-31' },
};

export const strategy = {
  title: 'Halton Community Engagement Strategy',
  kind: 'strategy',
  adoptedBy: 'Halton Strategic Partnership Board',
  adoptedOn: '2012-04-01',
  period: { from: '2012-04-01', to: '2015-03-31' },
};

export const objective = { code: '1', title: 'Coordinate engagement across the partnership' };

export const decision = {
  body: 'Executive Board',
  decidedOn: '2012-12-13',
  reference: 'EXB/12/13/01',
  title: 'Community safety priorities for 2013',
  outcome: 'Three priorities adopted: anti-social behaviour, alcohol harm, road safety.',
  outcomeKind: 'approved',
};

export const action = (planId: string) => ({
  planId,
  what: 'Publish a partnership consultation calendar',
  lead: 'HBC Community Development Team',
  targetDate: '2013-04-30',
  timescale: 'April 2013',
});

export const cycle = { name: 'Halton health check 2013', opensOn: '2013-02-01', dueBy: '2013-05-10' };

const assessment = (category: EngagementCategory) => ({
  category,
  examples: [{ description: 'Neighbourhood policing priorities survey' }],
  scores: { planning: 3, partnership: 3, breadth: 2, ...(category === 'information_giving' ? {} : { depth: 2 }), taking_action: 2 },
});

export const submission = (extra: Record<string, unknown> = {}) => ({
  submittedOn: '2013-04-26',
  assessments: engagementCategories.map(assessment),
  ...extra,
});

const principles = ['needs_led', 'building_on_capacity', 'change_and_outcome_focused', 'participatory_and_partnership', 'continuous_learning'];

export const voiceEvaluation = (extra: Record<string, unknown> = {}) => ({
  evaluatedOn: '2011-03-31',
  principles: principles.map((principle) => ({ principle, score: 4 })),
  outcomes: [{ outcome: 'Communities know how their views were used', evidence: 'You said, we did newsletter', score: 3 }],
  overall: 4,
  ...extra,
});
