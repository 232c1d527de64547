import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { calendarView } from '../../../src/projections/read-models/calendar/calendar-view.js';
import { projections, views } from '../../../src/projections/read-models/calendar/index.js';
import { envelope, project, run as read, seedEvents } from '../project.js';

const today = '2026-01-01';

type Spec = Partial<Omit<EventData<'ActivityPlanned'>, 'window'>> & { activityId: string; opens: string; closes: string };

function planned({ opens, closes, ...rest }: Spec): LedgerEvent {
  return {
    type: 'ActivityPlanned',
    data: {
      organisationId: 'org-a',
      title: 'An activity',
      category: 'consultation',
      method: 'survey',
      topics: [],
      areaIds: [],
      communityIds: [],
      jointPartnerIds: [],
      documents: [],
      window: { opens, closes },
      ...rest,
    },
  };
}

const registered: LedgerEvent = { type: 'OrganisationRegistered', data: { organisationId: 'org-a', name: 'Council', kind: 'council_service' } };

const calendar = (events: LedgerEvent[], filters: Record<string, unknown> = {}) =>
  read(calendarView, project(projections, envelope([registered, ...events])).set, calendarView.filters.parse(filters), { today });

describe('calendar', () => {
  it('lists an activity in each month its window touches, with what a finder needs', async () => {
    const rows = await calendar([
      planned({ activityId: 'budget', title: 'Budget consultation', topics: ['Budget'], areaIds: ['ward-1'], opens: '2013-01-20', closes: '2013-03-05' }),
      { type: 'ActivityOpened', data: { activityId: 'budget', openedOn: '2013-01-20' } },
    ]);
    expect(rows.map((r) => [r.period, r.periodStarts, r.periodEnds])).toEqual([
      ['2013-01', '2013-01-01', '2013-01-31'],
      ['2013-02', '2013-02-01', '2013-02-28'],
      ['2013-03', '2013-03-01', '2013-03-31'],
    ]);
    expect(rows[0]).toEqual({
      period: '2013-01',
      periodStarts: '2013-01-01',
      periodEnds: '2013-01-31',
      activityId: 'budget',
      organisationId: 'org-a',
      organisationName: 'Council',
      jointPartnerIds: [],
      invitedPartnerIds: [],
      title: 'Budget consultation',
      category: 'consultation',
      method: 'survey',
      opens: '2013-01-20',
      closes: '2013-03-05',
      areaIds: ['ward-1'],
      communityIds: [],
      topics: ['Budget'],
      status: 'open',
    });
  });

  it('lists by quarter when asked, across a year end', async () => {
    const rows = await calendar([planned({ activityId: 'winter', opens: '2012-11-15', closes: '2013-04-01' })], { period: 'quarter' });
    expect(rows.map((r) => [r.period, r.periodStarts, r.periodEnds])).toEqual([
      ['2012-Q4', '2012-10-01', '2012-12-31'],
      ['2013-Q1', '2013-01-01', '2013-03-31'],
      ['2013-Q2', '2013-04-01', '2013-06-30'],
    ]);
  });

  it('orders by period, then by opening; follows reschedules and keeps cancelled activities, marked', async () => {
    const rows = await calendar([
      planned({ activityId: 'b-late', opens: '2013-02-10', closes: '2013-02-11' }),
      planned({ activityId: 'a-early', opens: '2013-02-01', closes: '2013-02-02' }),
      planned({ activityId: 'moved', opens: '2013-01-05', closes: '2013-01-06' }),
      { type: 'ActivityRescheduled', data: { activityId: 'moved', window: { opens: '2013-02-05', closes: '2013-02-06' }, reason: 'Snow' } },
      { type: 'ActivityCancelled', data: { activityId: 'b-late', cancelledOn: '2013-02-01', reason: 'Merged' } },
    ]);
    expect(rows.map((r) => [r.period, r.activityId, r.status])).toEqual([
      ['2013-02', 'a-early', 'planned'],
      ['2013-02', 'moved', 'planned'],
      ['2013-02', 'b-late', 'cancelled'],
    ]);
  });

  it('finds by topic, words, category, method, status, organisation, area, community and dates', async () => {
    const events: LedgerEvent[] = [
      planned({ activityId: 'parks', title: 'Parks survey', topics: ['Green Space '], areaIds: ['ward-1'], opens: '2013-01-01', closes: '2013-01-31' }),
      planned({
        activityId: 'youth',
        organisationId: 'org-b',
        jointPartnerIds: ['org-a'],
        title: 'Youth forum',
        description: 'Young people on transport',
        category: 'deciding_together',
        method: 'forum',
        communityIds: ['young-people'],
        opens: '2013-03-01',
        closes: '2013-04-30',
      }),
      { type: 'JointPartnershipAccepted', data: { activityId: 'youth', organisationId: 'org-a' } },
      { type: 'ActivityOpened', data: { activityId: 'youth', openedOn: '2013-03-01' } },
    ];
    const ids = async (filters: Record<string, unknown>) => [...new Set((await calendar(events, filters)).map((r) => r.activityId))];
    expect(await ids({ topic: 'green space' })).toEqual(['parks']);
    expect(await ids({ text: 'TRANSPORT' })).toEqual(['youth']);
    expect(await ids({ text: 'green' })).toEqual(['parks']);
    expect(await ids({ category: 'deciding_together' })).toEqual(['youth']);
    expect(await ids({ method: 'survey' })).toEqual(['parks']);
    expect(await ids({ status: 'open' })).toEqual(['youth']);
    expect(await ids({ organisation: 'org-a' })).toEqual(['parks', 'youth']);
    expect(await ids({ organisation: 'org-b' })).toEqual(['youth']);
    expect(await ids({ area: 'ward-1' })).toEqual(['parks']);
    expect(await ids({ community: 'young-people' })).toEqual(['youth']);
    // Dates keep only the months within the period.
    expect((await calendar(events, { from: '2013-04-01', to: '2013-12-31' })).map((r) => [r.period, r.activityId])).toEqual([['2013-04', 'youth']]);
  });

  it('given a joint partner named but not yet answering, then the calendar shows it as invited and its organisation filter does not find the activity until it accepts', async () => {
    const events: LedgerEvent[] = [planned({ activityId: 'youth', organisationId: 'org-b', jointPartnerIds: ['org-a', 'org-c'], opens: '2013-03-01', closes: '2013-03-31' })];
    expect(await calendar(events, { organisation: 'org-a' })).toEqual([]);
    expect((await calendar(events))[0]).toMatchObject({ jointPartnerIds: [], invitedPartnerIds: ['org-a', 'org-c'] });
    const answered: LedgerEvent[] = [
      ...events,
      { type: 'JointPartnershipAccepted', data: { activityId: 'youth', organisationId: 'org-a' } },
      { type: 'JointPartnershipDeclined', data: { activityId: 'youth', organisationId: 'org-c' } },
    ];
    expect((await calendar(answered, { organisation: 'org-a' })).map((r) => r.activityId)).toEqual(['youth']);
    expect(await calendar(answered, { organisation: 'org-c' })).toEqual([]);
    expect((await calendar(answered))[0]).toMatchObject({ jointPartnerIds: ['org-a'], invitedPartnerIds: [] });
  });

  it('offers one view', async () => {
    expect(views.map((v) => v.path)).toEqual(['/v1/calendar']);
  });
});

describe('calendar of the demo ledger', async () => {
  const { set } = project(projections, await seedEvents());
  const run = (filters: Record<string, unknown>) => read(calendarView, set, calendarView.filters.parse(filters), { today });
  const count = (rows: Awaited<ReturnType<typeof run>>) => {
    const counts: Record<string, number> = {};
    for (const r of rows) counts[r.period as string] = (counts[r.period as string] ?? 0) + 1;
    return counts;
  };

  it('shows the Redcar Coordination Team’s interviews and four workshops in March, April and May 2007', async () => {
    const rows = await run({ organisation: 'rc-coordination-team' });
    expect(count(rows)).toEqual({ '2007-03': 3, '2007-04': 1, '2007-05': 1 });
    expect(rows.map((r) => r.activityId)).toEqual(['rc-data-collection-interviews', 'rc-anchor-workshop-1', 'rc-providers-workshop', 'rc-anchor-workshop-2', 'rc-joint-workshop']);
    expect(rows[1]).toMatchObject({ organisationName: 'Engagement Capacity Building Coordination Team', jointPartnerIds: [], category: 'consultation', method: 'workshop', status: 'closed' });
  });

  it('shows them in 2007-Q1 (three) and 2007-Q2 (two)', async () => {
    expect(count(await run({ organisation: 'rc-coordination-team', period: 'quarter' }))).toEqual({ '2007-Q1': 3, '2007-Q2': 2 });
    // The document names no joint partner for them: the Coordination Team itself is the partnership.
    expect(await run({ organisation: 'rcvda', period: 'quarter' })).toEqual([]);
  });

  it('finds Highland’s community planning engagement by topic, none of it left open', async () => {
    // The survey's window is the span the report allows (December 2015 to March 2016), so it shows in each of those months.
    expect((await run({ topic: 'Community Planning' })).map((r) => [r.activityId, r.period])).toEqual([
      ['highland-cpp-board-awareness-session', '2015-12'],
      ['highland-cpp-survey', '2015-12'],
      ['highland-cpp-survey', '2016-01'],
      ['highland-third-sector-focus-group', '2016-01'],
      ['highland-planning-session-1', '2016-01'],
      ['highland-cpp-survey', '2016-02'],
      ['highland-planning-session-2', '2016-02'],
      ['highland-cpp-survey', '2016-03'],
    ]);
    expect(await run({ status: 'open' })).toEqual([]);
  });

  it('holds the seeds’ eleven activities, by the months their windows span', async () => {
    expect(new Set((await run({})).map((r) => r.activityId)).size).toBe(11);
    expect(await run({})).toHaveLength(18);
    // Words are found in titles ("Data collection interviews") and descriptions ("...the output from the data collection interviews").
    expect((await run({ text: 'interview' })).map((r) => r.activityId)).toEqual(['rc-data-collection-interviews', 'rc-providers-workshop']);
  });
});
