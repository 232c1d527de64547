import { beforeAll, describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import type { ProjectedEvent, Projection } from '../../../src/projections/projection.js';
import type { ReadModelView, Row } from '../../../src/projections/read-model-view.js';
import * as lawful from '../../../src/projections/read-models/lawful-consultation/index.js';
import { plannedActivity } from '../events.js';
import { engagementReads as engagement } from '../../../src/projections/read-models/engagement/engagement.js';
import { lawfulConsultationView } from '../../../src/projections/read-models/lawful-consultation/view.js';
import { envelope, project, run as read, seedEvents, type ProjectedSet } from '../project.js';

const planned = (activityId: string, window: { opens: string; closes: string }, more: Partial<EventData<'ActivityPlanned'>> = {}): LedgerEvent =>
  plannedActivity(activityId, { method: 'online_consultation', window, ...more });
const opened = (activityId: string, openedOn: string): LedgerEvent => ({ type: 'ActivityOpened', data: { activityId, openedOn } });
const closed = (activityId: string, closedOn: string): LedgerEvent => ({ type: 'ActivityClosed', data: { activityId, closedOn, participants: 120 } });
const finding = (activityId: string, findingId: string): LedgerEvent => ({
  type: 'FindingRecorded',
  data: { activityId, findingId, theme: 'Keep the library', summary: 'Most respondents want the library kept open', feedbackIds: [] },
});
const decided = (decisionId: string, decidedOn: string): LedgerEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, organisationId: 'halton-borough-council', body: 'Executive Board', decidedOn, title: 'Library opening hours', outcome: 'Agreed', outcomeKind: 'approved' },
});
const linked = (decisionId: string, linkId: string, activityId: string, findingId?: string): LedgerEvent => ({
  type: 'InfluenceLinked',
  data: {
    decisionId,
    linkId,
    source: findingId ? { kind: 'finding', activityId, findingId } : { kind: 'activity', activityId },
    influence: 'changed',
    rationale: 'Opening hours kept on Saturdays, as respondents asked',
  },
});

// The event ids below are the envelope's: E000001 is the first event, and so on.
const events = envelope([
  // "fit": 28 days, a consultation paper, closed before the decision, a finding: all four principles met.
  planned('fit', { opens: '2024-01-01', closes: '2024-01-28' }, { documents: [{ title: 'Consultation paper', publishedOn: '2023-12-20' }] }), // E000001
  opened('fit', '2024-01-01'), // E000002
  closed('fit', '2024-01-28'), // E000003
  finding('fit', 'f1'), // E000004
  // "late": rescheduled to 27 days, a paper published later, closed on the decision day, its finding withdrawn.
  planned('late', { opens: '2024-02-01', closes: '2024-03-31' }), // E000005
  { type: 'ActivityRescheduled', data: { activityId: 'late', window: { opens: '2024-02-01', closes: '2024-02-27' }, reason: 'Budget timetable' } }, // E000006
  { type: 'ActivityDocumentPublished', data: { activityId: 'late', document: { title: 'Options paper', publishedOn: '2024-02-01' } } }, // E000007
  opened('late', '2024-02-01'), // E000008
  closed('late', '2024-03-01'), // E000009
  finding('late', 'f2'), // E000010
  { type: 'FindingWithdrawn', data: { activityId: 'late', findingId: 'f2', reason: 'Summarised the wrong survey' } }, // E000011
  // "unclosed": a one-day workshop never closed.
  planned('unclosed', { opens: '2024-02-15', closes: '2024-02-15' }, { category: 'deciding_together', method: 'workshop' }), // E000012
  opened('unclosed', '2024-02-15'), // E000013
  // "leaflet": information giving asks for no views, so it is no consultation to check.
  planned('leaflet', { opens: '2024-01-01', closes: '2024-01-31' }, { category: 'information_giving', method: 'information_campaign' }), // E000014
  opened('leaflet', '2024-01-01'), // E000015
  decided('d1', '2024-03-01'), // E000016
  linked('d1', 'l1', 'fit', 'f1'), // E000017
  linked('d1', 'l2', 'late'), // E000018
  linked('d1', 'l3', 'unclosed'), // E000019
  linked('d1', 'l4', 'leaflet'), // E000020
  linked('d1', 'l5', 'fit'), // E000021
  decided('d2', '2024-04-01'), // E000022
  linked('d2', 'l6', 'fit'), // E000023
  { type: 'InfluenceLinkWithdrawn', data: { decisionId: 'd2', linkId: 'l6', reason: 'Cited in error' } }, // E000024
]);

const run = (input: ProjectedEvent[], filters: Record<string, unknown> = {}) =>
  read(lawfulConsultationView, project(engagement, input).set, lawfulConsultationView.filters.parse(filters), { today: '2024-06-30' });

const principles = (row: Row | undefined) =>
  row && {
    formative: [row.formative, row.formativeEvidence],
    information: [row.information, row.informationEvidence],
    time: [row.time, row.timeEvidence],
    consideration: [row.consideration, row.considerationEvidence],
  };

describe('lawful-consultation check', () => {
  it('is registered as a read model: its view, over the activities, decisions and organisations', async () => {
    const model: { projections: readonly Projection<unknown>[]; views: readonly ReadModelView[] } = lawful;
    expect(model.views.map((v) => [v.path, v.reads.map((p) => p.name)])).toEqual([['/v1/lawful-consultation', ['activities', 'decisions', 'organisations']]]);
  });

  it('checks each consultation a decision cites through a live link, one row per decision and activity', async () => {
    expect((await run(events)).map((r) => [r.decisionId, r.activityId, r.linkIds])).toEqual([
      ['d1', 'fit', ['l1', 'l5']],
      ['d1', 'late', ['l2']],
      ['d1', 'unclosed', ['l3']],
    ]);
  });

  it('meets all four principles for a consultation closed before the decision, with a paper, 28 days and a finding', async () => {
    const [fit] = await run(events);
    expect(fit).toMatchObject({ windowDays: 28, minimumDays: 28, closedOn: '2024-01-28', principlesMet: 4 });
    expect(principles(fit)).toEqual({
      formative: ['met', ['E000003', 'E000016']],
      information: ['met', ['E000001']],
      time: ['met', ['E000001']],
      consideration: ['met', ['E000004', 'E000017', 'E000021']],
    });
  });

  it('fails the formative stage when it closed on the decision day, adequate time on the rescheduled window, and consideration when its finding was withdrawn', async () => {
    const late = (await run(events))[1];
    expect(late).toMatchObject({ windowDays: 27, principlesMet: 1 });
    expect(principles(late)).toEqual({
      formative: ['not_met', ['E000009', 'E000016']],
      information: ['met', ['E000007']],
      time: ['not_met', ['E000006']],
      consideration: ['not_met', ['E000018']],
    });
  });

  it('cannot tell whether an activity that never closed was formative, and cites the plan that listed no documents', async () => {
    const unclosed = (await run(events))[2];
    expect(principles(unclosed)).toEqual({
      formative: ['unknown', ['E000013', 'E000016']],
      information: ['not_met', ['E000012']],
      // A workshop is judged on the notice given, and nothing on the record says when it was announced.
      time: ['unknown', ['E000012']],
      consideration: ['not_met', ['E000019']],
    });
    expect(unclosed).toMatchObject({ timeRule: 'notice', timeDays: null, minimumDays: 14, windowDays: 1 });
  });

  it('takes the minimum window from the filter, for written consultations and surveys only', async () => {
    expect((await run(events, { minimumDays: '27' })).map((r) => [r.activityId, r.timeRule, r.time])).toEqual([
      ['fit', 'window', 'met'],
      ['late', 'window', 'met'],
      ['unclosed', 'notice', 'unknown'],
    ]);
  });

  it('refuses minimums that are not method=days', () => {
    expect(lawfulConsultationView.filters.safeParse({ minimums: 'workshop=7,survey=42' }).data?.minimums).toEqual({ workshop: 7, survey: 42 });
    expect(lawfulConsultationView.filters.safeParse({ minimums: 'banquet=7' }).success).toBe(false);
    expect(lawfulConsultationView.filters.safeParse({ minimums: 'survey=0' }).success).toBe(false);
  });

  it('filters by decision, by decision date and by the cited activity’s organisation', async () => {
    expect(await run(events, { decision: 'd2' })).toEqual([]);
    expect(await run(events, { from: '2024-03-02' })).toEqual([]);
    expect(await run(events, { organisation: 'cheshire-police' })).toEqual([]);
    expect(await run(events, { organisation: 'halton-borough-council' })).toHaveLength(3);
  });
});

describe('adequate time fits the method', () => {
  const workshop = (activityId: string, more: Partial<EventData<'ActivityPlanned'>> = {}) =>
    planned(activityId, { opens: '2024-03-20', closes: '2024-03-20' }, { category: 'deciding_together', method: 'workshop', ...more });
  const at = (event: ProjectedEvent, occurredAt: string): ProjectedEvent => ({ ...event, metadata: { ...event.metadata, occurredAt } });
  const cases = envelope([
    // "invited": an invitation published 20 days before the workshop.
    workshop('invited', { documents: [{ title: 'Invitation and agenda', publishedOn: '2024-02-29' }] }), // E000001
    opened('invited', '2024-03-20'), // E000002
    // "announced": no document, but published on the public site 10 days before (occurredAt below).
    workshop('announced'), // E000003
    { type: 'ActivityPublished', data: { activityId: 'announced' } }, // E000004
    opened('announced', '2024-03-20'), // E000005
    // "late-notice": a paper published after the workshop is no notice of it.
    workshop('late-notice', { documents: [{ title: 'Report of the day', publishedOn: '2024-03-25' }] }), // E000006
    opened('late-notice', '2024-03-20'), // E000007
    // "interviews": nobody is asked to respond in time.
    planned('interviews', { opens: '2024-03-01', closes: '2024-03-10' }, { method: 'interview' }), // E000008
    opened('interviews', '2024-03-01'), // E000009
    decided('d9', '2024-04-01'), // E000010
    linked('d9', 'k1', 'invited'), // E000011
    linked('d9', 'k2', 'announced'), // E000012
    linked('d9', 'k3', 'late-notice'), // E000013
    linked('d9', 'k4', 'interviews'), // E000014
  ]).map((event) => (event.id === 'E000004' ? at(event, '2024-03-10T09:00:00Z') : event));
  const time = async (filters: Record<string, unknown> = {}) =>
    (await run(cases, filters)).map((r) => [r.activityId, r.timeRule, r.time, r.timeDays, r.minimumDays, r.announcedOn, r.timeEvidence]);

  it('judges a workshop on the notice given from when it was first announced, and says which rule it applied', async () => {
    expect(await time()).toEqual([
      ['interviews', 'not_applicable', 'not_applicable', null, null, null, ['E000008']],
      ['announced', 'notice', 'not_met', 10, 14, '2024-03-10', ['E000004', 'E000003']],
      ['invited', 'notice', 'met', 20, 14, '2024-02-29', ['E000001']],
      ['late-notice', 'notice', 'unknown', null, 14, null, ['E000006']],
    ]);
  });

  it('takes the notice and per-method minimums from the filter', async () => {
    expect((await time({ minimumNoticeDays: '11' })).map((r) => r[2])).toEqual(['not_applicable', 'not_met', 'met', 'unknown']);
    expect((await time({ minimumNoticeDays: '10' })).map((r) => r[2])).toEqual(['not_applicable', 'met', 'met', 'unknown']);
    expect((await time({ minimums: 'workshop=21', minimumNoticeDays: '5' })).map((r) => [r[2], r[4]])).toEqual([
      ['not_applicable', null],
      ['not_met', 21],
      ['not_met', 21],
      ['unknown', 21],
    ]);
  });

  it('counts a principle that does not apply neither met nor against', async () => {
    const [interviews] = await run(cases);
    expect(interviews).toMatchObject({ principlesApplicable: 3 });
  });
});

describe('lawful-consultation check and what the body did', () => {
  // A consultation closing on 10 March; recommendations put to the Board on 1 March, citing it.
  const recommendedEarly = envelope([
    planned('survey', { opens: '2024-02-01', closes: '2024-03-10' }), // E000001
    opened('survey', '2024-02-01'), // E000002
    closed('survey', '2024-03-10'), // E000003
    { type: 'DecisionRecorded', data: { decisionId: 'r1', organisationId: 'halton-borough-council', body: 'Scrutiny Board', decidedOn: '2024-03-01', title: 'Library opening hours', outcome: 'The Executive Board is asked to agree', outcomeKind: 'recommended' } }, // E000004
    linked('r1', 'l1', 'survey'), // E000005
  ]);
  const decidedOn = (on: string, outcomeKind: EventData<'RecommendationDecided'>['outcomeKind'] = 'approved'): ProjectedEvent[] =>
    envelope([...recommendedEarly, { type: 'RecommendationDecided', data: { decisionId: 'r1', outcomeKind, decidedOn: on, body: 'Executive Board' } }]); // E000006

  it('given recommendations the body has not decided yet, then the formative stage is unknown, and the row says why and what the item is', async () => {
    const [row] = await run(recommendedEarly);
    expect(row).toMatchObject({
      outcomeKind: 'recommended',
      decisionMade: false,
      formative: 'unknown',
      formativeEvidence: ['E000003', 'E000004'],
      formativeReason: "recommended on 2024-03-01 and not decided since: there is no decision yet to judge the consultation's timing against",
    });
  });

  it('given the body decides after the consultation closed, then the formative stage is met, judged against that day and shown by the event that records it', async () => {
    const [row] = await run(decidedOn('2024-03-20'));
    expect(row).toMatchObject({ outcomeKind: 'approved', decisionMade: true, decidedOn: '2024-03-20', body: 'Executive Board', formative: 'met', formativeEvidence: ['E000003', 'E000006'], formativeReason: null });
  });

  it('given the body decides before the consultation closed, then the formative stage is not met', async () => {
    expect((await run(decidedOn('2024-03-05')))[0]).toMatchObject({ formative: 'not_met', formativeEvidence: ['E000003', 'E000006'] });
  });

  it('given the body only defers or discusses the item, then there is still no decision to judge, and the reason says which', async () => {
    expect((await run(decidedOn('2024-03-20', 'deferred')))[0]).toMatchObject({ formative: 'unknown', formativeReason: expect.stringMatching(/^deferred on 2024-03-20 and not decided since/) });
    expect((await run(decidedOn('2024-03-20', 'discussed')))[0]).toMatchObject({ formative: 'unknown', formativeReason: expect.stringMatching(/^only discussed on 2024-03-20/) });
  });

  it('says why it cannot judge an activity that never closed', async () => {
    expect((await run(events))[2]).toMatchObject({ activityId: 'unclosed', formative: 'unknown', formativeReason: 'the consultation is not recorded as closed' });
  });
});

describe('lawful-consultation check in the demo ledger', () => {
  let seeds: ProjectedEvent[];
  let documents: ProjectedSet;
  beforeAll(async () => {
    seeds = await seedEvents();
    documents = project(engagement, seeds).set;
  });
  const rows = (filters: Record<string, unknown>) => read(lawfulConsultationView, documents, lawfulConsultationView.filters.parse(filters), { today: '2026-01-01' });
  /** What each cited event is, so the evidence reads as the ledger's own record. */
  const described = (ids: unknown) =>
    (ids as string[]).map((id) => {
      const event = seeds.find((e) => e.id === id);
      const data = event?.data as Record<string, unknown> | undefined;
      return `${event?.type} ${String(data?.findingId ?? data?.linkId ?? data?.activityId ?? data?.decisionId)}`;
    });

  // The Redcar workshops were one-day events that closed before the Board met on 25 May 2007, with
  // findings the decision cites: formative stage and conscientious consideration are met. Only the
  // service providers had a paper beforehand (the interviews' report), so sufficient information is met
  // for theirs alone. A workshop is judged on the notice given, not on a consultation's 28-day window
  // (which would mislead): the providers' paper came the day before theirs, one day's notice, short of
  // 14; for the others the record does not say when they were announced, so adequate time is unknown.
  it('shows the Redcar Partnership Board decision met the formative stage and conscientious consideration, information only for the providers’ workshop, and time judged on notice', async () => {
    const board = await rows({ decision: 'rc-partnership-board-2007-05-25' });
    expect(board.map((r) => [r.activityId, r.closedOn, r.windowDays, r.formative, r.information, r.timeRule, r.timeDays, r.time, r.consideration, r.principlesMet])).toEqual([
      ['rc-anchor-workshop-1', '2007-03-19', 1, 'met', 'not_met', 'notice', null, 'unknown', 'met', 2],
      // The providers had the interviews' report before their workshop.
      ['rc-providers-workshop', '2007-03-29', 1, 'met', 'met', 'notice', 1, 'not_met', 'met', 3],
      ['rc-anchor-workshop-2', '2007-04-25', 1, 'met', 'not_met', 'notice', null, 'unknown', 'met', 2],
      ['rc-joint-workshop', '2007-05-09', 1, 'met', 'not_met', 'notice', null, 'unknown', 'met', 2],
    ]);
  });

  it('cites the Redcar workshops’ own events as evidence: their close, their plan, their findings and the links', async () => {
    const [first] = await rows({ decision: 'rc-partnership-board-2007-05-25' });
    expect(described(first?.formativeEvidence)).toEqual(['ActivityClosed rc-anchor-workshop-1', 'DecisionRecorded rc-partnership-board-2007-05-25']);
    expect(described(first?.informationEvidence)).toEqual(['ActivityPlanned rc-anchor-workshop-1']);
    expect(described(first?.timeEvidence)).toEqual(['ActivityPlanned rc-anchor-workshop-1']);
    // The first workshop recorded three findings; the Board cites the second of them.
    expect(described(first?.considerationEvidence)).toEqual([
      'FindingRecorded feedback-systems',
      'FindingRecorded anchor-network',
      'FindingRecorded coordinate-activities',
      'InfluenceLinked rc-link-1',
    ]);
  });

  it('judges the Redcar workshops on notice whatever the window minimum, and meets it for the providers’ when a council asks one day’s notice', async () => {
    expect((await rows({ decision: 'rc-partnership-board-2007-05-25', minimumDays: '1' })).map((r) => r.time)).toEqual(['unknown', 'not_met', 'unknown', 'unknown']);
    expect((await rows({ decision: 'rc-partnership-board-2007-05-25', minimumNoticeDays: '1' })).map((r) => [r.time, r.principlesMet])).toEqual([
      ['unknown', 2],
      ['met', 4],
      ['unknown', 2],
      ['unknown', 2],
    ]);
  });

  // Highland: the focus group and the two planning sessions were held before the COG met; the focus
  // group recorded no findings (the report gives none of its views), the sessions did. The COG was
  // asked "to discuss and comment": recommendations, not a decision, so the formative stage has no
  // decision to be judged against.
  it('checks Highland’s COG item against its three activities, the formative stage unknown as the item is only recommended', async () => {
    const cog = await rows({ decision: 'highland-cog-2016-04-21' });
    expect(cog.map((r) => [r.activityId, r.formative, r.information, r.time, r.consideration])).toEqual([
      ['highland-third-sector-focus-group', 'unknown', 'not_met', 'unknown', 'not_met'],
      ['highland-planning-session-1', 'unknown', 'not_met', 'unknown', 'met'],
      ['highland-planning-session-2', 'unknown', 'not_met', 'unknown', 'met'],
    ]);
    expect(new Set(cog.map((r) => [r.outcomeKind, r.formativeReason].join(' | ')))).toEqual(
      new Set(["recommended | recommended on 2016-04-21 and not decided since: there is no decision yet to judge the consultation's timing against"]),
    );
  });

  it('has nothing to check for Inverclyde’s decision, which cites no engagement', async () => {
    expect(await rows({ decision: 'inverclyde-rc-2009-09-03' })).toEqual([]);
  });
});
