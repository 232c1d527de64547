import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { projections, views } from '../../../src/projections/read-models/action-tracker/index.js';
import { summaryView } from '../../../src/projections/read-models/action-tracker/summary-view.js';
import { trackerView } from '../../../src/projections/read-models/action-tracker/tracker-view.js';
import { plannedActivity } from '../events.js';
import { envelope, project, run, seedEvents } from '../project.js';

const today = '2013-06-01';

const plan: LedgerEvent[] = [
  { type: 'PlanAdopted', data: { planId: 'ces', organisationId: 'council', title: 'Engagement strategy', kind: 'strategy', adoptedOn: '2011-06-30', partnerIds: [] } },
  { type: 'ObjectiveAdded', data: { planId: 'ces', objectiveId: 'ces-1', code: '1', title: 'Local decision making' } },
  { type: 'ObjectiveAdded', data: { planId: 'ces', objectiveId: 'ces-2', code: '2', title: 'Inclusive engagement' } },
];

function action(actionId: string, more: Partial<EventData<'ActionPlanned'>> = {}): LedgerEvent {
  return {
    type: 'ActionPlanned',
    data: { actionId, organisationId: 'council', planId: 'ces', objectiveId: 'ces-1', what: `Do ${actionId}`, lead: 'Community Development', leadOrganisationIds: [], ...more },
  };
}
const status = (actionId: string, from: EventData<'ActionStatusChanged'>['from'], to: EventData<'ActionStatusChanged'>['to']): LedgerEvent => ({
  type: 'ActionStatusChanged',
  data: { actionId, from, to },
});

const leadAccepted = (actionId: string, organisationId: string): LedgerEvent => ({ type: 'ActionLeadAccepted', data: { actionId, organisationId } });

const track = (events: LedgerEvent[], filters: Record<string, unknown> = {}) =>
  run(trackerView, project(projections, envelope([...plan, ...events])).set, trackerView.filters.parse(filters), { today });

describe('action tracker', () => {
  it('lists each action under its plan and objective, in the plan’s order, with their titles', async () => {
    const rows = await track([
      action('b', { objectiveId: 'ces-2' }),
      action('z-first', { objectiveId: 'ces-1' }),
      action('a-second', { objectiveId: 'ces-1' }),
      action('loose', { objectiveId: undefined }),
      { type: 'ObjectiveAmended', data: { planId: 'ces', objectiveId: 'ces-2', title: 'Accessible and inclusive engagement', reason: 'Board wording' } },
    ]);
    expect(rows.map((r) => [r.objectiveCode, r.actionId])).toEqual([
      ['1', 'z-first'],
      ['1', 'a-second'],
      ['2', 'b'],
      [null, 'loose'],
    ]);
    expect(rows[2]).toMatchObject({ planId: 'ces', planTitle: 'Engagement strategy', objectiveId: 'ces-2', objectiveTitle: 'Accessible and inclusive engagement' });
  });

  it('shows what, lead, status, timing and how often it moved, and the latest progress note', async () => {
    const [row] = await track([
      action('finder', { targetDate: '2012-12-31', timescale: 'December 2012', leadOrganisationIds: ['council'] }),
      status('finder', 'planned', 'in_progress'),
      { type: 'ActionProgressNoted', data: { actionId: 'finder', notedOn: '2013-03-12', note: 'Training organised' } },
      { type: 'ActionProgressNoted', data: { actionId: 'finder', notedOn: '2012-11-01', note: 'Recorded late' } },
      { type: 'ActionRetimed', data: { actionId: 'finder', targetDate: '2013-04-30', timescale: 'April 2013', reason: 'Slipped' } },
      { type: 'ActionRetimed', data: { actionId: 'finder', targetDate: '2013-07-31', reason: 'Slipped again' } },
      { type: 'ActionReassigned', data: { actionId: 'finder', lead: 'Research & Intelligence', leadOrganisationIds: ['council'], reason: 'Restructure' } },
    ]);
    expect(row).toMatchObject({
      actionId: 'finder',
      what: 'Do finder',
      lead: 'Research & Intelligence',
      status: 'in_progress',
      withdrawn: false,
      targetDate: '2013-07-31',
      timescale: 'April 2013',
      timesMoved: 2,
      progressNotes: 2,
      latestProgressOn: '2013-03-12',
      latestProgressNote: 'Training organised',
      overdue: false,
      daysOverdue: null,
    });
  });

  it('marks an action overdue once its target date has passed, unless it is completed or withdrawn', async () => {
    const rows = await track([
      action('late', { targetDate: '2013-04-30' }),
      action('due-today', { targetDate: '2013-06-01' }),
      action('done', { targetDate: '2012-04-30' }),
      status('done', 'planned', 'completed'),
      action('dropped', { targetDate: '2012-04-30' }),
      status('dropped', 'planned', 'withdrawn'),
      action('held', { targetDate: '2013-01-31' }),
      status('held', 'planned', 'on_hold'),
      action('ongoing', { timescale: 'Continuous' }),
    ]);
    expect(rows.map((r) => [r.actionId, r.overdue, r.daysOverdue])).toEqual([
      ['late', true, 32],
      ['due-today', false, null],
      ['done', false, null],
      ['dropped', false, null],
      ['held', true, 121],
      ['ongoing', false, null],
    ]);
    // As of another day.
    expect((await track([action('late', { targetDate: '2013-04-30' })], { asOf: '2013-04-30' }))[0]).toMatchObject({ asOf: '2013-04-30', overdue: false });
  });

  it('keeps withdrawn actions, marked, and counts reopenings', async () => {
    const rows = await track([
      action('network'),
      status('network', 'planned', 'withdrawn'),
      action('toolkit'),
      status('toolkit', 'planned', 'completed'),
      { type: 'ActionReopened', data: { actionId: 'toolkit', from: 'completed', reason: 'Needs sharing with groups' } },
      status('toolkit', 'in_progress', 'completed'),
      { type: 'ActionReopened', data: { actionId: 'toolkit', from: 'completed', reason: 'Reviewed again' } },
    ]);
    expect(rows.map((r) => [r.actionId, r.status, r.withdrawn, r.reopenings])).toEqual([
      ['network', 'withdrawn', true, 0],
      ['toolkit', 'in_progress', false, 2],
    ]);
  });

  it('filters by plan, objective, status, lead organisation and overdue', async () => {
    const events: LedgerEvent[] = [
      action('a', { targetDate: '2013-01-31', leadOrganisationIds: ['housing-trust'] }),
      leadAccepted('a', 'housing-trust'),
      action('b', { objectiveId: 'ces-2', targetDate: '2014-01-31' }),
      status('b', 'planned', 'in_progress'),
      action('c', { planId: 'other', objectiveId: undefined, organisationId: 'police' }),
    ];
    const ids = async (filters: Record<string, unknown>) => (await track(events, filters)).map((r) => r.actionId);
    expect(await ids({})).toEqual(['a', 'b', 'c']);
    expect(await ids({ plan: 'ces' })).toEqual(['a', 'b']);
    expect(await ids({ objective: 'ces-2' })).toEqual(['b']);
    expect(await ids({ status: 'in_progress' })).toEqual(['b']);
    expect(await ids({ organisation: 'housing-trust' })).toEqual(['a']);
    expect(await ids({ organisation: 'council' })).toEqual(['a', 'b']);
    expect(await ids({ organisation: 'police' })).toEqual(['c']);
    expect(await ids({ overdue: 'true' })).toEqual(['a']);
    expect(await ids({ overdue: 'false' })).toEqual(['b', 'c']);
  });

  it('given actions that name the decision they carry out (ActionPlanned v2) and one that names none, when filtered by decision, then only those carrying it out are listed', async () => {
    const events = [action('a', { decisionId: 'board-2013' }), action('b', { objectiveId: 'ces-2' }), action('c', { decisionId: 'cabinet-2013' })];
    expect((await track(events, { decision: 'board-2013' })).map((r) => [r.actionId, r.decisionId])).toEqual([['a', 'board-2013']]);
    expect((await track(events)).map((r) => [r.actionId, r.decisionId])).toEqual([
      ['a', 'board-2013'],
      ['c', 'cabinet-2013'],
      ['b', null],
    ]);
    expect(await track(events, { decision: 'nobody-decided-this' })).toEqual([]);
  });

  it('sums up each plan: actions by status, overdue and moved', async () => {
    const { set } = project(
      projections,
      envelope([
        ...plan,
        { type: 'PlanAdopted', data: { planId: 'empty', organisationId: 'police', title: 'No actions yet', kind: 'strategy', adoptedOn: '2012-01-01', partnerIds: [] } },
        action('a', { targetDate: '2013-01-31' }),
        action('b', { targetDate: '2013-01-31' }),
        status('b', 'planned', 'completed'),
        action('c'),
        status('c', 'planned', 'withdrawn'),
        action('d', { targetDate: '2012-01-31' }),
        { type: 'ActionRetimed', data: { actionId: 'd', targetDate: '2014-01-31', reason: 'Funding' } },
      ]),
    );
    const rows = await run(summaryView, set, summaryView.filters.parse({}), { today });
    const stage = { planStatus: 'adopted', supersededBy: null, supersededByTitle: null };
    expect(rows).toEqual([
      { planId: 'ces', planTitle: 'Engagement strategy', ...stage, actions: 4, planned: 2, in_progress: 0, on_hold: 0, completed: 1, withdrawn: 1, overdue: 1, moved: 1, asOf: today },
      { planId: 'empty', planTitle: 'No actions yet', ...stage, actions: 0, planned: 0, in_progress: 0, on_hold: 0, completed: 0, withdrawn: 0, overdue: 0, moved: 0, asOf: today },
    ]);
    expect((await run(summaryView, set, summaryView.filters.parse({ asOf: '2013-01-31' }), { today }))[0]).toMatchObject({ overdue: 0 });
    expect((await run(summaryView, set, summaryView.filters.parse({ organisation: 'police' }), { today })).map((r) => r.planId)).toEqual(['empty']);
    expect((await run(summaryView, set, summaryView.filters.parse({ plan: 'ces' }), { today })).map((r) => r.planId)).toEqual(['ces']);
  });

  it('given an organisation named as lead that has not answered, then the tracker lists it as invited, and neither its organisation filter nor the summary counts the action for it until it accepts', async () => {
    const named = [action('a', { leadOrganisationIds: ['council', 'housing-trust', 'police'] })];
    const [invited] = await track(named);
    // The recording organisation leads what it names itself; others are invited.
    expect(invited).toMatchObject({ leadOrganisationIds: ['council'], invitedLeadIds: ['housing-trust', 'police'], declinedLeadIds: [] });
    expect(await track(named, { organisation: 'housing-trust' })).toEqual([]);
    const summaryFor = async (events: LedgerEvent[], organisation: string) =>
      run(summaryView, project(projections, envelope([...plan, ...events])).set, summaryView.filters.parse({ organisation }), { today });
    expect(await summaryFor(named, 'housing-trust')).toEqual([]);

    const answered = [...named, leadAccepted('a', 'housing-trust'), { type: 'ActionLeadDeclined', data: { actionId: 'a', organisationId: 'police', reason: 'Not ours' } } as LedgerEvent];
    expect((await track(answered))[0]).toMatchObject({ leadOrganisationIds: ['council', 'housing-trust'], invitedLeadIds: [], declinedLeadIds: ['police'] });
    expect((await track(answered, { organisation: 'housing-trust' })).map((r) => r.actionId)).toEqual(['a']);
    expect(await track(answered, { organisation: 'police' })).toEqual([]);
    expect(await summaryFor(answered, 'housing-trust')).toMatchObject([{ planId: 'ces', actions: 1 }]);
  });

  it('given an action reassigned to another lead, then a lead dropped no longer counts, one kept keeps its answer, and one newly named is only invited', async () => {
    const events: LedgerEvent[] = [
      action('a', { leadOrganisationIds: ['housing-trust', 'police'] }),
      leadAccepted('a', 'housing-trust'),
      leadAccepted('a', 'police'),
      { type: 'ActionReassigned', data: { actionId: 'a', lead: 'Police and the fire service', leadOrganisationIds: ['police', 'fire'], reason: 'Restructure' } },
    ];
    expect((await track(events))[0]).toMatchObject({ lead: 'Police and the fire service', leadOrganisationIds: ['police'], invitedLeadIds: ['fire'] });
    expect(await track(events, { organisation: 'housing-trust' })).toEqual([]);
    expect(await track(events, { organisation: 'fire' })).toEqual([]);
    expect((await track(events, { organisation: 'police' })).map((r) => r.actionId)).toEqual(['a']);
  });

  it('given a plan still in draft, then its actions are listed under its title and objectives, with the plan’s stage as it moves from draft to proposed to adopted', async () => {
    const drafted: LedgerEvent[] = [
      { type: 'PlanDrafted', data: { planId: 'draft', organisationId: 'council', title: 'Draft engagement strategy', kind: 'strategy', draftedOn: '2006-04-30', draftVersion: 'Version 1.1', partnerIds: [] } },
      { type: 'ObjectiveAdded', data: { planId: 'draft', objectiveId: 'aim-1', code: 'Aim 1', title: 'Better information' } },
      action('d1', { planId: 'draft', objectiveId: 'aim-1' }),
    ];
    const stage = async (events: LedgerEvent[]) => {
      const { set } = project(projections, envelope(events));
      const [row] = await run(trackerView, set, trackerView.filters.parse({ plan: 'draft' }), { today });
      const [summary] = await run(summaryView, set, summaryView.filters.parse({ plan: 'draft' }), { today });
      return { row, summary };
    };
    expect((await stage(drafted)).row).toMatchObject({ planTitle: 'Draft engagement strategy', planStatus: 'draft', objectiveCode: 'Aim 1', objectiveTitle: 'Better information' });
    expect((await stage(drafted)).summary).toMatchObject({ planTitle: 'Draft engagement strategy', planStatus: 'draft', actions: 1 });
    const proposed = [...drafted, { type: 'PlanProposed', data: { planId: 'draft', proposedOn: '2006-06-01', proposedTo: 'Cabinet' } } as LedgerEvent];
    expect((await stage(proposed)).row).toMatchObject({ planStatus: 'proposed', planTitle: 'Draft engagement strategy' });
    const adopted = [
      ...proposed,
      { type: 'PlanAdopted', data: { planId: 'draft', organisationId: 'council', title: 'Engagement and involvement strategy', kind: 'strategy', adoptedOn: '2006-07-01', partnerIds: [] } } as LedgerEvent,
    ];
    expect((await stage(adopted)).row).toMatchObject({ planStatus: 'adopted', planTitle: 'Engagement and involvement strategy', objectiveTitle: 'Better information' });
  });

  it('given a plan superseded by another, then the tracker and the summary say it is superseded, and by which plan', async () => {
    const { set } = project(
      projections,
      envelope([
        ...plan,
        action('a'),
        { type: 'PlanAdopted', data: { planId: 'ces-2013', organisationId: 'council', title: 'Engagement strategy 2013-16', kind: 'strategy', adoptedOn: '2013-04-01', partnerIds: [] } },
        { type: 'PlanSuperseded', data: { planId: 'ces', supersededBy: 'ces-2013', supersededOn: '2013-04-01', reason: 'New strategy' } },
      ]),
    );
    expect((await run(trackerView, set, trackerView.filters.parse({ plan: 'ces' }), { today }))[0]).toMatchObject({ planStatus: 'superseded', planSupersededBy: 'ces-2013', planTitle: 'Engagement strategy' });
    expect(await run(summaryView, set, summaryView.filters.parse({}), { today })).toMatchObject([
      { planId: 'ces', planStatus: 'superseded', supersededBy: 'ces-2013', supersededByTitle: 'Engagement strategy 2013-16', actions: 1 },
      { planId: 'ces-2013', planStatus: 'adopted', supersededBy: null, supersededByTitle: null, actions: 0 },
    ]);
  });

  it('given dated milestones, then the tracker counts them, those reached, and names the next one due', async () => {
    const milestone = (milestoneId: string, due: string): LedgerEvent => ({ type: 'ActionMilestoneAdded', data: { actionId: 'forum', milestoneId, what: `Milestone ${milestoneId}`, due } });
    const events: LedgerEvent[] = [action('forum'), milestone('lead', '2016-09-30'), milestone('paper', '2016-06-30'), action('none')];
    expect((await track(events)).map((r) => [r.actionId, r.milestones, r.milestonesReached, r.nextMilestone, r.nextMilestoneDue])).toEqual([
      ['forum', 2, 0, 'Milestone paper', '2016-06-30'],
      ['none', 0, 0, null, null],
    ]);
    const reached = [...events, { type: 'ActionMilestoneReached', data: { actionId: 'forum', milestoneId: 'paper', reachedOn: '2016-06-28' } } as LedgerEvent];
    expect((await track(reached))[0]).toMatchObject({ milestones: 2, milestonesReached: 1, nextMilestone: 'Milestone lead', nextMilestoneDue: '2016-09-30' });
  });

  it('given activities that name the plan action they deliver (ActivityPlanned v3), then the tracker lists them against that action, and an amendment can name it later', async () => {
    const events: LedgerEvent[] = [
      action('network'),
      action('toolkit'),
      plannedActivity('forum-2', { title: 'Practitioners forum, June', actionId: 'network', window: { opens: '2013-06-10', closes: '2013-06-10' } }),
      plannedActivity('forum-1', { title: 'Practitioners forum, March', actionId: 'network', window: { opens: '2013-03-11', closes: '2013-03-11' } }),
      plannedActivity('survey', { title: 'Residents survey' }),
      { type: 'ActivityDetailsAmended', data: { activityId: 'survey', changes: { actionId: 'toolkit' }, reason: 'It tested the toolkit' } },
    ];
    expect((await track(events)).map((r) => [r.actionId, r.deliveringActivities, (r.deliveredBy as { title: string }[]).map((a) => a.title)])).toEqual([
      ['network', 2, ['Practitioners forum, March', 'Practitioners forum, June']],
      ['toolkit', 1, ['Residents survey']],
    ]);
    expect((await track(events))[0]?.deliveredBy).toEqual([
      { activityId: 'forum-1', title: 'Practitioners forum, March', status: 'planned' },
      { activityId: 'forum-2', title: 'Practitioners forum, June', status: 'planned' },
    ]);
  });

  it('offers both views', async () => {
    expect(views.map((v) => v.path)).toEqual(['/v1/action-plans/tracker', '/v1/action-plans/summary']);
  });
});

describe('action tracker on the demo ledger', async () => {
  const { set } = project(projections, await seedEvents());
  const halton = 'halton-ce-strategy-2011';
  const tracker = (filters: Record<string, unknown>) => run(trackerView, set, trackerView.filters.parse(filters), { today });

  it('lists Halton’s 21 actions under its five objectives', async () => {
    const rows = await tracker({ plan: halton });
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((r) => r.objectiveTitle))).toEqual(
      new Set([
        'Citizen focused local decision making',
        'Accessible and inclusive engagement',
        'Open, efficient and effective engagement',
        'Innovative engagement',
        'Using and responding to customer initiated engagement',
      ]),
    );
    expect(rows.map((r) => r.objectiveCode)).toEqual(['1', '1', '1', '1', '2', '2', '2', '2', '2', '3', '3', '3', '3', '3', '3', '3', '3', '4', '4', '4', '5']);
    expect(rows[0]).toMatchObject({
      planTitle: 'HSP Community Engagement Strategy Action Plan',
      actionId: 'halton-action-support-councillors',
      timescale: 'Continuous',
      targetDate: null,
      // Appendix A is "Updated November 2012": its notes date from then, not from the report of March 2013.
      latestProgressOn: '2012-11-30',
    });
  });

  it('reads Halton’s statuses as the progress notes state them: 3 completed, 9 in progress, 9 with none stated, none withdrawn', async () => {
    const [summary] = await run(summaryView, set, summaryView.filters.parse({ plan: halton, asOf: '2013-03-12' }), { today });
    expect(summary).toMatchObject({ actions: 21, completed: 3, withdrawn: 0, in_progress: 9, planned: 9, on_hold: 0 });
    // "Replaced by" says what became of the Network, not of the action; the grey shading that marks a withdrawn row is not in the text.
    expect(await tracker({ plan: halton, status: 'withdrawn' })).toEqual([]);
    expect((await tracker({ plan: halton })).find((r) => r.actionId === 'halton-action-community-engagement-network')).toMatchObject({
      what: 'Re-establish the Community Engagement Network',
      status: 'planned',
      latestProgressNote: expect.stringContaining('replaced by the Community Practitioners Forum'),
    });
    expect((await tracker({ plan: halton, status: 'completed' })).map((r) => r.actionId)).toEqual([
      'halton-action-hard-to-reach-guidance',
      'halton-action-unengaged-groups-guidance',
      'halton-action-consultation-finder-training',
    ]);
  });

  it('shows which of Halton’s actions were overdue on the day of the report', async () => {
    const overdue = await tracker({ plan: halton, asOf: '2013-03-12', overdue: 'true' });
    expect(overdue.map((r) => [r.actionId, r.targetDate, r.status])).toEqual([
      ['halton-action-awareness-of-mechanisms', '2012-04-30', 'planned'],
      ['halton-action-community-engagement-toolkit', '2012-04-30', 'in_progress'],
      ['halton-action-community-engagement-network', '2012-04-30', 'planned'],
      ['halton-action-electronic-survey-standards', '2012-12-31', 'in_progress'],
    ]);
  });

  it('lists Highland’s six improvements, with their actions, under the plan as drafted and proposed to the CPP (not adopted)', async () => {
    const rows = await tracker({ plan: 'highland-cpip-2016' });
    expect(new Set(rows.map((r) => r.objectiveCode))).toEqual(new Set(['Improvement 1', 'Improvement 2', 'Improvement 3', 'Improvement 4', 'Improvement 5', 'Improvement 6']));
    expect(rows).toHaveLength(22);
    expect(rows.every((r) => r.status === 'planned')).toBe(true);
    expect(new Set(rows.map((r) => [r.planTitle, r.planStatus].join(' | ')))).toEqual(new Set(['Community Planning Improvement Programme: improvement plan | proposed']));
    // The CPP is named as lead of some actions and never accepted: it leads nothing yet.
    const collate = rows.find((r) => r.actionId === 'highland-action-1-collate-information');
    expect(collate).toMatchObject({ leadOrganisationIds: [], invitedLeadIds: ['highland-cpp'] });
    expect((await tracker({ plan: 'highland-cpip-2016', organisation: 'highland-cpp' }))).toEqual([]);
    // "Paper to CPP Board in June 2016", then "CPP to identify owner/lead for Sept 2016".
    expect(rows.find((r) => r.actionId === 'highland-action-1-capacity-building-forum')).toMatchObject({
      milestones: 2,
      milestonesReached: 0,
      nextMilestone: 'Paper to CPP Board in June 2016.',
      nextMilestoneDue: '2016-06-30',
    });
  });

  it('carries each Halton action out from the Strategic Partnership Board’s approval of June 2011, and finds them by that decision', async () => {
    const rows = await tracker({ decision: 'halton-hsp-board-2011-06' });
    expect(rows).toHaveLength(21);
    expect(new Set(rows.map((r) => r.planId))).toEqual(new Set([halton]));
  });

  it('sums up every plan in the seeds', async () => {
    const rows = await run(summaryView, set, summaryView.filters.parse({ asOf: '2013-03-12' }), { today });
    expect(rows.map((r) => [r.planId, r.planStatus, r.actions])).toEqual([
      // Chester-le-Street's draft: the 29 key actions of Appendix 2 and its two monitoring arrangements.
      ['cls-ce-involvement-strategy-2006', 'draft', 31],
      ['halton-ce-strategy-2011', 'adopted', 21],
      // "Drafted for consideration and adoption", put to the CPP.
      ['highland-cpip-2016', 'proposed', 22],
      // The Network's draft, put to the Regeneration Committee in September 2009.
      ['inverclyde-ce-implementation-plan', 'proposed', 4],
      // The actions asked for when the revised strategy was approved in August 2008 (4.2, 4.3).
      ['inverclyde-ce-strategy-2008', 'adopted', 5],
      ['rc-ce-capacity-building-plan', 'adopted', 7],
    ]);
    expect(rows.every((r) => typeof r.planTitle === 'string')).toBe(true);
  });
});
