import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { clustersView } from '../../../src/projections/read-models/duplication/clusters-view.js';
import { projections, views } from '../../../src/projections/read-models/duplication/index.js';
import { loadView } from '../../../src/projections/read-models/duplication/load-view.js';
import { envelope, project, run, seedEvents } from '../project.js';

const today = '2026-01-01';

type Spec = Partial<Omit<EventData<'ActivityPlanned'>, 'window'>> & { opens: string; closes: string };

let counter = 0;
function planned(spec: Spec): LedgerEvent {
  const { opens, closes, ...rest } = spec;
  return {
    type: 'ActivityPlanned',
    data: {
      activityId: `activity-${++counter}`,
      organisationId: 'org-a',
      title: 'An activity',
      category: 'consultation',
      method: 'survey',
      topics: ['housing'],
      areaIds: ['ward-1'],
      communityIds: [],
      jointPartnerIds: [],
      documents: [],
      window: { opens, closes },
      ...rest,
    },
  };
}

const reference: LedgerEvent[] = [
  { type: 'OrganisationRegistered', data: { organisationId: 'org-a', name: 'Council', kind: 'council_service' } },
  { type: 'OrganisationRegistered', data: { organisationId: 'org-b', name: 'Police', kind: 'police' } },
  { type: 'OrganisationRegistered', data: { organisationId: 'org-c', name: 'Health', kind: 'health' } },
  { type: 'AreaDefined', data: { areaId: 'ward-1', name: 'Ward One', kind: 'ward' } },
  { type: 'AreaDefined', data: { areaId: 'ward-2', name: 'Ward Two', kind: 'ward' } },
  { type: 'CommunityOfInterestDefined', data: { communityId: 'young-people', name: 'Young people', protectedCharacteristic: 'age', hardToReach: true } },
];

const clusters = (events: LedgerEvent[], filters: Parameters<typeof clustersView.page>[1] = {}) =>
  run(clustersView, project(projections, envelope([...reference, ...events])).set, filters, { today });

const load = (events: LedgerEvent[], filters: Partial<Parameters<typeof loadView.page>[1]> = {}) =>
  run(loadView, project(projections, envelope([...reference, ...events])).set, loadView.filters.parse(filters), { today });

describe('duplication projection', () => {
  it('keeps an activity as planned, amended, rescheduled and where it stands', async () => {
    const { documents } = project(
      projections,
      envelope([
        planned({ activityId: 'survey', opens: '2013-01-01', closes: '2013-01-31', topics: ['Housing'] }),
        { type: 'ActivityDetailsAmended', data: { activityId: 'survey', changes: { title: 'Tenants survey', topics: ['housing', 'repairs'] }, reason: 'Scope' } },
        { type: 'ActivityRescheduled', data: { activityId: 'survey', window: { opens: '2013-02-01', closes: '2013-02-28' }, reason: 'Printing' } },
        { type: 'ActivityOpened', data: { activityId: 'survey', openedOn: '2013-02-01' } },
      ]),
    );
    expect(documents['activity:survey']).toMatchObject({
      title: 'Tenants survey',
      topics: ['housing', 'repairs'],
      window: { opens: '2013-02-01', closes: '2013-02-28' },
      status: 'open',
    });
  });

  it('keeps the names of organisations (their kind, and what replaced one), areas and communities of interest', async () => {
    const { documents } = project(
      projections,
      envelope([
        ...reference,
        { type: 'OrganisationRenamed', data: { organisationId: 'org-b', name: 'Constabulary', reason: 'Merger' } },
        { type: 'OrganisationReplaced', data: { organisationId: 'org-a', replacedBy: 'org-b', replacedOn: '2013-04-01', reason: 'Merged' } },
      ]),
    );
    expect(documents['organisation:org-b']).toEqual({ organisationId: 'org-b', name: 'Constabulary', kind: 'police', replacedBy: null, replacedOn: null });
    expect(documents['organisation:org-a']).toMatchObject({ replacedBy: 'org-b', replacedOn: '2013-04-01' });
    expect(documents['area:ward-2']).toMatchObject({ name: 'Ward Two' });
    expect(documents['community:young-people']).toMatchObject({ name: 'Young people' });
  });

  it('offers both views', async () => {
    expect(views.map((v) => v.path)).toEqual(['/v1/duplication/clusters', '/v1/duplication/load']);
  });
});

describe('duplication clusters', () => {
  it('joins activities of different organisations on a shared area, topic and dates, and suggests the days they share', async () => {
    const rows = await clusters([
      planned({ activityId: 'council-survey', organisationId: 'org-a', topics: ['Housing '], opens: '2013-01-01', closes: '2013-02-28' }),
      planned({ activityId: 'police-forum', organisationId: 'org-b', topics: ['housing', 'crime'], opens: '2013-02-01', closes: '2013-03-31' }),
    ]);
    expect(rows).toEqual([
      expect.objectContaining({
        clusterId: 'council-survey',
        activityIds: ['council-survey', 'police-forum'],
        organisationIds: ['org-a', 'org-b'],
        sharedAreaIds: ['ward-1'],
        sharedCommunityIds: [],
        sharedTopics: ['housing'],
        overlapFrom: '2013-02-01',
        overlapTo: '2013-02-28',
        suggestedOpens: '2013-02-01',
        suggestedCloses: '2013-02-28',
        suggestedWindowBasis: 'common',
      }),
    ]);
    expect(rows[0]?.activities).toEqual([
      expect.objectContaining({ activityId: 'council-survey', organisationName: 'Council', opens: '2013-01-01', closes: '2013-02-28' }),
      expect.objectContaining({ activityId: 'police-forum', organisationName: 'Police', topics: ['housing', 'crime'] }),
    ]);
  });

  it('joins on a shared community of interest as well as a shared area', async () => {
    const rows = await clusters([
      planned({ organisationId: 'org-a', areaIds: ['ward-1'], communityIds: ['young-people'], opens: '2013-01-01', closes: '2013-01-31' }),
      planned({ organisationId: 'org-b', areaIds: ['ward-2'], communityIds: ['young-people'], opens: '2013-01-15', closes: '2013-01-20' }),
    ]);
    expect(rows).toMatchObject([{ sharedAreaIds: [], sharedCommunityIds: ['young-people'], overlapFrom: '2013-01-15', overlapTo: '2013-01-20' }]);
  });

  it('does not count an organisation as duplicating itself', async () => {
    expect(
      await clusters([
        planned({ organisationId: 'org-a', opens: '2013-01-01', closes: '2013-01-31' }),
        planned({ organisationId: 'org-a', opens: '2013-01-10', closes: '2013-01-20' }),
      ]),
    ).toEqual([]);
  });

  it('needs a shared target, a shared topic and a shared day', async () => {
    const base = { organisationId: 'org-a', opens: '2013-01-01', closes: '2013-01-31' };
    expect(await clusters([planned(base), planned({ ...base, organisationId: 'org-b', areaIds: ['ward-2'] })])).toEqual([]);
    expect(await clusters([planned(base), planned({ ...base, organisationId: 'org-b', topics: ['parking'] })])).toEqual([]);
    expect(await clusters([planned(base), planned({ ...base, organisationId: 'org-b', opens: '2013-02-01', closes: '2013-02-28' })])).toEqual([]);
    // Windows touching on one day overlap.
    expect(await clusters([planned(base), planned({ ...base, organisationId: 'org-b', opens: '2013-01-31', closes: '2013-02-28' })])).toHaveLength(1);
  });

  it('joins a chain into one cluster, and suggests the whole span when no day is common to all', async () => {
    const rows = await clusters([
      planned({ activityId: 'a', organisationId: 'org-a', opens: '2013-01-01', closes: '2013-02-10' }),
      planned({ activityId: 'b', organisationId: 'org-b', opens: '2013-02-01', closes: '2013-03-10' }),
      planned({ activityId: 'c', organisationId: 'org-c', opens: '2013-03-01', closes: '2013-04-30' }),
      // org-a again, overlapping "b" and "c": it joins them, whatever "a" already did.
      planned({ activityId: 'd', organisationId: 'org-a', opens: '2013-03-05', closes: '2013-03-06' }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      activityIds: ['a', 'b', 'c', 'd'],
      overlapFrom: '2013-02-01',
      overlapTo: '2013-03-10',
      suggestedOpens: '2013-01-01',
      suggestedCloses: '2013-04-30',
      suggestedWindowBasis: 'span',
    });
    expect(rows[0]?.suggestion).toMatch(/No day is common to all 4 windows/);
  });

  it('keeps separate clusters apart, in order of their first opening', async () => {
    const rows = await clusters([
      planned({ activityId: 'late-1', organisationId: 'org-a', opens: '2014-01-01', closes: '2014-01-31' }),
      planned({ activityId: 'late-2', organisationId: 'org-b', opens: '2014-01-01', closes: '2014-01-31' }),
      planned({ activityId: 'early-1', organisationId: 'org-a', opens: '2013-01-01', closes: '2013-01-31' }),
      planned({ activityId: 'early-2', organisationId: 'org-c', opens: '2013-01-01', closes: '2013-01-31' }),
    ]);
    expect(rows.map((r) => r.activityIds)).toEqual([
      ['early-1', 'early-2'],
      ['late-1', 'late-2'],
    ]);
  });

  it('leaves cancelled activities out', async () => {
    expect(
      await clusters([
        planned({ activityId: 'a', organisationId: 'org-a', opens: '2013-01-01', closes: '2013-01-31' }),
        planned({ activityId: 'b', organisationId: 'org-b', opens: '2013-01-01', closes: '2013-01-31' }),
        { type: 'ActivityCancelled', data: { activityId: 'b', cancelledOn: '2012-12-20', reason: 'Joined the council survey' } },
      ]),
    ).toEqual([]);
  });

  it('filters by organisation taking part, shared area or community, and period', async () => {
    const events = [
      planned({ activityId: 'a', organisationId: 'org-a', opens: '2013-01-01', closes: '2013-01-31' }),
      planned({ activityId: 'b', organisationId: 'org-b', jointPartnerIds: ['org-c'], opens: '2013-01-01', closes: '2013-01-31' }),
      { type: 'JointPartnershipAccepted', data: { activityId: 'b', organisationId: 'org-c' } } as LedgerEvent,
      planned({ activityId: 'y1', organisationId: 'org-a', areaIds: [], communityIds: ['young-people'], opens: '2013-06-01', closes: '2013-06-30' }),
      planned({ activityId: 'y2', organisationId: 'org-b', areaIds: [], communityIds: ['young-people'], opens: '2013-06-01', closes: '2013-06-30' }),
    ];
    const ids = async (filters: Parameters<typeof clustersView.page>[1]) => (await clusters(events, filters)).map((r) => r.clusterId);
    expect(await ids({})).toEqual(['a', 'y1']);
    expect(await ids({ organisation: 'org-c' })).toEqual(['a']);
    expect(await ids({ area: 'ward-1' })).toEqual(['a']);
    expect(await ids({ community: 'young-people' })).toEqual(['y1']);
    expect(await ids({ from: '2013-05-01' })).toEqual(['y1']);
    expect(await ids({ to: '2013-01-01' })).toEqual(['a']);
  });

  it('agrees with comparing every pair, on small random ledgers', async () => {
    let seed = 7;
    // The high bits: a power-of-two LCG's low bits repeat with a short period.
    const random = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), Math.floor((seed / 2_147_483_648) * n));
    const day = (n: number): string => new Date(Date.UTC(2013, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    let found = 0;
    for (let round = 0; round < 20; round++) {
      const activities = Array.from({ length: 60 }, (_, i) => {
        const opens = random(200);
        return {
          activityId: `r${round}-${String(i).padStart(2, '0')}`,
          organisationId: `org-${random(4)}`,
          topics: [`topic ${random(5)}`, `Topic ${random(5)} `],
          areaIds: random(2) ? [`ward-${random(4)}`] : [],
          communityIds: random(2) ? [`community-${random(3)}`] : [],
          window: { opens: day(opens), closes: day(opens + random(30)) },
        };
      });
      // Every pair, the slow way.
      const shared = (a: string[], b: string[]) => a.filter((x) => b.includes(x));
      const norm = (topics: string[]) => topics.map((t) => t.trim().toLowerCase());
      const parent = activities.map((_, i) => i);
      const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
      const pairs: { a: number; b: number; areas: string[]; communities: string[]; topics: string[]; opens: string; closes: string }[] = [];
      activities.forEach((a, i) =>
        activities.forEach((b, j) => {
          if (j <= i || a.organisationId === b.organisationId) return;
          const areas = shared(a.areaIds, b.areaIds);
          const communities = shared(a.communityIds, b.communityIds);
          const topics = shared(norm(a.topics), norm(b.topics));
          const opens = a.window.opens > b.window.opens ? a.window.opens : b.window.opens;
          const closes = a.window.closes < b.window.closes ? a.window.closes : b.window.closes;
          if (areas.length + communities.length === 0 || topics.length === 0 || opens > closes) return;
          pairs.push({ a: i, b: j, areas, communities, topics, opens, closes });
          parent[find(i)] = find(j);
        }),
      );
      const expected = new Map<number, { ids: string[]; areas: Set<string>; communities: Set<string>; topics: Set<string>; opens: string; closes: string }>();
      for (const p of pairs) {
        const root = find(p.a);
        const e = expected.get(root) ?? { ids: [], areas: new Set(), communities: new Set(), topics: new Set(), opens: p.opens, closes: p.closes };
        expected.set(root, e);
        // A pair shares the topics on each shared target.
        p.areas.forEach((x) => e.areas.add(x));
        p.communities.forEach((x) => e.communities.add(x));
        p.topics.forEach((x) => e.topics.add(x));
        if (p.opens < e.opens) e.opens = p.opens;
        if (p.closes > e.closes) e.closes = p.closes;
      }
      activities.forEach((a, i) => expected.get(find(i))?.ids.push(a.activityId));

      const rows = await clusters(activities.map(({ window, ...a }) => planned({ ...a, opens: window.opens, closes: window.closes })));
      const summary = (c: { ids: string[]; areas: Iterable<string>; communities: Iterable<string>; topics: Iterable<string>; opens: string; closes: string }) =>
        JSON.stringify([[...c.ids].sort(), [...c.areas].sort(), [...c.communities].sort(), [...c.topics].sort(), c.opens, c.closes]);
      expect(rows.map((r) => summary({ ids: r.activityIds as string[], areas: r.sharedAreaIds as string[], communities: r.sharedCommunityIds as string[], topics: r.sharedTopics as string[], opens: r.overlapFrom as string, closes: r.overlapTo as string })).sort()).toEqual(
        [...expected.values()].map(summary).sort(),
      );
      found += rows.length;
    }
    expect(found).toBeGreaterThan(40);
  });

  it('finds the planted duplicates among 20,000 generated activities', async () => {
    // Background: 200 areas, each with its own community, 100 activities apiece in back-to-back
    // weeks; 40 organisations and 20 topics shared by all. Activities of different organisations
    // overlap in time and topic all the time, but never in the same area or community.
    const events: LedgerEvent[] = [];
    const topics = Array.from({ length: 20 }, (_, i) => `topic ${i}`);
    const day = (n: number): string => new Date(Date.UTC(2010, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    let seed = 42;
    // The high bits: a power-of-two LCG's low bits repeat with a short period.
    const random = (n: number): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), Math.floor((seed / 2_147_483_648) * n));
    for (let i = 0; i < 20_000; i++) {
      const area = i % 200;
      const slot = Math.floor(i / 200);
      events.push(
        planned({
          activityId: `generated-${i}`,
          organisationId: `org-${random(40)}`,
          topics: [topics[random(20)] as string, topics[random(20)] as string],
          areaIds: [`area-${area}`],
          communityIds: i % 2 === 0 ? [`community-${area}`] : [],
          opens: day(slot * 7),
          closes: day(slot * 7 + 6),
        }),
      );
    }
    // Decoys: the same organisation twice in one week, and different organisations in one week in different areas.
    events.push(planned({ activityId: 'decoy-same-org', organisationId: 'org-x', topics: ['decoy'], areaIds: ['area-1'], opens: day(7), closes: day(13) }));
    events.push(planned({ activityId: 'decoy-same-org-2', organisationId: 'org-x', topics: ['Decoy'], areaIds: ['area-1'], opens: day(8), closes: day(9) }));
    events.push(planned({ activityId: 'decoy-other-area', organisationId: 'org-y', topics: ['decoy'], areaIds: ['area-2'], opens: day(7), closes: day(13) }));
    // Planted: a pair in an area, in a week after every generated activity, on a topic they spell differently...
    const after = 100 * 7 + 30;
    events.push(planned({ activityId: 'planted-pair-1', organisationId: 'org-1', topics: ['Topic 3'], areaIds: ['area-7'], opens: day(after), closes: day(after + 20) }));
    events.push(planned({ activityId: 'planted-pair-2', organisationId: 'org-2', topics: [' topic 3', 'topic 4'], areaIds: ['area-7'], opens: day(after + 10), closes: day(after + 40) }));
    // ...a chain of three through a community then an area...
    events.push(planned({ activityId: 'planted-chain-1', organisationId: 'org-1', topics: ['topic 9'], areaIds: [], communityIds: ['community-50'], opens: day(after), closes: day(after + 5) }));
    events.push(planned({ activityId: 'planted-chain-2', organisationId: 'org-2', topics: ['topic 9', 'topic 10'], areaIds: ['area-99'], communityIds: ['community-50'], opens: day(after + 5), closes: day(after + 9) }));
    events.push(planned({ activityId: 'planted-chain-3', organisationId: 'org-3', topics: ['topic 10'], areaIds: ['area-99'], opens: day(after + 9), closes: day(after + 12) }));
    // ...and one generated activity's twin from another organisation, in its own week and area.
    events.push(planned({ activityId: 'planted-twin', organisationId: 'org-twin', topics: ['topic 0', ...topics.slice(1)], areaIds: ['area-123'], opens: day(57 * 7), closes: day(57 * 7 + 6) }));

    const rows = await run(clustersView, project(projections, envelope(events)).set, {}, { today });

    expect(rows.map((r) => r.activityIds)).toEqual([
      ['generated-11523', 'planted-twin'],
      ['planted-chain-1', 'planted-chain-2', 'planted-chain-3'],
      ['planted-pair-1', 'planted-pair-2'],
    ]);
    expect(rows.find((r) => r.clusterId === 'planted-pair-1')).toMatchObject({ sharedAreaIds: ['area-7'], sharedTopics: ['topic 3'], overlapFrom: day(after + 10), overlapTo: day(after + 20) });
    expect(rows.find((r) => r.clusterId === 'planted-chain-1')).toMatchObject({
      sharedAreaIds: ['area-99'],
      sharedCommunityIds: ['community-50'],
      sharedTopics: ['topic 10', 'topic 9'],
      suggestedWindowBasis: 'span',
    });
  });
});

describe('consultation load', () => {
  it('counts the activities reaching each area and community in each quarter, by category', async () => {
    const rows = await load(
      [
        planned({ activityId: 'survey', category: 'consultation', communityIds: ['young-people'], opens: '2013-03-20', closes: '2013-04-10' }),
        planned({ activityId: 'forum', organisationId: 'org-b', category: 'deciding_together', opens: '2013-02-01', closes: '2013-02-01' }),
      ],
      { from: '2013-01-01', to: '2013-06-30' },
    );
    expect(rows.find((r) => r.targetId === 'ward-1' && r.quarter === '2013-Q1')).toMatchObject({
      quarterStarts: '2013-01-01',
      quarterEnds: '2013-03-31',
      targetKind: 'area',
      targetName: 'Ward One',
      activities: 2,
      byCategory: { information_giving: 0, consultation: 1, deciding_together: 1, acting_together: 0 },
      organisationIds: ['org-a', 'org-b'],
      activityIds: ['forum', 'survey'],
    });
    // The survey runs into April: it counts in both quarters.
    expect(rows.find((r) => r.targetId === 'ward-1' && r.quarter === '2013-Q2')).toMatchObject({ activities: 1, activityIds: ['survey'] });
    expect(rows.find((r) => r.targetId === 'young-people' && r.quarter === '2013-Q2')).toMatchObject({ targetKind: 'community', activities: 1 });
  });

  it('shows every defined area and community in every quarter, so those nobody asked are seen', async () => {
    const rows = await load([planned({ opens: '2013-02-01', closes: '2013-02-10' })], { from: '2013-01-01', to: '2013-06-30' });
    expect(rows.map((r) => `${r.targetId} ${r.quarter} ${r.activities} ${r.underConsulted}`)).toEqual([
      'ward-1 2013-Q1 1 false',
      'ward-1 2013-Q2 0 true',
      'ward-2 2013-Q1 0 true',
      'ward-2 2013-Q2 0 true',
      'young-people 2013-Q1 0 true',
      'young-people 2013-Q2 0 true',
    ]);
  });

  it('names the over- and under-consulted at the thresholds asked for', async () => {
    const events = ['a', 'b', 'c', 'd'].map((id) => planned({ activityId: id, opens: '2013-01-10', closes: '2013-01-20' }));
    const ward1 = async (filters: Partial<Parameters<typeof loadView.page>[1]>) => (await load(events, { area: 'ward-1', ...filters }))[0];
    expect(await ward1({})).toMatchObject({ activities: 4, overConsulted: true, underConsulted: false });
    expect(await ward1({ over: 5 })).toMatchObject({ overConsulted: false });
    expect(await ward1({ under: 4 })).toMatchObject({ underConsulted: true });
    // Thresholds come from the query string as text.
    expect(loadView.filters.parse({ over: '3', under: '1' })).toMatchObject({ over: 3, under: 1 });
  });

  it('runs the period from the first opening to the last closing unless asked, and leaves cancelled activities out', async () => {
    const rows = await load([
      planned({ activityId: 'early', opens: '2012-12-01', closes: '2012-12-31' }),
      planned({ activityId: 'late', opens: '2013-04-01', closes: '2013-04-30' }),
      planned({ activityId: 'called-off', opens: '2013-02-01', closes: '2013-02-28' }),
      { type: 'ActivityCancelled', data: { activityId: 'called-off', cancelledOn: '2013-01-15', reason: 'No budget' } },
    ]);
    expect(rows.filter((r) => r.targetId === 'ward-1').map((r) => [r.quarter, r.activities])).toEqual([
      ['2012-Q4', 1],
      ['2013-Q1', 0],
      ['2013-Q2', 1],
    ]);
  });

  it('counts only an organisation’s activities, and only the areas or communities asked for', async () => {
    const events = [
      planned({ activityId: 'council', opens: '2013-01-10', closes: '2013-01-20' }),
      planned({ activityId: 'joint', organisationId: 'org-b', jointPartnerIds: ['org-a'], communityIds: ['young-people'], opens: '2013-01-10', closes: '2013-01-20' }),
      planned({ activityId: 'police', organisationId: 'org-b', opens: '2013-01-10', closes: '2013-01-20' }),
    ];
    // Invited, org-a does not count the joint activity yet; once it accepts, it does.
    expect((await load(events, { organisation: 'org-a', area: 'ward-1' })).map((r) => r.activityIds)).toEqual([['council']]);
    events.push({ type: 'JointPartnershipAccepted', data: { activityId: 'joint', organisationId: 'org-a' } } as LedgerEvent);
    expect((await load(events, { organisation: 'org-a', area: 'ward-1' })).map((r) => r.activityIds)).toEqual([['council', 'joint']]);
    expect((await load(events, { community: 'young-people' })).map((r) => [r.targetId, r.activities])).toEqual([['young-people', 1]]);
  });
});

describe('duplication on the demo ledger', async () => {
  const { set } = project(projections, await seedEvents());

  it('finds no duplicates: each seed’s activities are led by one organisation', async () => {
    expect(await run(clustersView, set, {}, { today })).toEqual([]);
  });

  it('shows Redcar’s interviews and four workshops as the load on Redcar & Cleveland and its communities in 2007', async () => {
    const rows = await run(loadView, set, loadView.filters.parse({ from: '2007-01-01', to: '2007-06-30', over: '2' }), { today });
    const cell = (targetId: string, quarter: string) => rows.find((r) => r.targetId === targetId && r.quarter === quarter);
    expect(cell('redcar-cleveland', '2007-Q1')).toMatchObject({
      targetName: 'Redcar & Cleveland',
      activities: 3,
      byCategory: { consultation: 3 },
      activityIds: ['rc-anchor-workshop-1', 'rc-data-collection-interviews', 'rc-providers-workshop'],
      overConsulted: true,
    });
    expect(cell('redcar-cleveland', '2007-Q2')).toMatchObject({ activities: 2, activityIds: ['rc-anchor-workshop-2', 'rc-joint-workshop'], overConsulted: true });
    expect(cell('community-anchor-organisations', '2007-Q1')).toMatchObject({ activities: 1, overConsulted: false, underConsulted: false });
    expect(cell('community-anchor-organisations', '2007-Q2')).toMatchObject({ activities: 2 });
    expect(cell('service-providers', '2007-Q1')).toMatchObject({ activities: 2, activityIds: ['rc-data-collection-interviews', 'rc-providers-workshop'] });
    expect(cell('service-providers', '2007-Q2')).toMatchObject({ activities: 1 });
    // The five areas and ten communities the seeds define, in both quarters; all but Redcar's unasked.
    expect(rows).toHaveLength(30);
    expect(rows.filter((r) => r.underConsulted).map((r) => r.targetId)).not.toContain('redcar-cleveland');
    expect(rows.filter((r) => r.underConsulted)).toHaveLength(24);
    expect(cell('older-people', '2007-Q1')).toMatchObject({ targetName: 'Older people', activities: 0, underConsulted: true });
  });

  it('shows Highland’s survey, focus group and two sessions in the first quarter of 2016', async () => {
    const rows = await run(loadView, set, loadView.filters.parse({ area: 'highland', from: '2016-01-01', to: '2016-03-31' }), { today });
    // The survey's window is the span the report allows (it is not dated), so it counts in this quarter and the last of 2015.
    expect(rows).toEqual([
      expect.objectContaining({
        quarter: '2016-Q1',
        activities: 4,
        activityIds: ['highland-cpp-survey', 'highland-planning-session-1', 'highland-planning-session-2', 'highland-third-sector-focus-group'],
        byCategory: expect.objectContaining({ consultation: 2, deciding_together: 2 }),
      }),
    ]);
  });
});
