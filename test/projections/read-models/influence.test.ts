import { beforeAll, describe, expect, it } from 'vitest';
import { readEvent, type EventData, type LedgerEvent } from '../../../src/domain/events/catalogue.js';
import type { ProjectedEvent, Projection } from '../../../src/projections/projection.js';
import type { ReadModelView } from '../../../src/projections/read-model-view.js';
import * as influence from '../../../src/projections/read-models/influence/index.js';
import { influenceActivitiesView } from '../../../src/projections/read-models/influence/activities-view.js';
import { influenceDecisionsView } from '../../../src/projections/read-models/influence/decisions-view.js';
import { influenceOrganisationsView } from '../../../src/projections/read-models/influence/organisations-view.js';
import { plannedActivity } from '../events.js';
import { engagementReads as engagement } from '../../../src/projections/read-models/engagement/engagement.js';
import { envelope, project, run as read, seedEvents, type ProjectedSet } from '../project.js';

const planned = plannedActivity;
const opened = (activityId: string, openedOn = '2024-01-01'): LedgerEvent => ({ type: 'ActivityOpened', data: { activityId, openedOn } });
const closed = (activityId: string, closedOn = '2024-01-31'): LedgerEvent => ({ type: 'ActivityClosed', data: { activityId, closedOn, participants: 40 } });
const finding = (activityId: string, findingId: string, theme: string): LedgerEvent => ({
  type: 'FindingRecorded',
  data: { activityId, findingId, theme, summary: theme, feedbackIds: [] },
});
const told = (activityId: string, givenOn: string, decisionIds: string[] = []): LedgerEvent => ({
  type: 'FeedbackGivenToParticipants',
  data: { activityId, givenOn, channel: 'website', summary: 'You said, we did', decisionIds },
});
const decided = (decisionId: string, decidedOn: string, organisationId = 'halton-borough-council'): LedgerEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, organisationId, body: 'Executive Board', decidedOn, reference: `EB/${decisionId}`, title: `Decision ${decisionId}`, outcome: 'Agreed', outcomeKind: 'approved' },
});
const linked = (decisionId: string, linkId: string, activityId: string, findingId?: string, more: Partial<EventData<'InfluenceLinked'>> = {}): LedgerEvent => ({
  type: 'InfluenceLinked',
  data: {
    decisionId,
    linkId,
    source: findingId ? { kind: 'finding', activityId, findingId } : { kind: 'activity', activityId },
    influence: 'changed',
    rationale: `Because of ${activityId}`,
    ...more,
  },
});
const withdrawn = (decisionId: string, linkId: string): LedgerEvent => ({ type: 'InfluenceLinkWithdrawn', data: { decisionId, linkId, reason: 'Cited in error' } });
const accepted = (activityId: string, organisationId: string): LedgerEvent => ({ type: 'JointPartnershipAccepted', data: { activityId, organisationId } });
const recommended = (decisionId: string, decidedOn: string, organisationId = 'halton-borough-council'): LedgerEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId, organisationId, body: 'Scrutiny Board', decidedOn, title: `Recommendations ${decisionId}`, outcome: 'The Board is asked to approve', outcomeKind: 'recommended' },
});
const recommendationDecided = (decisionId: string, decidedOn: string, outcomeKind: EventData<'RecommendationDecided'>['outcomeKind'] = 'approved'): LedgerEvent => ({
  type: 'RecommendationDecided',
  data: { decisionId, outcomeKind, decidedOn, body: 'Executive Board', reference: `EB/${decisionId}` },
});

const run = <V extends ReadModelView>(view: V, events: ProjectedEvent[], filters: Record<string, unknown> = {}, today = '2024-06-30') =>
  read(view, project(engagement, events).set, view.filters.parse(filters), { today });

describe('influence projection', () => {
  it('is registered as a read model: its views, over the activities, decisions and organisations', async () => {
    const model: { projections: readonly Projection<unknown>[]; views: readonly ReadModelView[] } = influence;
    expect(model.views.map((v) => v.path)).toEqual(['/v1/influence/decisions', '/v1/influence/activities', '/v1/influence/organisations']);
    expect(model.views.every((v) => v.reads.map((p) => p.name).join() === 'activities,decisions,organisations')).toBe(true);
  });

  it('keeps an activity as amended and rescheduled, with the events that show its window, documents and close', async () => {
    const events = envelope([
      planned('a', { documents: [{ title: 'Consultation paper', publishedOn: '2023-12-20' }] }),
      { type: 'ActivityDetailsAmended', data: { activityId: 'a', changes: { title: 'Budget survey', areaIds: ['runcorn'] }, reason: 'Typo' } },
      { type: 'ActivityRescheduled', data: { activityId: 'a', window: { opens: '2024-01-08', closes: '2024-02-08' }, reason: 'Later start' } },
      { type: 'ActivityDocumentPublished', data: { activityId: 'a', document: { title: 'FAQ', url: 'https://example.org/faq', publishedOn: '2024-01-10' } } },
      opened('a', '2024-01-08'),
      closed('a', '2024-02-08'),
      finding('a', 'f1', 'Parking'),
      { type: 'FindingAmended', data: { activityId: 'a', findingId: 'f1', theme: 'Parking charges', reason: 'Clearer' } },
      told('a', '2024-03-01', ['d1']),
    ]);
    const { documents } = project(engagement, events);
    expect(documents['activity:a']).toMatchObject({
      title: 'Budget survey',
      areaIds: ['runcorn'],
      window: { opens: '2024-01-08', closes: '2024-02-08', eventId: 'E000003' },
      plannedEventId: 'E000001',
      documents: [
        { title: 'Consultation paper', url: null, publishedOn: '2023-12-20', eventId: 'E000001' },
        { title: 'FAQ', url: 'https://example.org/faq', publishedOn: '2024-01-10', eventId: 'E000004' },
      ],
      opened: { on: '2024-01-08', eventId: 'E000005' },
      closed: { on: '2024-02-08', eventId: 'E000006' },
      findings: [{ findingId: 'f1', theme: 'Parking charges', withdrawn: false, eventId: 'E000007' }],
      feedbackGiven: [{ givenOn: '2024-03-01', channel: 'website', decisionIds: ['d1'], eventId: 'E000009' }],
    });
  });

  it('keeps a decision as amended, with its links and a withdrawn one marked', async () => {
    const events = envelope([
      decided('d1', '2024-03-01'),
      linked('d1', 'l1', 'a'),
      linked('d1', 'l2', 'b', 'f1', { influence: 'not_adopted', notAdoptedReason: 'Unaffordable' }),
      withdrawn('d1', 'l1'),
      { type: 'DecisionAmended', data: { decisionId: 'd1', title: 'Budget 2024/25', reason: 'Full title' } },
    ]);
    const { documents } = project(engagement, events);
    expect(documents['decision:d1']).toEqual({
      decisionId: 'd1',
      organisationId: 'halton-borough-council',
      body: 'Executive Board',
      decidedOn: '2024-03-01',
      reference: 'EB/d1',
      title: 'Budget 2024/25',
      outcome: 'Agreed',
      outcomeKind: 'approved',
      outcomes: [{ outcomeKind: 'approved', on: '2024-03-01', eventId: 'E000001' }],
      eventId: 'E000001',
      position: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      links: [
        { linkId: 'l1', activityId: 'a', findingId: null, influence: 'changed', rationale: 'Because of a', notAdoptedReason: null, withdrawn: true, eventId: 'E000002', position: 2, recordedAt: '2026-01-01T00:00:00.000Z' },
        { linkId: 'l2', activityId: 'b', findingId: 'f1', influence: 'not_adopted', rationale: 'Because of b', notAdoptedReason: 'Unaffordable', withdrawn: false, eventId: 'E000003', position: 3, recordedAt: '2026-01-01T00:00:00.000Z' },
      ],
      publication: null,
    });
  });

  it('touches only the document an event is about: feedback to participants is the activity’s, a link the decision’s', async () => {
    const [toldEvent, linkEvent] = envelope([told('a', '2024-03-01', ['d1']), linked('d1', 'l1', 'a')]);
    expect(engagement.map((p) => (p.eventTypes.includes(toldEvent!.type) ? p.key(toldEvent as ProjectedEvent) : null))).toEqual(['activity:a', null, null]);
    expect(engagement.map((p) => (p.eventTypes.includes(linkEvent!.type) ? p.key(linkEvent as ProjectedEvent) : null))).toEqual([null, 'decision:d1', null]);
  });

  it('ignores events about an activity it never saw planned', async () => {
    const { documents } = project(engagement, envelope([opened('ghost'), finding('ghost', 'f', 'Nothing')]));
    expect(documents).toEqual({});
  });
});

describe('influence per decision', () => {
  const events = envelope([
    { type: 'OrganisationRegistered', data: { organisationId: 'halton-borough-council', name: 'Halton Borough Council', kind: 'council_service' } },
    planned('a', { title: 'Budget survey', areaIds: ['widnes'] }),
    opened('a'),
    closed('a'),
    finding('a', 'f1', 'Keep libraries open'),
    planned('b', { title: 'Youth forum', category: 'deciding_together', organisationId: 'cheshire-police', jointPartnerIds: ['halton-youth-service'] }),
    accepted('b', 'halton-youth-service'),
    opened('b'),
    decided('d1', '2024-03-01'),
    linked('d1', 'l1', 'a', 'f1'),
    linked('d1', 'l2', 'b', undefined, { influence: 'not_adopted', notAdoptedReason: 'Outside the budget' }),
    linked('d1', 'l3', 'a'),
    withdrawn('d1', 'l3'),
    told('a', '2024-03-20', ['d1']),
    decided('d2', '2024-05-01'),
  ]);

  it('shows each live link with its activity, finding theme and influence, counts the withdrawn, and says whether participants were told', async () => {
    const [row] = await run(influenceDecisionsView, events, { decision: 'd1' });
    expect(row).toEqual({
      decisionId: 'd1',
      organisationId: 'halton-borough-council',
      organisationName: 'Halton Borough Council',
      body: 'Executive Board',
      decidedOn: '2024-03-01',
      reference: 'EB/d1',
      title: 'Decision d1',
      outcomeKind: 'approved',
      decisionMade: true,
      outcomes: [{ outcomeKind: 'approved', on: '2024-03-01' }],
      activities: 2,
      findings: 1,
      activitiesWithParticipantsTold: 1,
      withdrawnLinks: 1,
      links: [
        {
          linkId: 'l1',
          activityId: 'a',
          activityTitle: 'Budget survey',
          activityCategory: 'consultation',
          activityOrganisationId: 'halton-borough-council',
          activityOrganisationName: 'Halton Borough Council',
          activityJointPartnerIds: [],
          anotherOrganisationsActivity: false,
          findingId: 'f1',
          findingTheme: 'Keep libraries open',
          findingWithdrawn: false,
          influence: 'changed',
          rationale: 'Because of a',
          notAdoptedReason: null,
          participantsTold: true,
          participantsToldOn: '2024-03-20',
          participantsToldOfThisDecision: true,
        },
        {
          linkId: 'l2',
          activityId: 'b',
          activityTitle: 'Youth forum',
          activityCategory: 'deciding_together',
          // The council's decision cites the police's forum: evidence it may cite, and says whose it is.
          activityOrganisationId: 'cheshire-police',
          activityOrganisationName: null,
          activityJointPartnerIds: ['halton-youth-service'],
          anotherOrganisationsActivity: true,
          findingId: null,
          findingTheme: null,
          findingWithdrawn: false,
          influence: 'not_adopted',
          rationale: 'Because of b',
          notAdoptedReason: 'Outside the budget',
          participantsTold: false,
          participantsToldOn: null,
          participantsToldOfThisDecision: false,
        },
      ],
    });
  });

  it('does not count participants as told on a date after today', async () => {
    const [row] = await run(influenceDecisionsView, events, { decision: 'd1' }, '2024-03-10');
    expect(row?.activitiesWithParticipantsTold).toBe(0);
  });

  it('filters by decision date, by an organisation that ran a cited activity, and by a cited activity’s area', async () => {
    const ids = async (filters: Record<string, unknown>) => (await run(influenceDecisionsView, events, filters)).map((r) => r.decisionId);
    expect(await ids({})).toEqual(['d1', 'd2']);
    expect(await ids({ from: '2024-04-01' })).toEqual(['d2']);
    expect(await ids({ to: '2024-03-01' })).toEqual(['d1']);
    expect(await ids({ organisation: 'halton-youth-service' })).toEqual(['d1']);
    expect(await ids({ organisation: 'halton-borough-council' })).toEqual(['d1', 'd2']);
    expect(await ids({ area: 'widnes' })).toEqual(['d1']);
    expect(await ids({ area: 'runcorn' })).toEqual([]);
  });
});

describe('influence per activity', () => {
  const events = envelope([
    planned('fed', { title: 'Budget survey' }),
    opened('fed'),
    closed('fed', '2024-01-31'),
    planned('ignored', { category: 'acting_together', window: { opens: '2024-02-01', closes: '2024-02-29' } }),
    opened('ignored', '2024-02-01'),
    closed('ignored', '2024-02-29'),
    planned('running', { window: { opens: '2024-06-01', closes: '2024-07-31' } }),
    opened('running', '2024-06-01'),
    planned('dropped'),
    { type: 'ActivityCancelled', data: { activityId: 'dropped', cancelledOn: '2024-01-05', reason: 'No budget' } },
    decided('d1', '2024-03-01'),
    linked('d1', 'l1', 'fed'),
    linked('d1', 'l2', 'ignored'),
    withdrawn('d1', 'l2'),
  ]);

  it('lists the decisions an activity fed, and for a closed one with none, how long since it closed', async () => {
    const rows = await run(influenceActivitiesView, events, {}, '2024-06-30');
    expect(rows.map((r) => [r.activityId, r.status, r.decisionCount, r.daysSinceClosing, r.noEvidencedInfluence])).toEqual([
      ['fed', 'closed', 1, 151, null],
      // Its only link was withdrawn: no evidence remains.
      ['ignored', 'closed', 0, 122, 'no evidenced influence 122 days after closing'],
      // Still open: too soon to say.
      ['running', 'open', 0, null, null],
    ]);
    expect(rows[0]?.decisions).toEqual([
      { decisionId: 'd1', decidedOn: '2024-03-01', body: 'Executive Board', title: 'Decision d1', outcomeKind: 'approved', decisionMade: true, influence: ['changed'] },
    ]);
  });

  it('filters by category and by a period its window overlaps', async () => {
    const ids = async (filters: Record<string, unknown>) => (await run(influenceActivitiesView, events, filters)).map((r) => r.activityId);
    expect(await ids({ category: 'acting_together' })).toEqual(['ignored']);
    expect(await ids({ from: '2024-02-15', to: '2024-06-01' })).toEqual(['ignored', 'running']);
  });
});

describe('influence per organisation and year', () => {
  const events = envelope([
    // 2023: three consultations, one jointly with the police; one fed a decision, one told its participants.
    planned('c1', { window: { opens: '2023-03-01', closes: '2023-03-31' }, jointPartnerIds: ['cheshire-police'] }),
    accepted('c1', 'cheshire-police'),
    opened('c1', '2023-03-01'),
    closed('c1', '2023-03-31'),
    planned('c2', { category: 'deciding_together', window: { opens: '2023-05-01', closes: '2023-05-01' } }),
    opened('c2', '2023-05-01'),
    closed('c2', '2023-05-01'),
    told('c2', '2023-06-01'),
    // Its window closed in 2023 but it was closed in 2024: it counts in 2024.
    planned('c3', { window: { opens: '2023-12-01', closes: '2023-12-31' } }),
    opened('c3', '2023-12-01'),
    closed('c3', '2024-01-10'),
    // Never closed: it counts in the year its window closed.
    planned('c4', { window: { opens: '2023-09-01', closes: '2023-09-30' } }),
    opened('c4', '2023-09-01'),
    // Information giving promises no influence; a consultation still running has had no chance to show it.
    planned('leaflet', { category: 'information_giving', window: { opens: '2023-04-01', closes: '2023-04-30' } }),
    planned('running', { window: { opens: '2024-06-01', closes: '2024-08-31' } }),
    decided('d1', '2023-06-15'),
    linked('d1', 'l1', 'c1'),
  ]);

  it('counts consultations and upward by the year they closed, with the shares influenced and told', async () => {
    expect(await run(influenceOrganisationsView, events, {}, '2024-06-30')).toEqual([
      {
        organisationId: 'cheshire-police',
        organisationName: null,
        replacedBy: null,
        replacedByName: null,
        year: 2023,
        consultations: 1,
        jointConsultations: 1,
        withEvidencedInfluence: 1,
        citedNotYetDecided: 0,
        withFeedbackGiven: 0,
        influenceShare: 1,
        feedbackShare: 0,
      },
      {
        organisationId: 'halton-borough-council',
        organisationName: null,
        replacedBy: null,
        replacedByName: null,
        year: 2023,
        consultations: 3,
        jointConsultations: 1,
        withEvidencedInfluence: 1,
        citedNotYetDecided: 0,
        withFeedbackGiven: 1,
        influenceShare: 0.333,
        feedbackShare: 0.333,
      },
      {
        organisationId: 'halton-borough-council',
        organisationName: null,
        replacedBy: null,
        replacedByName: null,
        year: 2024,
        consultations: 1,
        jointConsultations: 0,
        withEvidencedInfluence: 0,
        citedNotYetDecided: 0,
        withFeedbackGiven: 0,
        influenceShare: 0,
        feedbackShare: 0,
      },
    ]);
  });

  it('filters by organisation and by years, given as query strings', async () => {
    const keys = async (filters: Record<string, unknown>) => (await run(influenceOrganisationsView, events, filters)).map((r) => `${r.organisationId} ${r.year}`);
    expect(await keys({ organisation: 'halton-borough-council', from: '2024' })).toEqual(['halton-borough-council 2024']);
    expect(await keys({ to: '2023' })).toEqual(['cheshire-police 2023', 'halton-borough-council 2023']);
  });
});

describe('influence and invitations', () => {
  // The police run a forum and name the youth service as joint partner; the council decides on it.
  const invited = [
    planned('forum', { organisationId: 'cheshire-police', jointPartnerIds: ['halton-youth-service'], window: { opens: '2023-03-01', closes: '2023-03-31' } }),
    opened('forum', '2023-03-01'),
    closed('forum', '2023-03-31'),
    decided('d1', '2023-06-15'),
    linked('d1', 'l1', 'forum'),
  ];
  const youth = async (events: LedgerEvent[]) => ({
    decisions: (await run(influenceDecisionsView, envelope(events), { organisation: 'halton-youth-service' })).map((r) => r.decisionId),
    shares: (await run(influenceOrganisationsView, envelope(events), { organisation: 'halton-youth-service' })).map((r) => [r.year, r.consultations, r.withEvidencedInfluence]),
    activities: (await run(influenceActivitiesView, envelope(events), { organisation: 'halton-youth-service' })).map((r) => r.activityId),
  });

  it('given a joint partner named but not yet answering, then its figures do not count the activity, and the rows show it as invited', async () => {
    expect(await youth(invited)).toEqual({ decisions: [], shares: [], activities: [] });
    const [police] = await run(influenceActivitiesView, envelope(invited), { organisation: 'cheshire-police' });
    expect(police).toMatchObject({ jointPartnerIds: [], invitedPartnerIds: ['halton-youth-service'] });
    const [share] = await run(influenceOrganisationsView, envelope(invited), { organisation: 'cheshire-police' });
    expect(share).toMatchObject({ consultations: 1, jointConsultations: 0 });
  });

  it('given the joint partner accepts, then the activity counts in its figures too; declining, it never does', async () => {
    expect(await youth([...invited, accepted('forum', 'halton-youth-service')])).toEqual({ decisions: ['d1'], shares: [[2023, 1, 1]], activities: ['forum'] });
    const declined: LedgerEvent = { type: 'JointPartnershipDeclined', data: { activityId: 'forum', organisationId: 'halton-youth-service', reason: 'Not ours' } };
    expect(await youth([...invited, declined])).toEqual({ decisions: [], shares: [], activities: [] });
  });

  it('given an amendment naming the partners again, then one that accepted keeps its place and one named for the first time is only invited', async () => {
    const amended: LedgerEvent = { type: 'ActivityDetailsAmended', data: { activityId: 'forum', changes: { jointPartnerIds: ['halton-youth-service', 'halton-housing-trust'] }, reason: 'The trust joined' } };
    const [row] = await run(influenceActivitiesView, envelope([...invited, accepted('forum', 'halton-youth-service'), amended]), { organisation: 'cheshire-police' });
    expect(row).toMatchObject({ jointPartnerIds: ['halton-youth-service'], invitedPartnerIds: ['halton-housing-trust'] });
  });
});

describe('influence and what the body did', () => {
  const consulted = [
    planned('survey', { window: { opens: '2023-03-01', closes: '2023-03-31' } }),
    opened('survey', '2023-03-01'),
    closed('survey', '2023-03-31'),
    recommended('r1', '2023-06-15'),
    linked('r1', 'l1', 'survey'),
  ];

  it('given recommendations put to a body and not yet decided, then the row says so, and the activity they cite has no evidenced influence on a decision yet', async () => {
    const [row] = await run(influenceDecisionsView, envelope(consulted), {}, '2024-06-30');
    expect(row).toMatchObject({ decisionId: 'r1', outcomeKind: 'recommended', decisionMade: false, decidedOn: '2023-06-15', activities: 1 });
    const [activity] = await run(influenceActivitiesView, envelope(consulted), {}, '2024-06-30');
    expect(activity).toMatchObject({
      evidencedInfluence: false,
      decisionCount: 0,
      notYetDecidedCount: 1,
      noEvidencedInfluence: 'no evidenced influence 457 days after closing; cited only by what the body has not decided yet: 1 recommended',
    });
    expect(activity?.decisions).toEqual([expect.objectContaining({ decisionId: 'r1', outcomeKind: 'recommended', decisionMade: false })]);
    const [share] = await run(influenceOrganisationsView, envelope(consulted), {}, '2024-06-30');
    expect(share).toMatchObject({ consultations: 1, withEvidencedInfluence: 0, citedNotYetDecided: 1, influenceShare: 0 });
  });

  it('given the body later decides the recommendation, then it reads as what happened, on the day it happened, by the body that decided, and the activity has evidenced influence', async () => {
    const events = envelope([...consulted, recommendationDecided('r1', '2023-07-20', 'approved')]);
    const [row] = await run(influenceDecisionsView, events, {}, '2024-06-30');
    expect(row).toMatchObject({
      outcomeKind: 'approved',
      decisionMade: true,
      decidedOn: '2023-07-20',
      body: 'Executive Board',
      reference: 'EB/r1',
      outcomes: [
        { outcomeKind: 'recommended', on: '2023-06-15' },
        { outcomeKind: 'approved', on: '2023-07-20' },
      ],
    });
    expect((await run(influenceDecisionsView, events, { from: '2023-07-01' }, '2024-06-30')).map((r) => r.decisionId)).toEqual(['r1']);
    const [activity] = await run(influenceActivitiesView, events, {}, '2024-06-30');
    expect(activity).toMatchObject({ evidencedInfluence: true, decisionCount: 1, notYetDecidedCount: 0, noEvidencedInfluence: null });
    expect((await run(influenceOrganisationsView, events, {}, '2024-06-30'))[0]).toMatchObject({ withEvidencedInfluence: 1, citedNotYetDecided: 0 });
  });

  it('given the body only defers the recommendation, then nothing is decided yet', async () => {
    const events = envelope([...consulted, recommendationDecided('r1', '2023-07-20', 'deferred')]);
    expect((await run(influenceDecisionsView, events, {}, '2024-06-30'))[0]).toMatchObject({ outcomeKind: 'deferred', decisionMade: false, decidedOn: '2023-07-20' });
    expect((await run(influenceActivitiesView, events, {}, '2024-06-30'))[0]).toMatchObject({ evidencedInfluence: false, notYetDecidedCount: 1 });
  });

  it('given a decision recorded before outcome kinds (DecisionRecorded v1), then it reads as not stated, and still counts as a decision taken', async () => {
    const { outcomeKind: _none, ...v1 } = decided('d1', '2023-06-15').data as EventData<'DecisionRecorded'>;
    const events = envelope([...consulted.slice(0, 3), readEvent('DecisionRecorded', 1, v1), linked('d1', 'l1', 'survey')]);
    expect((await run(influenceDecisionsView, events, {}, '2024-06-30'))[0]).toMatchObject({ outcomeKind: 'not_stated', decisionMade: true });
    expect((await run(influenceActivitiesView, events, {}, '2024-06-30'))[0]).toMatchObject({ evidencedInfluence: true });
  });
});

describe('influence in the demo ledger', () => {
  const today = '2026-01-01';
  let documents: ProjectedSet;
  beforeAll(async () => {
    documents = project(engagement, await seedEvents()).set;
  });
  const rows = <V extends ReadModelView>(view: V, filters: Record<string, unknown> = {}) => read(view, documents, view.filters.parse(filters), { today });

  it('traces the Redcar & Cleveland Partnership Board decision of 25 May 2007 to the four workshops and their findings', async () => {
    const [board] = await rows(influenceDecisionsView, { decision: 'rc-partnership-board-2007-05-25' });
    expect(board).toMatchObject({
      body: 'Redcar & Cleveland Partnership Board',
      decidedOn: '2007-05-25',
      reference: null,
      title: 'Community Engagement Capacity Building Plan',
      organisationName: 'Redcar and Cleveland Partnership',
      activities: 4,
      findings: 4,
      withdrawnLinks: 0,
      // The seed never says the workshops' participants heard back.
      activitiesWithParticipantsTold: 0,
    });
    const links = board?.links as Array<Record<string, unknown>>;
    expect(links.map((l) => [l.activityId, l.activityCategory, l.findingTheme, l.influence, l.participantsTold])).toEqual([
      ['rc-anchor-workshop-1', 'consultation', 'A network of anchor organisations', 'changed', false],
      ['rc-providers-workshop', 'consultation', 'The service providers’ suggestions', 'changed', false],
      ['rc-anchor-workshop-2', 'consultation', 'Community anchor organisations for each community', 'changed', false],
      ['rc-joint-workshop', 'deciding_together', 'Agreed priorities', 'changed', false],
    ]);
  });

  it('traces Highland’s COG decision (COG 09/16) to its focus group and two planning sessions', async () => {
    const [cog] = await rows(influenceDecisionsView, { decision: 'highland-cog-2016-04-21' });
    expect(cog).toMatchObject({ reference: 'COG 09/16', decidedOn: '2016-04-21', activities: 3, findings: 2 });
    const links = cog?.links as Array<Record<string, unknown>>;
    expect(links.map((l) => [l.activityId, l.findingTheme])).toEqual([
      // The focus group is cited as a whole: it recorded no finding.
      ['highland-third-sector-focus-group', null],
      ['highland-planning-session-1', 'Six areas for improvement'],
      ['highland-planning-session-2', 'Suggested actions'],
    ]);
  });

  it('lists the seeds’ eight decisions and recommendations, only Redcar’s endorsement and Highland’s COG item citing engagement', async () => {
    expect((await rows(influenceDecisionsView)).map((r) => [r.decisionId, r.activities])).toEqual([
      ['rc-partnership-board-2007-05-25', 4],
      ['inverclyde-alliance-2008-08', 0],
      ['inverclyde-rc-2008-08', 0],
      ['inverclyde-rc-2009-09-03', 0],
      ['halton-hsp-board-2011-06', 0],
      ['halton-operational-group-health-check', 0],
      ['halton-safer-ppb-2013-03-12', 0],
      ['highland-cog-2016-04-21', 3],
    ]);
  });

  it('finds which seed activities fed a decision, and those with none: the Redcar interviews, the Inverclyde consultation, Highland’s awareness session and survey, and the sessions behind the COG item, which was only recommended', async () => {
    expect((await rows(influenceActivitiesView)).map((r) => [r.activityId, r.status, r.decisionCount, r.noEvidencedInfluence])).toEqual([
      ['rc-data-collection-interviews', 'closed', 0, 'no evidenced influence 6854 days after closing'],
      ['rc-anchor-workshop-1', 'closed', 1, null],
      ['rc-providers-workshop', 'closed', 1, null],
      ['rc-anchor-workshop-2', 'closed', 1, null],
      ['rc-joint-workshop', 'closed', 1, null],
      ['inverclyde-cen-consultation', 'closed', 0, 'no evidenced influence 5964 days after closing'],
      ['highland-cpp-board-awareness-session', 'closed', 0, 'no evidenced influence 3683 days after closing'],
      ['highland-cpp-survey', 'closed', 0, 'no evidenced influence 3564 days after closing'],
      // The COG was asked "to discuss and comment": recommendations, not a decision made.
      ['highland-third-sector-focus-group', 'closed', 0, 'no evidenced influence 3636 days after closing; cited only by what the body has not decided yet: 1 recommended'],
      ['highland-planning-session-1', 'closed', 0, 'no evidenced influence 3628 days after closing; cited only by what the body has not decided yet: 1 recommended'],
      ['highland-planning-session-2', 'closed', 0, 'no evidenced influence 3605 days after closing; cited only by what the body has not decided yet: 1 recommended'],
    ]);
  });

  it('gives each organisation its share of evidenced influence and no feedback to participants; Highland’s sessions fed only recommendations', async () => {
    expect(
      (await rows(influenceOrganisationsView)).map((r) => [r.organisationId, r.year, r.consultations, r.jointConsultations, r.withEvidencedInfluence, r.citedNotYetDecided, r.withFeedbackGiven, r.influenceShare, r.feedbackShare]),
    ).toEqual([
      // The survey is not linked (its dates are not given); the focus group and the sessions fed the COG item, only recommended.
      ['highland-tsi', 2016, 4, 2, 0, 3, 0, 0, 0],
      // The Improvement Service accepted its part in the two sessions it facilitated.
      ['improvement-service', 2016, 2, 2, 0, 2, 0, 0, 0],
      // The Network's agencies were consulted; the report does not say how that was taken into account.
      ['inverclyde-council', 2009, 1, 0, 0, 0, 0, 0, 0],
      // The Coordination Team ran the interviews and the four workshops; the interviews reached the Board through a workshop.
      ['rc-coordination-team', 2007, 5, 0, 4, 0, 0, 0.8, 0],
    ]);
  });

  it('says the COG item is a recommendation, not a decision made, and whose activities it cites', async () => {
    const [cog] = await rows(influenceDecisionsView, { decision: 'highland-cog-2016-04-21' });
    expect(cog).toMatchObject({ outcomeKind: 'recommended', decisionMade: false, outcomes: [{ outcomeKind: 'recommended', on: '2016-04-21' }] });
    const links = cog?.links as Array<Record<string, unknown>>;
    // The CPP's item cites the Third Sector Interface's engagement.
    expect(links.map((l) => [l.activityOrganisationName, l.anotherOrganisationsActivity])).toEqual([
      ['Highland Third Sector Interface', true],
      ['Highland Third Sector Interface', true],
      ['Highland Third Sector Interface', true],
    ]);
    const [board] = await rows(influenceDecisionsView, { decision: 'rc-partnership-board-2007-05-25' });
    expect(board).toMatchObject({ outcomeKind: 'approved', decisionMade: true });
  });
});
