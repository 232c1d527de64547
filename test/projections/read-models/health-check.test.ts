import { beforeAll, describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { healthCheckDimensions } from '../../../src/domain/events/health-check.js';
import { engagementCategories, type EngagementCategory } from '../../../src/domain/values.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { projections, views } from '../../../src/projections/read-models/health-check/index.js';
import { backing } from '../../../src/projections/read-models/health-check/backing.js';
import { evidencePeriod } from '../../../src/projections/read-models/health-check/evidence.js';
import { guidanceFor, healthCheckGuidance, healthCheckScores } from '../../../src/projections/read-models/health-check/guidance.js';
import { matrixView } from '../../../src/projections/read-models/health-check/matrix-view.js';
import { notSubmittedView } from '../../../src/projections/read-models/health-check/not-submitted-view.js';
import { median, partnershipView } from '../../../src/projections/read-models/health-check/partnership-view.js';
import { envelope, project, run as read, seedEvents } from '../project.js';

// ---- Test data: illustrative submissions and activities, not from the seeds. ----

const cycleId = 'test-cycle';
/** The evidence period for this cycle is 2012-03-31 to 2013-03-30. */
const cycleOpened: LedgerEvent = {
  type: 'HealthCheckCycleOpened',
  data: { cycleId, name: 'Test cycle', opensOn: '2013-03-31', dueBy: '2013-04-30' },
};

const registered = (organisationId: string, name: string, kind: EventData<'OrganisationRegistered'>['kind'] = 'other'): LedgerEvent => ({
  type: 'OrganisationRegistered',
  data: { organisationId, name, kind },
});

type Scores = EventData<'HealthCheckSubmitted'>['assessments'][number]['scores'];
/** Every category scored `score` in every dimension (no depth for information giving), with overrides per category. */
function submitted(
  organisationId: string,
  submissionId: string,
  score: number,
  options: { supersedes?: string; scores?: Partial<Record<EngagementCategory, Partial<Scores>>> } = {},
): LedgerEvent {
  return {
    type: 'HealthCheckSubmitted',
    data: {
      cycleId,
      organisationId,
      submissionId,
      submittedOn: '2013-04-20',
      supersedes: options.supersedes,
      assessments: engagementCategories.map((category) => ({
        category,
        examples: [{ description: `test example of ${category}` }],
        scores: {
          planning: score,
          partnership: score,
          breadth: score,
          ...(category === 'information_giving' ? {} : { depth: score }),
          taking_action: score,
          ...options.scores?.[category],
        },
      })),
    },
  };
}

interface ActivitySpec {
  activityId: string;
  organisationId?: string;
  category?: EngagementCategory;
  opens?: string;
  closes?: string;
  jointPartnerIds?: string[];
}
function planned({ activityId, organisationId = 'org-a', category = 'consultation', opens = '2012-09-01', closes = '2012-10-01', jointPartnerIds = [] }: ActivitySpec): LedgerEvent[] {
  return [
    {
      type: 'ActivityPlanned',
      data: {
        activityId,
        organisationId,
        title: `Test activity ${activityId}`,
        category,
        method: 'survey',
        topics: [],
        areaIds: [],
        communityIds: [],
        jointPartnerIds,
        window: { opens, closes },
        documents: [],
      },
    },
    { type: 'ActivityOpened', data: { activityId, openedOn: opens } },
  ];
}
const closed = (activityId: string, closedOn: string, participants: number, monitored: boolean): LedgerEvent => ({
  type: 'ActivityClosed',
  data: { activityId, closedOn, participants, ...(monitored ? { equalityMonitoring: { age: { '16-24': 5, '65+': participants - 5 } } } : {}) },
});
const finding = (activityId: string, findingId: string): LedgerEvent => ({
  type: 'FindingRecorded',
  data: { activityId, findingId, theme: 'Test theme', summary: 'Test summary', feedbackIds: [] },
});
const decided = (decisionId: string): LedgerEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, organisationId: 'org-a', body: 'Test board', decidedOn: '2012-12-01', title: 'Test decision', outcome: 'Agreed', outcomeKind: 'approved' },
});
const linked = (decisionId: string, linkId: string, activityId: string): LedgerEvent => ({
  type: 'InfluenceLinked',
  data: { decisionId, linkId, source: { kind: 'activity', activityId }, influence: 'changed', rationale: 'Test rationale' },
});
const feedbackGiven = (activityId: string): LedgerEvent => ({
  type: 'FeedbackGivenToParticipants',
  data: { activityId, givenOn: '2012-12-10', channel: 'letter', summary: 'You said, we did', decisionIds: [] },
});

const today = '2013-05-15';
type Filters = Record<string, string | undefined>;
function rows(view: (typeof views)[number], events: readonly LedgerEvent[], filters: Filters = {}) {
  const { set } = project(projections, envelope(events));
  return read(view, set, view.filters.parse(filters), { today });
}
const cell = async (events: readonly LedgerEvent[], organisation: string, category: EngagementCategory, dimension: string) => {
  const found = await rows(matrixView, events, { organisation, category, dimension });
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
};

// ---- Guidance ----

describe('health-check guidance', () => {
  it('has the seed text for every category, dimension and score 1-4, and none for depth of information giving', async () => {
    for (const category of engagementCategories) {
      expect(healthCheckGuidance[category].description.length).toBeGreaterThan(50);
      for (const dimension of healthCheckDimensions) {
        const notApplicable = category === 'information_giving' && dimension === 'depth';
        expect(healthCheckGuidance[category].dimensions[dimension] === null).toBe(notApplicable);
        for (const score of healthCheckScores) {
          const text = guidanceFor(category, dimension, score);
          if (notApplicable) expect(text).toBeNull();
          else expect(text, `${category} ${dimension} ${score}`).toMatch(/^[A-Z].{20,}\.$/);
        }
      }
    }
  });

  it('keeps the seed words, HTML removed', async () => {
    expect(guidanceFor('consultation', 'planning', 4)).toBe(
      'Engagement is planned at the top. The partnership knows who it needs to engage with and at what level and ensures this is carried out in a high quality manner.',
    );
    expect(guidanceFor('deciding_together', 'depth', 2)).toBe('Engagement is largely quantitative.');
    expect(JSON.stringify(healthCheckGuidance)).not.toMatch(/<\/?(p|ol)\b/);
  });
});

// ---- The evidence period and the backing rule ----

describe('health-check evidence', () => {
  it('looks at the 12 months before the cycle opens', async () => {
    expect(evidencePeriod('2013-03-31')).toEqual({ from: '2012-03-31', to: '2013-03-30' });
    expect(evidencePeriod('2013-01-01')).toEqual({ from: '2012-01-01', to: '2012-12-31' });
  });

  it('does not ask evidence of a score of 1 or 2, nor of a dimension not scored', async () => {
    const none = { measure: 'joint activities', activityIds: [] };
    expect(backing({ category: 'consultation', dimension: 'partnership', score: 2 }, none).backed).toBe(true);
    expect(backing({ category: 'information_giving', dimension: 'depth', score: null }, none).backed).toBe(true);
    expect(backing({ category: 'consultation', dimension: 'partnership', score: 3 }, none)).toEqual({
      backed: false,
      reason: 'score 3 for Working in partnership (Consultation), but no joint activities in the 12 months before the cycle opened',
    });
  });
});

// ---- The matrix ----

describe('health-check matrix', () => {
  const base = [cycleOpened, registered('org-a', 'Alpha Council'), registered('org-b', 'Beta Police')];

  it('shows the later submission and names the one it superseded', async () => {
    const events = [...base, submitted('org-a', 'first', 2), submitted('org-a', 'second', 1, { supersedes: 'first' })];
    const matrix = await rows(matrixView, events);
    expect(matrix).toHaveLength(20);
    expect(new Set(matrix.map((r) => r.submissionId))).toEqual(new Set(['second']));
    expect(matrix.every((r) => r.score === 1 || r.score === null)).toBe(true);
    expect(matrix[0]).toMatchObject({ organisationName: 'Alpha Council', supersededSubmissionIds: ['first'] });
  });

  it('marks depth of information giving as not applicable, with no score, guidance or evidence', async () => {
    expect(await cell([...base, submitted('org-a', 's', 4)], 'org-a', 'information_giving', 'depth')).toMatchObject({
      applicable: false,
      score: null,
      guidance: null,
      evidence: null,
      evidenceCount: null,
      backedByEvidence: true,
      notBackedReason: null,
    });
  });

  it('gives the guidance for the score given', async () => {
    const events = [...base, submitted('org-a', 's', 2, { scores: { acting_together: { depth: 3 } } })];
    expect((await cell(events, 'org-a', 'acting_together', 'depth')).guidance).toBe(guidanceFor('acting_together', 'depth', 3));
  });

  it('has a row for all 20 cells, and flags every score of 3 or 4 when the ledger holds nothing for the organisation', async () => {
    const matrix = await rows(matrixView, [...base, submitted('org-a', 's', 3)]);
    expect(matrix).toHaveLength(20);
    expect(matrix.filter((r) => r.backedByEvidence === false)).toHaveLength(19);
    expect((await rows(matrixView, [...base, submitted('org-a', 's', 2)])).every((r) => r.backedByEvidence === true)).toBe(true);
  });

  it('backs planning with an activity of the category in the 12 months, and only that category', async () => {
    const events = [...base, ...planned({ activityId: 'survey-1' }), submitted('org-a', 's', 4)];
    expect(await cell(events, 'org-a', 'consultation', 'planning')).toMatchObject({ backedByEvidence: true, evidenceCount: 1, evidenceActivityIds: ['survey-1'] });
    expect(await cell(events, 'org-a', 'deciding_together', 'planning')).toMatchObject({ backedByEvidence: false, evidenceCount: 0 });
    expect((await cell(events, 'org-a', 'deciding_together', 'planning')).notBackedReason).toBe(
      'score 4 for Level of planning (Deciding Together), but no activities in the 12 months before the cycle opened',
    );
  });

  it('counts only activities that took place in the 12 months before the cycle opened', async () => {
    const events: LedgerEvent[] = [
      ...base,
      ...planned({ activityId: 'too-early', opens: '2011-01-01', closes: '2012-03-30' }),
      ...planned({ activityId: 'overlapping-start', opens: '2012-03-01', closes: '2012-03-31' }),
      ...planned({ activityId: 'too-late', opens: '2013-03-31', closes: '2013-04-30' }),
      ...planned({ activityId: 'cancelled' }),
      { type: 'ActivityCancelled', data: { activityId: 'cancelled', cancelledOn: '2012-09-02', reason: 'test' } },
      submitted('org-a', 's', 4),
    ];
    expect((await cell(events, 'org-a', 'consultation', 'planning')).evidenceActivityIds).toEqual(['overlapping-start']);
  });

  it('backs partnership with a joint activity, whichever side recorded it', async () => {
    const accepted: LedgerEvent = { type: 'JointPartnershipAccepted', data: { activityId: 'joint', organisationId: 'org-b' } };
    const ownJoint = [...base, ...planned({ activityId: 'joint', jointPartnerIds: ['org-b'] }), accepted, submitted('org-a', 'a', 3), submitted('org-b', 'b', 3)];
    expect(await cell(ownJoint, 'org-a', 'consultation', 'partnership')).toMatchObject({ backedByEvidence: true, evidenceActivityIds: ['joint'] });
    expect(await cell(ownJoint, 'org-b', 'consultation', 'partnership')).toMatchObject({ backedByEvidence: true, evidenceActivityIds: ['joint'] });
    const alone = [...base, ...planned({ activityId: 'alone' }), submitted('org-a', 'a', 3)];
    expect(await cell(alone, 'org-a', 'consultation', 'partnership')).toMatchObject({ backedByEvidence: false, evidence: 'joint activities' });
  });

  it('given a joint partner named but not yet answering, then the activity is not joint for either side, and is no evidence at all for the invited one', async () => {
    const invited = [...base, ...planned({ activityId: 'joint', jointPartnerIds: ['org-b'] }), submitted('org-a', 'a', 3), submitted('org-b', 'b', 3)];
    expect(await cell(invited, 'org-a', 'consultation', 'partnership')).toMatchObject({ backedByEvidence: false, evidenceActivityIds: [] });
    expect(await cell(invited, 'org-b', 'consultation', 'partnership')).toMatchObject({ backedByEvidence: false, evidenceActivityIds: [] });
    expect(await cell(invited, 'org-b', 'consultation', 'planning')).toMatchObject({ backedByEvidence: false, evidenceActivityIds: [] });
  });

  it('backs breadth with a closed, equality-monitored activity, and totals its participants', async () => {
    const events = [
      ...base,
      ...planned({ activityId: 'monitored' }),
      closed('monitored', '2012-10-01', 40, true),
      ...planned({ activityId: 'unmonitored' }),
      closed('unmonitored', '2012-10-01', 90, false),
      submitted('org-a', 's', 4),
    ];
    expect(await cell(events, 'org-a', 'consultation', 'breadth')).toMatchObject({
      backedByEvidence: true,
      evidenceActivityIds: ['monitored'],
      equalityMonitoredParticipants: 40,
    });
    const unmonitored = [...base, ...planned({ activityId: 'unmonitored' }), closed('unmonitored', '2012-10-01', 90, false), submitted('org-a', 's', 4)];
    expect(await cell(unmonitored, 'org-a', 'consultation', 'breadth')).toMatchObject({ backedByEvidence: false, equalityMonitoredParticipants: 0 });
  });

  it('backs depth with findings recorded, not with a finding since withdrawn', async () => {
    const withFinding = [...base, ...planned({ activityId: 'workshop', category: 'deciding_together' }), finding('workshop', 'f1'), submitted('org-a', 's', 3)];
    expect(await cell(withFinding, 'org-a', 'deciding_together', 'depth')).toMatchObject({ backedByEvidence: true, evidenceActivityIds: ['workshop'] });
    const withdrawn: LedgerEvent = { type: 'FindingWithdrawn', data: { activityId: 'workshop', findingId: 'f1', reason: 'test' } };
    expect(await cell([...withFinding, withdrawn], 'org-a', 'deciding_together', 'depth')).toMatchObject({ backedByEvidence: false });
  });

  it('backs taking action with influence on a decision or with feedback given, and not with a withdrawn link', async () => {
    const activity = [...base, ...planned({ activityId: 'survey-1' }), submitted('org-a', 's', 4)];
    expect(await cell(activity, 'org-a', 'consultation', 'taking_action')).toMatchObject({ backedByEvidence: false });

    const influenced = [...activity, decided('d1'), linked('d1', 'l1', 'survey-1')];
    expect(await cell(influenced, 'org-a', 'consultation', 'taking_action')).toMatchObject({
      backedByEvidence: true,
      influencedActivityIds: ['survey-1'],
      feedbackGivenActivityIds: [],
    });

    const withdrawn: LedgerEvent = { type: 'InfluenceLinkWithdrawn', data: { decisionId: 'd1', linkId: 'l1', reason: 'test' } };
    expect(await cell([...influenced, withdrawn], 'org-a', 'consultation', 'taking_action')).toMatchObject({ backedByEvidence: false });

    // Recommendations the body has not decided are no decision taken: nothing was acted on yet.
    const recommended: LedgerEvent = { ...decided('r1'), data: { ...(decided('r1').data as EventData<'DecisionRecorded'>), outcomeKind: 'recommended' } } as LedgerEvent;
    expect(await cell([...activity, recommended, linked('r1', 'l1', 'survey-1')], 'org-a', 'consultation', 'taking_action')).toMatchObject({ backedByEvidence: false, influencedActivityIds: [] });

    const toldParticipants = [...activity, feedbackGiven('survey-1')];
    expect(await cell(toldParticipants, 'org-a', 'consultation', 'taking_action')).toMatchObject({
      backedByEvidence: true,
      influencedActivityIds: [],
      feedbackGivenActivityIds: ['survey-1'],
    });
  });

  it('filters by cycle and organisation', async () => {
    const events = [...base, submitted('org-a', 'a', 2), submitted('org-b', 'b', 2)];
    expect(await rows(matrixView, events)).toHaveLength(40);
    expect((await rows(matrixView, events, { organisation: 'org-b' })).map((r) => r.organisationId)).toEqual(Array(20).fill('org-b'));
    expect(await rows(matrixView, events, { cycle: 'another-cycle' })).toEqual([]);
  });
});

// ---- Partnership-wide ----

describe('health-check partnership view', () => {
  it('takes the median of an odd or even number of scores', async () => {
    expect(median([4, 1, 3])).toBe(3);
    expect(median([2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('gives the median and lowest of the current submissions, and who gave the lowest', async () => {
    const events = [
      cycleOpened,
      submitted('org-a', 'a1', 4),
      submitted('org-a', 'a2', 3, { supersedes: 'a1' }),
      submitted('org-b', 'b', 1),
      submitted('org-c', 'c', 4, { scores: { consultation: { partnership: 1 } } }),
    ];
    const partnership = await rows(partnershipView, events);
    expect(partnership).toHaveLength(20);
    expect(partnership.find((r) => r.category === 'acting_together' && r.dimension === 'planning')).toMatchObject({
      submissions: 3,
      median: 3,
      lowest: 1,
      lowestOrganisationIds: ['org-b'],
    });
    expect(partnership.find((r) => r.category === 'consultation' && r.dimension === 'partnership')).toMatchObject({
      median: 1,
      lowest: 1,
      lowestOrganisationIds: ['org-b', 'org-c'],
    });
    expect(partnership.find((r) => r.category === 'information_giving' && r.dimension === 'depth')).toMatchObject({
      applicable: false,
      submissions: 3,
      median: null,
      lowest: null,
    });
  });
});

// ---- Who has not submitted ----

describe('health-check not-submitted view', () => {
  const events: LedgerEvent[] = [
    cycleOpened,
    registered('body', 'The Partnership'),
    registered('org-a', 'Alpha Council'),
    registered('org-b', 'Beta Police'),
    registered('elsewhere', 'Elsewhere Trust'),
    {
      type: 'PlanAdopted',
      data: { planId: 'plan', organisationId: 'body', title: 'Test plan', kind: 'strategy', adoptedOn: '2011-06-30', partnerIds: ['org-a', 'org-b', 'org-c'] },
    },
    { type: 'PlanPartnershipAccepted', data: { planId: 'plan', organisationId: 'org-a' } },
    { type: 'PlanPartnershipAccepted', data: { planId: 'plan', organisationId: 'org-b' } },
    submitted('org-a', 'a', 2),
  ];

  it('lists every registered organisation with no submission, and overdue after the due date', async () => {
    expect((await rows(notSubmittedView, events)).map((r) => [r.organisationName, r.overdue])).toEqual([
      ['Beta Police', true],
      ['Elsewhere Trust', true],
      ['The Partnership', true],
    ]);
  });

  it('lists a partnership body\'s partners that accepted with no submission, when asked by partnership; one only invited is not expected', async () => {
    expect(await rows(notSubmittedView, events, { partnership: 'body' })).toEqual([
      { cycleId, cycleName: 'Test cycle', opensOn: '2013-03-31', dueBy: '2013-04-30', organisationId: 'org-b', organisationName: 'Beta Police', replacedBy: null, replacedByName: null, overdue: true },
    ]);
    const accepted: LedgerEvent = { type: 'PlanPartnershipAccepted', data: { planId: 'plan', organisationId: 'org-c' } };
    expect((await rows(notSubmittedView, [...events, accepted], { partnership: 'body' })).map((r) => r.organisationId)).toEqual(['org-b', 'org-c']);
  });

  it('expects the partners of the plans a partnership keeps in draft, but not of a plan superseded', async () => {
    const drafted: LedgerEvent[] = [
      cycleOpened,
      registered('org-a', 'Alpha Council'),
      { type: 'PlanDrafted', data: { planId: 'old', organisationId: 'body', title: 'Old plan', kind: 'strategy', draftedOn: '2010-01-01', partnerIds: ['org-a'] } },
      { type: 'PlanPartnershipAccepted', data: { planId: 'old', organisationId: 'org-a' } },
    ];
    expect((await rows(notSubmittedView, drafted, { partnership: 'body' })).map((r) => r.organisationId)).toEqual(['org-a']);
    const superseded: LedgerEvent[] = [
      ...drafted,
      { type: 'PlanAdopted', data: { planId: 'new', organisationId: 'body', title: 'New plan', kind: 'strategy', adoptedOn: '2012-01-01', partnerIds: [] } },
      { type: 'PlanSuperseded', data: { planId: 'old', supersededBy: 'new', supersededOn: '2012-01-01' } },
    ];
    expect(await rows(notSubmittedView, superseded, { partnership: 'body' })).toEqual([]);
  });

  it('never expects a network to submit, asked by partnership or not', async () => {
    const withNetwork: LedgerEvent[] = [
      ...events,
      registered('forum', 'Practitioners Forum', 'network'),
      { type: 'PlanAdopted', data: { planId: 'forum-plan', organisationId: 'body', title: 'Forum plan', kind: 'strategy', adoptedOn: '2011-06-30', partnerIds: ['forum'] } },
      { type: 'PlanPartnershipAccepted', data: { planId: 'forum-plan', organisationId: 'forum' } },
    ];
    expect((await rows(notSubmittedView, withNetwork)).map((r) => r.organisationId)).not.toContain('forum');
    expect((await rows(notSubmittedView, withNetwork, { partnership: 'body' })).map((r) => r.organisationId)).toEqual(['org-b']);
  });

  it('says which organisation replaced one that has not submitted', async () => {
    const replaced: LedgerEvent[] = [...events, { type: 'OrganisationReplaced', data: { organisationId: 'elsewhere', replacedBy: 'org-b', replacedOn: '2012-01-01' } }];
    expect((await rows(notSubmittedView, replaced)).find((r) => r.organisationId === 'elsewhere')).toMatchObject({ replacedBy: 'org-b', replacedByName: 'Beta Police' });
  });
});

// ---- The demo ledger, from the seeds ----

describe('health-check read model over the demo ledger', () => {
  let events: ProjectedEvent[];
  beforeAll(async () => {
    events = await seedEvents();
  });
  const run = (view: (typeof views)[number], filters: Filters, on = '2013-05-01') => {
    const { set } = project(projections, events);
    return read(view, set, view.filters.parse(filters), { today: on });
  };

  it('has an empty matrix for Halton 2013: the seed holds the blank template only', async () => {
    expect(await run(matrixView, { cycle: 'halton-2013' })).toEqual([]);
    expect(await run(matrixView, {})).toEqual([]);
  });

  it('lists the Halton partners as not submitted to Halton 2013, overdue after 30 April 2013', async () => {
    const notSubmitted = await run(notSubmittedView, { cycle: 'halton-2013', partnership: 'halton-strategic-partnership' });
    // The plan names as partners the organisations its "Who?" column names (HHT and HSTVCA appear only in progress notes);
    // of those, only the council's part shows in the document: YOT stays invited, and is not expected.
    expect(notSubmitted.map((r) => r.organisationName)).toEqual(['Halton Borough Council']);
    expect(notSubmitted.every((r) => r.overdue === true && r.dueBy === '2013-04-30')).toBe(true);
  });

  it('lists every registered organisation but the networks as not submitted when not asked by partnership', async () => {
    const notSubmitted = await run(notSubmittedView, { cycle: 'halton-2013' }, '2013-04-15');
    const registered = events.flatMap((e) => (e.type === 'OrganisationRegistered' ? [e.data] : []));
    const partners = registered.filter((o) => o.kind !== 'network').map((o) => o.organisationId);
    // Redcar's Coordination Team, Inverclyde's Network, Halton's Operational Group, Network and Practitioners Forum.
    expect(registered.length - partners.length).toBe(5);
    expect(notSubmitted).toHaveLength(22);
    expect(notSubmitted.map((r) => r.organisationId).sort()).toEqual([...partners].sort());
    expect(notSubmitted.map((r) => r.organisationId)).toEqual(expect.arrayContaining(['halton-strategic-partnership', 'halton-borough-council']));
    expect(notSubmitted.every((r) => r.overdue === false)).toBe(true);
  });

  it('shows the Halton 2013 grid partnership-wide with no submissions and no scores', async () => {
    const partnership = await run(partnershipView, { cycle: 'halton-2013' });
    expect(partnership).toHaveLength(20);
    expect(await run(partnershipView, {})).toEqual(partnership);
    expect(partnership.every((r) => r.submissions === 0 && r.median === null && r.lowest === null)).toBe(true);
  });
});
