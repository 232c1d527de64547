// The public site's read models over a small ledger: only what is published, where each
// consultation stands on the day, we asked / you said / we did, decisions with their Gunning
// check, areas by quarter, organisations by year, and the positions the site may prove.

import { describe, expect, it } from 'vitest';
import type { EventData, LedgerEvent } from '../../../src/domain/events/catalogue.js';
import { allProjections } from '../../../src/projections/registry.js';
import type { ReadModelView, Row } from '../../../src/projections/read-model-view.js';
import { defaultPublicSettings, publicViews, type PublicSettings } from '../../../src/projections/read-models/public/index.js';
import { plannedActivity } from '../events.js';
import { envelope, project, run } from '../project.js';

const today = '2024-06-30';
const planned = (activityId: string, more: Partial<EventData<'ActivityPlanned'>> = {}): LedgerEvent => plannedActivity(activityId, { areaIds: ['widnes'], ...more });
const publish = (activityId: string): LedgerEvent => ({ type: 'ActivityPublished', data: { activityId } });
const opened = (activityId: string, openedOn: string): LedgerEvent => ({ type: 'ActivityOpened', data: { activityId, openedOn } });

const events = envelope([
  { type: 'OrganisationRegistered', data: { organisationId: 'halton-borough-council', name: 'Halton Borough Council', kind: 'council_service' } },
  { type: 'OrganisationRegistered', data: { organisationId: 'cheshire-police', name: 'Cheshire Constabulary', kind: 'police' } },
  { type: 'AreaDefined', data: { areaId: 'widnes', name: 'Widnes', kind: 'locality' } },
  // "libraries": published, closed, with findings (one internal), feedback to participants, a published and an unpublished decision.
  planned('libraries', {
    title: 'Library opening hours',
    description: 'How should the libraries open on Saturdays?',
    topics: ['Libraries'],
    jointPartnerIds: ['cheshire-police', 'halton-housing-trust'],
    window: { opens: '2024-01-08', closes: '2024-02-08' },
    documents: [{ title: 'Consultation paper', url: 'https://example.org/paper.pdf', publishedOn: '2023-12-20' }],
    howToTakePart: { url: 'https://example.org/have-your-say', howToRespond: 'Fill in the form online or at any library.' },
  }),
  { type: 'JointPartnershipAccepted', data: { activityId: 'libraries', organisationId: 'cheshire-police' } },
  publish('libraries'),
  opened('libraries', '2024-01-08'),
  { type: 'ActivityClosed', data: { activityId: 'libraries', closedOn: '2024-02-08', participants: 40, equalityMonitoring: { age: { '16-24': 3, '25-64': 30, '65+': 7 } } } },
  { type: 'FindingRecorded', data: { activityId: 'libraries', findingId: 'saturdays', theme: 'Open on Saturday afternoons', summary: 's', feedbackIds: [] } },
  { type: 'FindingRecorded', data: { activityId: 'libraries', findingId: 'staff', theme: 'A named member of staff', summary: 's', feedbackIds: [] } },
  { type: 'FindingMarkedInternal', data: { activityId: 'libraries', findingId: 'staff', reason: 'Names a person' } },
  { type: 'DecisionRecorded', data: { decisionId: 'd-public', organisationId: 'halton-borough-council', body: 'Executive Board', decidedOn: '2024-03-01', title: 'Library hours', outcome: 'Saturday afternoons added', outcomeKind: 'approved' } },
  { type: 'InfluenceLinked', data: { decisionId: 'd-public', linkId: 'l1', source: { kind: 'finding', activityId: 'libraries', findingId: 'saturdays' }, influence: 'changed', rationale: 'Saturday afternoons added, as asked' } },
  { type: 'DecisionPublished', data: { decisionId: 'd-public' } },
  { type: 'DecisionRecorded', data: { decisionId: 'd-private', organisationId: 'halton-borough-council', body: 'Cabinet', decidedOn: '2024-03-05', title: 'Staffing', outcome: 'Not for publication', outcomeKind: 'approved' } },
  { type: 'InfluenceLinked', data: { decisionId: 'd-private', linkId: 'l2', source: { kind: 'activity', activityId: 'libraries' }, influence: 'confirmed', rationale: 'Private rationale' } },
  { type: 'ActionPlanned', data: { actionId: 'act-1', organisationId: 'halton-borough-council', planId: 'p1', decisionId: 'd-public', what: 'Open Widnes library on Saturday afternoons', lead: 'Libraries', leadOrganisationIds: [], targetDate: '2024-04-01' } },
  { type: 'FeedbackGivenToParticipants', data: { activityId: 'libraries', givenOn: '2024-03-10', channel: 'website', summary: 'You said Saturdays; we open until 4pm.', decisionIds: ['d-public', 'd-private'] } },
  // "hidden": never published. "gone": published, then withdrawn.
  planned('hidden', { title: 'Hidden survey', topics: ['Libraries'] }),
  planned('gone', { title: 'Gone survey', topics: ['Libraries'] }),
  publish('gone'),
  { type: 'ActivityWithdrawnFromPublication', data: { activityId: 'gone', reason: 'Wrong dates' } },
  // Standing on 2024-06-30: "soon" upcoming, "now" open, "waiting" closed 100 days before with no outcome.
  planned('soon', { title: 'Parks survey', topics: ['parks'], window: { opens: '2024-07-15', closes: '2024-08-15' } }),
  publish('soon'),
  planned('now', { title: 'Bus routes survey', topics: ['transport'], window: { opens: '2024-06-01', closes: '2024-07-10' } }),
  publish('now'),
  planned('later-closing', { title: 'Recycling survey', topics: ['waste'], window: { opens: '2024-05-01', closes: '2024-09-10' } }),
  publish('later-closing'),
  planned('waiting', { title: 'Leisure centre survey', topics: ['leisure'], window: { opens: '2024-02-01', closes: '2024-03-22' } }),
  publish('waiting'),
]);

const set = project(allProjections, events).set;
const view = (name: string, settings: PublicSettings = defaultPublicSettings): ReadModelView => publicViews(settings).find((v) => v.path === name) as ReadModelView;
const read = (name: string, filters: Record<string, unknown> = {}, settings?: PublicSettings, limit?: number): Promise<Row[]> => {
  const v = view(name, settings);
  return run(v, set, v.filters.parse(filters), { today }, limit);
};
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe('the finder', () => {
  it('lists published consultations only, newest opening first, never one unpublished or withdrawn', async () => {
    expect(ids(await read('public/consultations'))).toEqual(['soon', 'now', 'later-closing', 'waiting', 'libraries']);
  });

  it('says where each stands on the day', async () => {
    const rows = await read('public/consultations');
    expect(Object.fromEntries(rows.map((r) => [r.id, [r.status, r.days_since_closing, r.outcome_overdue]]))).toEqual({
      soon: ['upcoming', null, false],
      now: ['open', null, false],
      'later-closing': ['open', null, false],
      waiting: ['closed_awaiting_outcome', 100, true],
      libraries: ['outcome_published', 143, false],
    });
  });

  it('flags a missing outcome only past the days the deployment allows', async () => {
    const rows = await read('public/consultations', { status: 'closed_awaiting_outcome' }, { ...defaultPublicSettings, outcomeDueDays: 100 });
    expect(rows.map((r) => [r.id, r.outcome_overdue])).toEqual([['waiting', false]]);
  });

  it('finds by area and topic, words, status, organisation (an accepted partner, not one only invited) and period', async () => {
    expect(ids(await read('public/consultations', { area: 'widnes', topic: 'libraries ' }))).toEqual(['libraries']);
    expect(ids(await read('public/consultations', { q: 'SURVEY bus' }))).toEqual(['now']);
    expect(ids(await read('public/consultations', { status: 'open' }))).toEqual(['now', 'later-closing']);
    expect(ids(await read('public/consultations', { status: 'upcoming' }))).toEqual(['soon']);
    expect(ids(await read('public/consultations', { organisation: 'cheshire-police' }))).toEqual(['libraries']);
    expect(ids(await read('public/consultations', { organisation: 'halton-housing-trust' }))).toEqual([]);
    expect(ids(await read('public/consultations', { from: '2024-03-01', to: '2024-03-31' }))).toEqual(['waiting']);
  });

  it('lists open consultations closing soonest first, and by publication for the feeds', async () => {
    expect(ids(await read('public/consultations', { status: 'open', sort: 'closing' }))).toEqual(['now', 'later-closing']);
    expect(ids(await read('public/consultations', { sort: 'published' }))).toEqual(['waiting', 'later-closing', 'now', 'soon', 'libraries']);
  });

  it('pages through the same rows a page at a time', async () => {
    expect(ids(await read('public/consultations', {}, undefined, 2))).toEqual(ids(await read('public/consultations')));
  });

  it('uses GOV.UK consultation field names where they mean the same', async () => {
    const [libraries] = await read('public/consultations', { q: 'library' });
    expect(libraries).toMatchObject({
      opening_date: '2024-01-08',
      closing_date: '2024-02-08',
      ways_to_respond: { link_url: 'https://example.org/have-your-say', how_to_respond: 'Fill in the form online or at any library.' },
      first_public_at: '2026-01-01T00:00:00.000Z',
      organisation: { id: 'halton-borough-council', name: 'Halton Borough Council' },
      partners: [{ id: 'cheshire-police', name: 'Cheshire Constabulary' }],
      areas: [{ id: 'widnes', name: 'Widnes' }],
    });
  });
});

describe('one consultation', () => {
  it('shows we asked, you said (suppressed, public themes only) and we did (published decisions only)', async () => {
    const [row] = await read('public/consultation', { id: 'libraries' });
    expect(row?.documents).toEqual([{ title: 'Consultation paper', url: 'https://example.org/paper.pdf', published_on: '2023-12-20' }]);
    expect(row?.themes).toEqual([{ finding_id: 'saturdays', theme: 'Open on Saturday afternoons' }]);
    expect(row?.reach).toMatchObject({ participants: { between: [37, 46] }, suppressed: true });
    const weDid = row?.we_did as { decisions: Row[]; feedback_to_participants: Row[] };
    expect(weDid.decisions.map((d) => d.id)).toEqual(['d-public']);
    expect(weDid.decisions[0]).toMatchObject({
      title: 'Library hours',
      outcome_kind: 'approved',
      position: 12,
      influence: [{ influence: 'changed', rationale: 'Saturday afternoons added, as asked', finding_theme: 'Open on Saturday afternoons', position: 13 }],
      actions: [{ what: 'Open Widnes library on Saturday afternoons', status: 'planned', target_date: '2024-04-01', position: 17 }],
    });
    expect(weDid.feedback_to_participants).toEqual([
      { given_on: '2024-03-10', channel: 'website', summary: 'You said Saturdays; we open until 4pm.', decision_ids: ['d-public'], position: 18, recorded_at: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(row)).not.toMatch(/d-private|Private rationale|A named member of staff|"count":3\b/);
  });

  it('has no row for a consultation never published, or withdrawn', async () => {
    for (const id of ['hidden', 'gone', 'no-such']) expect(await read('public/consultation', { id })).toEqual([]);
  });
});

describe('decisions', () => {
  it('lists and shows published decisions only', async () => {
    expect(ids(await read('public/decisions'))).toEqual(['d-public']);
    expect(await read('public/decision', { id: 'd-private' })).toEqual([]);
  });

  it('shows the consultations that fed it and the Gunning check, with the rule applied for adequate time', async () => {
    const [d] = await read('public/decision', { id: 'd-public' });
    expect(d?.consultations).toEqual([
      expect.objectContaining({
        id: 'libraries',
        gunning: { formative: 'met', information: 'met', time: { verdict: 'met', rule: 'window', days: 32, minimum_days: 28, announced_on: null }, consideration: 'met' },
      }),
    ]);
  });
});

describe('areas and organisations', () => {
  it('counts an area’s published consultations by quarter, marking the over- and under-consulted', async () => {
    const rows = await read('public/area', { id: 'widnes' });
    expect(rows.map((r) => [r.quarter, r.consultations, r.over_consulted, r.under_consulted, r.outcomes_published])).toEqual([
      ['2024-Q1', 2, false, false, 1],
      ['2024-Q2', 2, false, false, 0],
      ['2024-Q3', 3, false, false, 0],
    ]);
    expect(rows[0]?.place).toEqual({ kind: 'area', id: 'widnes', name: 'Widnes' });
  });

  it('gives an organisation’s share of closed consultations with evidenced influence and with feedback given, by year', async () => {
    expect(await read('public/organisation', { id: 'halton-borough-council' })).toEqual([
      expect.objectContaining({ year: 2024, consultations: 2, with_evidenced_influence: 1, with_feedback_given: 1, share_with_evidenced_influence: 0.5 }),
    ]);
  });
});

describe('what the site may prove', () => {
  it('shows the positions of what we did lists, and no other', async () => {
    const shown = async (position: number) => (await read('public/evidence', { position }))[0]?.kind ?? null;
    expect([await shown(12), await shown(13), await shown(17), await shown(18)]).toEqual(['decision', 'influence', 'action', 'feedback_to_participants']);
    // The unpublished decision and its link, an unpublished plan, the first event of the log.
    expect([await shown(15), await shown(16), await shown(19), await shown(1)]).toEqual([null, null, null, null]);
  });
});
