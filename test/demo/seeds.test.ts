import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDocuments, type SeedDocumentId } from '../../src/demo/documents.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { EventOfType, LedgerEvent, LedgerEventType } from '../../src/domain/events/catalogue.js';
import { CommandHandler, toLedgerEvent } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { quotedIn } from './seed-text.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-seeds-'));
let store: ReturnType<typeof openSqliteEventStore>;
let loaded: number;
let progress: [number, number][] = [];
let events: LedgerEvent[];
let recorded: RecordedEvent[];

beforeAll(async () => {
  // given all five seed documents, sent through a real Ledger over a real SQLite store
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  progress = [];
  loaded = await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo, (done, total) => progress.push([done, total]));
  recorded = await store.readAll();
  events = recorded.map(toLedgerEvent);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const all = <T extends LedgerEventType>(type: T): EventOfType<T>['data'][] =>
  events.flatMap((e) => (e.type === type ? [e.data as EventOfType<T>['data']] : []));

const objectivesOf = (planId: string) => all('ObjectiveAdded').filter((o) => o.planId === planId);
const actionsOf = (planId: string) => all('ActionPlanned').filter((a) => a.planId === planId);

/** Each action's status after every change, as the action tracker would show it. */
function statusCounts(planId: string): Record<string, number> {
  const status = new Map(actionsOf(planId).map((a) => [a.actionId, 'planned']));
  for (const change of all('ActionStatusChanged')) if (status.has(change.actionId)) status.set(change.actionId, change.to);
  const counts: Record<string, number> = {};
  for (const s of status.values()) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

describe('the demo ledger from all five seed documents', () => {
  it('loads every command with none refused, and the hash chain verifies', () => {
    expect(loaded).toBe(events.length);
    expect(loaded).toBe(seedDemo.length);
    expect(progress.at(-1)).toEqual([seedDemo.length, seedDemo.length]);
    expect(store.verify()).toMatchObject({ ok: true, checked: loaded });
  });

  it('closes no activity with a headcount: no seed gives one ("over 30" and "more than 75" are floors)', () => {
    expect(all('ActivityClosed').length).toBeGreaterThan(0);
    expect(all('ActivityClosed').filter((c) => c.participants !== undefined)).toEqual([]);
  });

  it('keeps each step’s source in the metadata of every event it records: title, file, section and a passage found in the seed', () => {
    const byTitle = new Map<string, SeedDocumentId>(Object.entries(seedDocuments).map(([id, d]) => [d.title, id as SeedDocumentId]));
    const unsourced = recorded.filter((e) => {
      const source = (e.metadata as { source?: { title: string; file?: string; section?: string; quote: string } }).source;
      const document = source && byTitle.get(source.title);
      return !document || source.file !== seedDocuments[document].file || !source.section || !source.quote.split(' […] ').every((q) => quotedIn(document, q));
    });
    expect(recorded.length).toBeGreaterThan(0);
    expect(unsourced.map((e) => `${e.position} ${e.type}`)).toEqual([]);
  });

  it('records every influence link with its kind stated and the quoted passage it rests on in its metadata', () => {
    const links = recorded.filter((e) => e.type === 'InfluenceLinked');
    expect(links).toHaveLength(7);
    for (const link of links) {
      const data = toLedgerEvent(link).data as { influence: string; rationale: string };
      const source = (link.metadata as { source?: { quote: string } }).source;
      expect(['changed', 'confirmed', 'not_adopted']).toContain(data.influence);
      expect(source?.quote).toBe(data.rationale);
    }
  });

  it('states what each body did: approved where the seed shows it, recommended where the seed is only the report', () => {
    expect(all('DecisionRecorded').map((d) => [d.decisionId, d.outcomeKind])).toEqual([
      ['rc-partnership-board-2007-05-25', 'approved'],
      ['inverclyde-rc-2008-08', 'approved'],
      ['inverclyde-alliance-2008-08', 'approved'],
      ['inverclyde-rc-2009-09-03', 'recommended'],
      ['halton-hsp-board-2011-06', 'approved'],
      ['halton-operational-group-health-check', 'approved'],
      ['halton-safer-ppb-2013-03-12', 'recommended'],
      ['highland-cog-2016-04-21', 'recommended'],
    ]);
    expect(all('RecommendationDecided')).toEqual([]);
  });

  it('records each plan at the stage its document shows: two adopted, one approved in 2008, three drafts of which two were proposed', () => {
    const stage = (planId: string) =>
      events.flatMap((e) => ['PlanDrafted', 'PlanProposed', 'PlanAdopted', 'PlanSuperseded'].includes(e.type) && (e.data as { planId: string }).planId === planId ? [e.type] : []);
    expect(stage('rc-ce-capacity-building-plan')).toEqual(['PlanAdopted']);
    expect(stage('halton-ce-strategy-2011')).toEqual(['PlanAdopted']);
    expect(stage('inverclyde-ce-strategy-2008')).toEqual(['PlanAdopted']);
    expect(stage('cls-ce-involvement-strategy-2006')).toEqual(['PlanDrafted']);
    expect(stage('inverclyde-ce-implementation-plan')).toEqual(['PlanDrafted', 'PlanProposed']);
    expect(stage('highland-cpip-2016')).toEqual(['PlanDrafted', 'PlanProposed']);
  });

  it('records the networks the seeds name as networks, with the members and the replacement the seeds give', () => {
    const kinds = new Map(all('OrganisationRegistered').map((o) => [o.organisationId, o.kind]));
    const networks = [...kinds].filter(([, kind]) => kind === 'network').map(([id]) => id);
    expect(networks).toEqual([
      'rc-coordination-team',
      'inverclyde-community-engagement-network',
      'halton-ce-operational-group',
      'halton-community-engagement-network',
      'halton-community-practitioners-forum',
    ]);
    const membersOf = (id: string) => all('NetworkMemberAdded').filter((m) => m.organisationId === id).map((m) => m.memberId);
    expect(membersOf('rc-coordination-team')).toEqual(['redcar-cleveland-council', 'rcvda', 'rc-community-empowerment-network', 'tvrcc']);
    expect(membersOf('inverclyde-community-engagement-network')).toEqual([
      'inverclyde-council', 'cvs-inverclyde', 'inverclyde-community-care-forum', 'inverclyde-chp', 'strathclyde-fire-rescue', 'strathclyde-police', 'skills-development-scotland',
    ]);
    // "Engagement managers and professionals from across the strategic partnership": none named.
    expect(membersOf('halton-ce-operational-group')).toEqual([]);
    expect(all('OrganisationReplaced')).toEqual([
      expect.objectContaining({ organisationId: 'halton-community-engagement-network', replacedBy: 'halton-community-practitioners-forum', reason: expect.stringContaining('This has been replaced by the Community Practitioners Forum') }),
    ]);
  });

  it('names the decision an action carries out where the seed says the decision asked for it or approved it', () => {
    const carriedOut = new Map<string, number>();
    for (const a of all('ActionPlanned')) if (a.decisionId) carriedOut.set(a.decisionId, (carriedOut.get(a.decisionId) ?? 0) + 1);
    expect([...carriedOut]).toEqual([
      ['rc-partnership-board-2007-05-25', 7],
      ['inverclyde-rc-2008-08', 5],
      ['halton-hsp-board-2011-06', 21],
    ]);
  });

  it('accepts an invitation only where the seed shows the organisation taking its part, and leaves the others open', () => {
    const accepted = (type: 'PlanPartnershipAccepted' | 'JointPartnershipAccepted' | 'ActionLeadAccepted') =>
      events.flatMap((e) => (e.type === type ? [`${(e.data as { organisationId: string }).organisationId} ${Object.values(e.data as Record<string, string>)[0]}`] : []));
    expect(accepted('PlanPartnershipAccepted')).toEqual([
      'redcar-cleveland-council rc-ce-capacity-building-plan', 'rcvda rc-ce-capacity-building-plan', 'rc-community-empowerment-network rc-ce-capacity-building-plan', 'tvrcc rc-ce-capacity-building-plan',
      'inverclyde-council inverclyde-ce-strategy-2008',
      ...['inverclyde-council', 'cvs-inverclyde', 'inverclyde-community-care-forum', 'inverclyde-chp', 'strathclyde-fire-rescue', 'strathclyde-police', 'skills-development-scotland'].map((id) => `${id} inverclyde-ce-implementation-plan`),
      'halton-borough-council halton-ce-strategy-2011',
    ]);
    // The Improvement Service facilitated both sessions.
    expect(accepted('JointPartnershipAccepted')).toEqual(['improvement-service highland-planning-session-1', 'improvement-service highland-planning-session-2']);
    const leads = accepted('ActionLeadAccepted');
    expect(leads.filter((l) => l.startsWith('inverclyde-council '))).toHaveLength(5);
    // The Council leads twelve Halton actions whose notes show the work done or under way.
    expect(leads.filter((l) => l.startsWith('halton-borough-council '))).toHaveLength(12);
    expect(leads).toHaveLength(17);
    // Still invited: YOT to Halton's plan, the Highland CPP to the draft put to it.
    const answered = new Set(events.filter((e) => e.type === 'PlanPartnershipAccepted').map((e) => `${(e.data as { organisationId: string }).organisationId} ${(e.data as { planId: string }).planId}`));
    expect(answered.has('halton-yot halton-ce-strategy-2011')).toBe(false);
    expect(answered.has('highland-cpp highland-cpip-2016')).toBe(false);
  });

  it('registers each organisation once', () => {
    const ids = all('OrganisationRegistered').map((o) => o.organisationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('Halton (seed 004): the action plan update of 12 March 2013', () => {
    const planId = 'halton-ce-strategy-2011';

    it('has its five objectives and the 21 actions of Appendix A (4, 5, 8, 3 and 1 per objective)', () => {
      expect(objectivesOf(planId).map((o) => o.title)).toEqual([
        'Citizen focused local decision making',
        'Accessible and inclusive engagement',
        'Open, efficient and effective engagement',
        'Innovative engagement',
        'Using and responding to customer initiated engagement',
      ]);
      const perObjective = objectivesOf(planId).map((o) => actionsOf(planId).filter((a) => a.objectiveId === o.objectiveId).length);
      expect(perObjective).toEqual([4, 5, 8, 3, 1]);
    });

    it('records a status only where the progress note states one: 3 completed, 9 in progress, 9 with none, none withdrawn', () => {
      expect(statusCounts(planId)).toEqual({ completed: 3, in_progress: 9, planned: 9 });
      expect(all('ActionStatusChanged').filter((c) => c.to === 'withdrawn')).toEqual([]);
    });

    it('keeps "replaced by the Community Practitioners Forum" as the network action’s note, without reading a withdrawal into it', () => {
      const actionId = 'halton-action-community-engagement-network';
      expect(all('ActionProgressNoted').filter((n) => n.actionId === actionId).map((n) => n.note)).toEqual([
        expect.stringContaining('This has been replaced by the Community Practitioners Forum'),
      ]);
      expect(all('ActionStatusChanged').filter((c) => c.actionId === actionId)).toEqual([]);
    });

    it('dates every progress note on Appendix A’s update (November 2012), not on the report that presents it', () => {
      const notes = all('ActionProgressNoted').filter((n) => n.actionId.startsWith('halton-'));
      expect(notes).toHaveLength(21);
      expect(new Set(notes.map((n) => n.notedOn))).toEqual(new Set(['2012-11-30']));
    });

    it('gives a target date only where the timescale names a month', () => {
      const due = new Map(actionsOf(planId).map((a) => [a.actionId.replace('halton-action-', ''), [a.timescale, a.targetDate]]));
      expect(due.get('mystery-shopper-guidelines')).toEqual(['April 2013', '2013-04-30']);
      expect(due.get('consultation-finder-training')).toEqual(['December 2012', '2012-12-31']);
      expect(due.get('support-councillors')).toEqual(['Continuous', undefined]);
      expect(due.get('joint-consultations')).toEqual(['On going', undefined]);
      expect(actionsOf(planId).filter((a) => a.targetDate !== undefined)).toHaveLength(14);
    });

    it('names the Community Practitioners Forum as a lead where the "Who?" column does', () => {
      expect(actionsOf(planId).find((a) => a.actionId === 'halton-action-support-councillors')?.leadOrganisationIds).toEqual(['halton-borough-council', 'halton-community-practitioners-forum']);
    });

    it('makes partners of the plan only the organisations its "Who?" column names, not those a progress note mentions', () => {
      const [adopted] = all('PlanAdopted').filter((p) => p.planId === planId);
      expect(adopted?.partnerIds).toEqual(['halton-borough-council', 'halton-yot']);
      const registered = new Map(all('OrganisationRegistered').map((o) => [o.organisationId, o.name]));
      expect([registered.get('halton-housing-trust'), registered.get('halton-st-helens-vca'), registered.get('halton-yot')]).toEqual(['HHT', 'HSTVCA', 'YOT']);
      expect(actionsOf(planId).find((a) => a.actionId === 'halton-action-mystery-shopper-guidelines')?.leadOrganisationIds).toEqual(['halton-borough-council', 'halton-yot']);
    });

    it('records the Strategic Partnership Board’s approval (June 2011), the Operational Group’s health-check decision, and the report’s recommendations as only recommended', () => {
      const decisions = new Map(all('DecisionRecorded').map((d) => [d.decisionId, d]));
      expect(decisions.get('halton-hsp-board-2011-06')).toMatchObject({ body: 'Halton Strategic Partnership Board', decidedOn: '2011-06-30' });
      expect(decisions.get('halton-operational-group-health-check')).toMatchObject({
        organisationId: 'halton-ce-operational-group',
        outcome: expect.stringContaining('has agreed the approach to be taken, which is set out in Appendix B'),
      });
      expect(decisions.get('halton-safer-ppb-2013-03-12')).toMatchObject({ outcomeKind: 'recommended', outcome: expect.stringMatching(/^Members of the Safer Policy and Performance Board:- note the content of the report;/) });
    });

    it('names the plan’s risk and its resources as the report gives them', () => {
      expect(all('PlanRiskIdentified').filter((r) => r.planId === planId).map((r) => r.risk)).toEqual([expect.stringContaining('The main risk lies in not delivering it successfully.')]);
      expect(all('PlanResourceAdded').filter((r) => r.planId === planId)).toEqual([expect.objectContaining({ item: expect.stringContaining('existing staff resources from the council and partners') })]);
    });

    it('opens the 2013 health check with no submissions: the seed holds the blank form only', () => {
      expect(all('HealthCheckCycleOpened')).toEqual([expect.objectContaining({ cycleId: 'halton-2013', opensOn: '2013-03-31', dueBy: '2013-04-30' })]);
      expect(all('HealthCheckSubmitted')).toEqual([]);
    });
  });

  describe('Highland (seed 002): the Community Planning Improvement Programme', () => {
    const planId = 'highland-cpip-2016';

    it('has six improvements, with 5, 3, 3, 4, 4 and 3 actions', () => {
      const improvements = objectivesOf(planId);
      expect(improvements.map((o) => o.code)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Improvement ${n}`));
      expect(improvements.map((o) => actionsOf(planId).filter((a) => a.objectiveId === o.objectiveId).length)).toEqual([5, 3, 3, 4, 4, 3]);
    });

    it('keeps each improvement’s implications and outcome with the improvement, not copied onto every action', () => {
      const [first] = objectivesOf(planId);
      expect(first?.description).toContain('Costs: Staffing time; Engagement costs; Resource intensive. Risks: Raises community expectations');
      expect(first?.description).toContain('Evidence of confident and capable communities');
      expect(actionsOf(planId).filter((a) => a.implications !== undefined || a.expectedOutcome !== undefined)).toEqual([]);
      expect(actionsOf(planId).find((a) => a.actionId === 'highland-action-1-capacity-building-forum')).toMatchObject({ targetDate: '2016-09-30', leadOrganisationIds: ['highland-tsi'] });
    });

    it('splits the forum row’s lead cell into its lead and two dated milestones', () => {
      expect(actionsOf(planId).find((a) => a.actionId === 'highland-action-1-capacity-building-forum')?.lead).toBe('Highland Third Sector Interface');
      expect(all('ActionMilestoneAdded').map((m) => [m.actionId, m.what, m.due])).toEqual([
        ['highland-action-1-capacity-building-forum', 'Paper to CPP Board in June 2016.', '2016-06-30'],
        ['highland-action-1-capacity-building-forum', 'CPP to identify owner/lead for Sept 2016.', '2016-09-30'],
      ]);
    });

    it('names no lead where a row’s lead cell is blank, and reads no date into "in 6 months"', () => {
      const pilots = actionsOf(planId).find((a) => a.actionId === 'highland-action-1-pilot-areas');
      expect(pilots).toMatchObject({ lead: 'Not stated in this row', leadOrganisationIds: [] });
      const accountability = actionsOf(planId).find((a) => a.actionId === 'highland-action-6-shared-accountability');
      expect(accountability).toMatchObject({ timescale: 'Should be in place in 6 months.' });
      expect(accountability?.targetDate).toBeUndefined();
    });

    it('records the awareness session, the survey, the focus group and the two planning sessions as held, none left open', () => {
      const opened = all('ActivityOpened').filter((a) => a.activityId.startsWith('highland-'));
      expect(opened.map((a) => [a.activityId, a.openedOn])).toEqual([
        ['highland-cpp-board-awareness-session', '2015-12-02'],
        ['highland-cpp-survey', '2015-12-03'],
        ['highland-third-sector-focus-group', '2016-01-18'],
        ['highland-planning-session-1', '2016-01-26'],
        ['highland-planning-session-2', '2016-02-18'],
      ]);
      expect(all('ActivityClosed').filter((a) => a.activityId.startsWith('highland-'))).toHaveLength(5);
    });

    it('records the plan as drafted on the report’s date and put to the CPP on 21 April 2016, not as adopted', () => {
      expect(all('PlanDrafted').filter((p) => p.planId === planId)).toEqual([expect.objectContaining({ draftedOn: '2016-03-30', partnerIds: ['highland-cpp'] })]);
      expect(all('PlanProposed').filter((p) => p.planId === planId)).toEqual([expect.objectContaining({ proposedOn: '2016-04-21', proposedTo: 'Highland Community Planning Partnership' })]);
    });

    it('records the COG item as recommended, the COG asked "to discuss and comment", the three activities behind the plan linked as having changed it', () => {
      const [cog] = all('DecisionRecorded').filter((d) => d.decisionId === 'highland-cog-2016-04-21');
      expect(cog).toMatchObject({ decidedOn: '2016-04-21', reference: 'COG 09/16', outcomeKind: 'recommended' });
      expect(cog?.outcome).toContain('with the COG being given an opportunity to discuss and comment on the plan as attached.');
      const links = all('InfluenceLinked').filter((l) => l.decisionId === 'highland-cog-2016-04-21');
      expect(links.map((l) => [l.source.activityId, l.influence])).toEqual([
        ['highland-third-sector-focus-group', 'changed'],
        ['highland-planning-session-1', 'changed'],
        ['highland-planning-session-2', 'changed'],
      ]);
    });
  });

  describe('Inverclyde (seed 000): the report seeking approval of the implementation plan, 3 September 2009', () => {
    const planId = 'inverclyde-ce-implementation-plan';

    it('records the Regeneration Committee item with its full reference, as recommended and not as approved', () => {
      expect(all('DecisionRecorded').filter((d) => d.reference === 'RC/09/09/01/SJ/WW')).toEqual([
        expect.objectContaining({
          organisationId: 'inverclyde-council',
          decidedOn: '2009-09-03',
          body: 'Regeneration Committee, Inverclyde Council',
          outcomeKind: 'recommended',
          outcome: expect.stringMatching(/^1\.1 The purpose of this report is to seek formal approval/),
        }),
      ]);
    });

    it('records the approvals of August 2008 by the Committee and by the Alliance, and the actions asked for then with their progress', () => {
      expect(all('DecisionRecorded').filter((d) => d.decidedOn === '2008-08-31').map((d) => d.body)).toEqual(['Regeneration Committee, Inverclyde Council', 'Inverclyde Alliance Board']);
      expect(statusCounts('inverclyde-ce-strategy-2008')).toEqual({ completed: 1, in_progress: 4 });
    });

    it('has three outcomes with the VOiCE outcome indicators 1.1 to 3.2', () => {
      expect(objectivesOf(planId)).toHaveLength(3);
      const indicators = all('OutcomeIndicatorAdded').filter((i) => i.planId === planId);
      expect(indicators.map((i) => i.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2']);
      expect(indicators.find((i) => i.code === '1.2')?.text).toBe('Evidence of impact / influence on decisions');
    });

    it('has the Alliance partners as the plan’s partners, no VOiCE scores (the seed’s form is blank), and no lead for the review the plan leaves unassigned', () => {
      const [drafted] = all('PlanDrafted').filter((p) => p.planId === planId);
      expect(drafted).toMatchObject({ draftedOn: '2009-05-28', organisationId: 'inverclyde-community-engagement-network' });
      expect(all('PlanProposed').filter((p) => p.planId === planId)).toEqual([expect.objectContaining({ proposedOn: '2009-09-03' })]);
      expect(all('PlanAdopted').filter((p) => p.planId === planId)).toEqual([]);
      expect(drafted?.partnerIds).toEqual([
        'inverclyde-council',
        'cvs-inverclyde',
        'inverclyde-community-care-forum',
        'inverclyde-chp',
        'strathclyde-fire-rescue',
        'strathclyde-police',
        'skills-development-scotland',
      ]);
      expect(all('VoiceEvaluationRecorded')).toEqual([]);
      expect(actionsOf(planId).find((a) => a.actionId === 'inverclyde-action-evaluation')).toMatchObject({ targetDate: '2010-05-31', lead: 'Not stated in the plan', leadOrganisationIds: [] });
    });

    it('names the partners’ contribution of up to £1000 and the two kinds of resistance the plan foresees', () => {
      expect(all('PlanResourceAdded').filter((r) => r.planId === planId).map((r) => [r.resourceId, r.amountPence, r.basis])).toEqual([
        ['inverclyde-partners-contribution', 100_000, 'up to £1000'],
        ['inverclyde-voice-web-host', undefined, undefined],
      ]);
      expect(all('PlanRiskIdentified').filter((r) => r.planId === planId).map((r) => r.risk)).toEqual([
        'However, there may be resistance from individual agencies / services in relation to implementation',
        'Some community structures may resist implementation Reluctance to share power',
      ]);
    });

    it('records the consultation of the Network’s agencies, not linked to the item: the report does not say how it was taken into account', () => {
      expect(all('ActivityClosed').map((c) => c.activityId)).toContain('inverclyde-cen-consultation');
      expect(all('InfluenceLinked').filter((l) => l.source.activityId === 'inverclyde-cen-consultation')).toEqual([]);
    });
  });

  describe('Chester-le-Street (seed 003): the draft Community Engagement and Involvement Strategy', () => {
    const planId = 'cls-ce-involvement-strategy-2006';

    it('has six aims in the strategy’s own words', () => {
      const aims = objectivesOf(planId);
      expect(aims.map((a) => a.code)).toEqual(['Aim 1', 'Aim 2', 'Aim 3', 'Aim 4', 'Aim 5', 'Aim 6']);
      expect(aims[3]?.title).toContain("including those that may 'hard to reach' or 'hard to hear'");
    });

    it('records it as the draft it is, Version 1.1, neither proposed nor adopted, with the risk it names', () => {
      expect(all('PlanDrafted').filter((p) => p.planId === planId)).toEqual([expect.objectContaining({ draftedOn: '2006-04-30', draftVersion: 'Version 1.1' })]);
      expect(all('PlanProposed').filter((p) => p.planId === planId)).toEqual([]);
      expect(all('PlanRiskIdentified').filter((r) => r.planId === planId)).toEqual([
        expect.objectContaining({ risk: 'A key risk to the delivery of the strategy is the availability of officer time to deliver the action plan.', mitigation: 'This will need to be managed within the organisation.' }),
      ]);
    });

    it('has the 29 key actions of Appendix 2, 21 under the aim the text places them in, and the two monitoring arrangements', () => {
      const actions = actionsOf(planId);
      expect(actions.filter((a) => a.actionId.startsWith('cls-action-'))).toHaveLength(29);
      expect(actions.filter((a) => a.actionId.startsWith('cls-action-') && a.objectiveId !== undefined)).toHaveLength(21);
      expect(actions.filter((a) => a.actionId.startsWith('cls-monitoring-')).map((a) => a.lead)).toEqual(["the council's Project Management Board", 'Not stated']);
    });

    it('names the hard to reach communities it sets out to target', () => {
      expect(all('CommunityOfInterestDefined').filter((c) => c.hardToReach)).toHaveLength(7);
    });
  });

  describe('Redcar & Cleveland (seed 001): the recommendations endorsed on 25 May 2007', () => {
    it('tracks the seven recommendations that are actions, the resource review already begun and 1.3 with no lead', () => {
      const actions = actionsOf('rc-ce-capacity-building-plan');
      expect(actions.map((a) => [a.actionId.replace(/^rc-action-(\d)-(\d).*/, '$1.$2'), a.targetDate])).toEqual([
        ['1.1', '2007-09-30'], ['1.2', '2007-10-31'], ['1.3', '2007-10-31'], ['1.4', '2007-10-31'], ['1.5', '2007-10-31'], ['1.6', undefined], ['1.8', '2007-10-31'],
      ]);
      expect(actions.find((a) => a.actionId.startsWith('rc-action-1-3-'))).toMatchObject({ lead: 'Not stated in recommendation 1.3', leadOrganisationIds: [] });
      expect(statusCounts('rc-ce-capacity-building-plan')).toEqual({ in_progress: 1, planned: 6 });
    });

    it('records the Board’s endorsement of every recommendation, 1.3, 1.5 and 1.6 and the £9,150 budget included', () => {
      const [board] = all('DecisionRecorded').filter((d) => d.decisionId === 'rc-partnership-board-2007-05-25');
      for (const n of ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8']) expect(board?.outcome).toContain(`${n} That `);
      expect(board?.outcome).toContain('Total budget £9,150.');
    });

    it('itemises the £9,150 budget as the plan’s resources', () => {
      const items = all('PlanResourceAdded').filter((r) => r.planId === 'rc-ce-capacity-building-plan');
      expect(items.map((r) => r.amountPence)).toEqual([175_000, 150_000, 140_000, 100_000, 350_000]);
      expect(items.reduce((sum, r) => sum + (r.amountPence ?? 0), 0)).toBe(915_000);
    });

    it('attaches each finding to the workshop whose notes hold it', () => {
      const findings = new Map(all('FindingRecorded').map((f) => [`${f.activityId}/${f.findingId}`, f.summary]));
      expect(findings.get('rc-anchor-workshop-1/coordinate-activities')).toBe('Agencies have got to proactively coordinate their activities.');
      expect([...findings].filter(([key, summary]) => !key.startsWith('rc-anchor-workshop-1/') && summary.includes('proactively coordinate'))).toEqual([]);
      expect(findings.get('rc-anchor-workshop-2/service-users-gaps')).toContain('Are the results of consultation taken into consideration? Where is the feedback?');
      expect(findings.get('rc-anchor-workshop-2/service-users-gaps')).toContain('People are over consulted and under consulted.');
    });

    it('records the interviews with 13 service providers and 4 infrastructure organisations, held and not linked to the Board', () => {
      const [interviews] = all('ActivityPlanned').filter((a) => a.activityId === 'rc-data-collection-interviews');
      expect(interviews?.description).toContain('13 service providers were interviewed');
      expect(interviews?.description).toContain('4 engagement infrastructure organisations were also interviewed');
      expect(all('InfluenceLinked').filter((l) => l.source.activityId === 'rc-data-collection-interviews')).toEqual([]);
    });

    it('records the interviews’ report as the paper the service providers had before their workshop', () => {
      const [workshop] = all('ActivityPlanned').filter((a) => a.activityId === 'rc-providers-workshop');
      expect(workshop?.documents).toEqual([{ title: 'Feedback from Data Collection Interviews', publishedOn: '2007-03-28' }]);
      expect(all('ActivityPlanned').filter((a) => a.activityId !== 'rc-providers-workshop' && a.documents.length > 0)).toEqual([]);
    });

    it('links the four workshops to the endorsement, each as having changed it', () => {
      const links = all('InfluenceLinked').filter((l) => l.decisionId === 'rc-partnership-board-2007-05-25');
      expect(links.map((l) => [l.source.activityId, l.influence])).toEqual([
        ['rc-anchor-workshop-1', 'changed'],
        ['rc-providers-workshop', 'changed'],
        ['rc-anchor-workshop-2', 'changed'],
        ['rc-joint-workshop', 'changed'],
      ]);
    });
  });
});
