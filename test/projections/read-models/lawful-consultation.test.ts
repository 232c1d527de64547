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
      time: ['not_met', ['E000012']],
      consideration: ['not_met', ['E000019']],
    });
  });

  it('takes the minimum window from the filter', async () => {
    expect((await run(events, { minimumDays: '27' })).map((r) => [r.activityId, r.time])).toEqual([
      ['fit', 'met'],
      ['late', 'met'],
      ['unclosed', 'not_met'],
    ]);
  });

  it('filters by decision, by decision date and by the cited activity’s organisation', async () => {
    expect(await run(events, { decision: 'd2' })).toEqual([]);
    expect(await run(events, { from: '2024-03-02' })).toEqual([]);
    expect(await run(events, { organisation: 'cheshire-police' })).toEqual([]);
    expect(await run(events, { organisation: 'halton-borough-council' })).toHaveLength(3);
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
  // for theirs alone; a one-day window is short of the 28 days set for a public consultation, so
  // adequate time is not met.
  it('shows the Redcar Partnership Board decision met the formative stage and conscientious consideration, information only for the providers’ workshop, not time', async () => {
    const board = await rows({ decision: 'rc-partnership-board-2007-05-25' });
    expect(board.map((r) => [r.activityId, r.closedOn, r.windowDays, r.formative, r.information, r.time, r.consideration, r.principlesMet])).toEqual([
      ['rc-anchor-workshop-1', '2007-03-19', 1, 'met', 'not_met', 'not_met', 'met', 2],
      // The providers had the interviews' report before their workshop.
      ['rc-providers-workshop', '2007-03-29', 1, 'met', 'met', 'not_met', 'met', 3],
      ['rc-anchor-workshop-2', '2007-04-25', 1, 'met', 'not_met', 'not_met', 'met', 2],
      ['rc-joint-workshop', '2007-05-09', 1, 'met', 'not_met', 'not_met', 'met', 2],
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

  it('meets adequate time for the Redcar workshops when a council sets a one-day minimum for workshops', async () => {
    expect((await rows({ decision: 'rc-partnership-board-2007-05-25', minimumDays: '1' })).map((r) => [r.time, r.principlesMet])).toEqual([
      ['met', 3],
      ['met', 4],
      ['met', 3],
      ['met', 3],
    ]);
  });

  // Highland: the focus group and the two planning sessions were held before the COG met; the focus
  // group recorded no findings (the report gives none of its views), the sessions did.
  it('checks Highland’s COG decision against its three activities', async () => {
    expect((await rows({ decision: 'highland-cog-2016-04-21' })).map((r) => [r.activityId, r.formative, r.information, r.time, r.consideration])).toEqual([
      ['highland-third-sector-focus-group', 'met', 'not_met', 'not_met', 'not_met'],
      ['highland-planning-session-1', 'met', 'not_met', 'not_met', 'met'],
      ['highland-planning-session-2', 'met', 'not_met', 'not_met', 'met'],
    ]);
  });

  it('has nothing to check for Inverclyde’s decision, which cites no engagement', async () => {
    expect(await rows({ decision: 'inverclyde-rc-2009-09-03' })).toEqual([]);
  });
});
