import { beforeAll, describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import type { ProjectedEvent, Projection } from '../../../src/projections/projection.js';
import type { ReadModelView } from '../../../src/projections/read-model-view.js';
import * as feedbackLoop from '../../../src/projections/read-models/feedback-loop/index.js';
import { plannedActivity } from '../events.js';
import { engagementReads as engagement } from '../../../src/projections/read-models/engagement/engagement.js';
import { feedbackLoopView } from '../../../src/projections/read-models/feedback-loop/view.js';
import { envelope, project, run as read, seedEvents, type ProjectedSet } from '../project.js';

// An activity planned, opened and closed on the given day, in one line.
const ranAndClosed = (activityId: string, closedOn: string, more: Partial<EventData<'ActivityPlanned'>> = {}): LedgerEvent[] => [
  plannedActivity(activityId, { window: { opens: '2024-01-01', closes: closedOn }, ...more }),

  { type: 'ActivityOpened', data: { activityId, openedOn: '2024-01-01' } },
  { type: 'ActivityClosed', data: { activityId, closedOn, participants: 12 } },
];
const told = (activityId: string, givenOn: string): LedgerEvent => ({
  type: 'FeedbackGivenToParticipants',
  data: { activityId, givenOn, channel: 'newsletter', summary: 'You said, we did', decisionIds: [] },
});

const run = (events: ProjectedEvent[], filters: Record<string, unknown> = {}, today = '2024-06-30') =>
  read(feedbackLoopView, project(engagement, events).set, feedbackLoopView.filters.parse(filters), { today });

describe('feedback loop', () => {
  it('is registered as a read model: its view, over the activities, decisions and organisations', async () => {
    const model: { projections: readonly Projection<unknown>[]; views: readonly ReadModelView[] } = feedbackLoop;
    expect(model.views.map((v) => [v.path, v.reads.map((p) => p.name)])).toEqual([['/v1/feedback-loop', ['activities', 'decisions', 'organisations']]]);
  });

  const events = envelope([
    ...ranAndClosed('untold', '2024-03-31', { areaIds: ['widnes'] }),
    ...ranAndClosed('told', '2024-03-31'),
    told('told', '2024-04-15'),
    ...ranAndClosed('told-later', '2024-03-31'),
    told('told-later', '2024-07-15'),
    ...ranAndClosed('leaflet', '2024-03-31', { category: 'information_giving' }),
    ...ranAndClosed('recent', '2024-06-10', { category: 'acting_together' }),
    ...ranAndClosed('oldest', '2024-01-31', { category: 'deciding_together', jointPartnerIds: ['cheshire-police', 'halton-housing-trust'] }),
    { type: 'JointPartnershipAccepted', data: { activityId: 'oldest', organisationId: 'cheshire-police' } },
    { type: 'DecisionRecorded', data: { decisionId: 'd1', organisationId: 'halton-borough-council', body: 'Executive Board', decidedOn: '2024-05-01', title: 'Budget', outcome: 'Agreed', outcomeKind: 'approved' } },
    { type: 'InfluenceLinked', data: { decisionId: 'd1', linkId: 'l1', source: { kind: 'activity', activityId: 'untold' }, influence: 'changed', rationale: 'Budget shifted' } },
  ]);

  it('lists closed consultations whose participants have not been told 28 days after closing, longest waiting first, with the decisions they fed', async () => {
    expect(await run(events)).toEqual([
      {
        activityId: 'oldest',
        title: 'Activity oldest',
        category: 'deciding_together',
        organisationId: 'halton-borough-council',
        organisationName: null,
        jointPartnerIds: ['cheshire-police'],
        // Named, never answered: it does not run the activity.
        invitedPartnerIds: ['halton-housing-trust'],
        closedOn: '2024-01-31',
        daysSinceClosing: 151,
        decisionCount: 0,
        decisions: [],
      },
      // Feedback dated after today has not been given yet.
      expect.objectContaining({ activityId: 'told-later', daysSinceClosing: 91, decisionCount: 0 }),
      expect.objectContaining({
        activityId: 'untold',
        daysSinceClosing: 91,
        decisionCount: 1,
        decisions: [{ decisionId: 'd1', decidedOn: '2024-05-01', body: 'Executive Board', title: 'Budget', outcomeKind: 'approved', decisionMade: true }],
      }),
    ]);
  });

  it('leaves out information giving, which asks for no views, and activities told the outcome', async () => {
    const ids = (await run(events)).map((r) => r.activityId);
    expect(ids).not.toContain('leaflet');
    expect(ids).not.toContain('told');
  });

  it('takes the number of days from the filter', async () => {
    const ids = async (days: string) => (await run(events, { days })).map((r) => r.activityId);
    expect(await ids('20')).toEqual(['oldest', 'told-later', 'untold', 'recent']);
    expect(await ids('91')).toEqual(['oldest', 'told-later', 'untold']);
    expect(await ids('92')).toEqual(['oldest']);
  });

  it('filters by closing date, organisation (joint partners that accepted included, not those only invited) and area', async () => {
    const ids = async (filters: Record<string, unknown>) => (await run(events, filters)).map((r) => r.activityId);
    expect(await ids({ from: '2024-02-01' })).toEqual(['told-later', 'untold']);
    expect(await ids({ organisation: 'cheshire-police' })).toEqual(['oldest']);
    expect(await ids({ organisation: 'halton-housing-trust' })).toEqual([]);
    expect(await ids({ area: 'widnes' })).toEqual(['untold']);
  });
});

describe('feedback loop in the demo ledger', () => {
  let documents: ProjectedSet;
  beforeAll(async () => {
    documents = project(engagement, await seedEvents()).set;
  });

  it('finds that no seed activity told its participants the outcome: Redcar’s interviews and workshops, Inverclyde’s consultation, Highland’s survey, focus group and sessions', async () => {
    const rows = await read(feedbackLoopView, documents, feedbackLoopView.filters.parse({}), { today: '2026-01-01' });
    expect(rows.map((r) => [r.activityId, r.closedOn, r.daysSinceClosing, (r.decisions as Array<{ decisionId: string }>).map((d) => d.decisionId)])).toEqual([
      ['rc-anchor-workshop-1', '2007-03-19', 6863, ['rc-partnership-board-2007-05-25']],
      ['rc-data-collection-interviews', '2007-03-28', 6854, []],
      ['rc-providers-workshop', '2007-03-29', 6853, ['rc-partnership-board-2007-05-25']],
      ['rc-anchor-workshop-2', '2007-04-25', 6826, ['rc-partnership-board-2007-05-25']],
      ['rc-joint-workshop', '2007-05-09', 6812, ['rc-partnership-board-2007-05-25']],
      ['inverclyde-cen-consultation', '2009-09-03', 5964, []],
      ['highland-third-sector-focus-group', '2016-01-18', 3636, ['highland-cog-2016-04-21']],
      ['highland-planning-session-1', '2016-01-26', 3628, ['highland-cog-2016-04-21']],
      ['highland-planning-session-2', '2016-02-18', 3605, ['highland-cog-2016-04-21']],
      ['highland-cpp-survey', '2016-03-30', 3564, []],
    ]);
    // The CPP Board's awareness session gave information; it owes no feedback.
  });

  it('counts days from the day the Redcar joint workshop closed', async () => {
    const rows = await read(feedbackLoopView, documents, feedbackLoopView.filters.parse({ organisation: 'rc-coordination-team' }), { today: '2007-06-06' });
    expect(rows.map((r) => [r.activityId, r.daysSinceClosing])).toEqual([
      ['rc-anchor-workshop-1', 79],
      ['rc-data-collection-interviews', 70],
      ['rc-providers-workshop', 69],
      ['rc-anchor-workshop-2', 42],
      ['rc-joint-workshop', 28],
    ]);
  });
});
