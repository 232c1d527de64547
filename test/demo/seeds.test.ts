import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { EventOfType, LedgerEvent, LedgerEventType } from '../../src/domain/events/catalogue.js';
import { CommandHandler, toLedgerEvent } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-seeds-'));
let store: ReturnType<typeof openSqliteEventStore>;
let loaded: number;
let progress: [number, number][] = [];
let events: LedgerEvent[];

beforeAll(async () => {
  // given all five seed documents, sent through a real Ledger over a real SQLite store
  store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
  progress = [];
  loaded = await loadDemo(new Ledger(new CommandHandler({ store })), seedDemo, (done, total) => progress.push([done, total]));
  events = (await store.readAll()).map(toLedgerEvent);
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

    it('reads 3 completed, 1 withdrawn, 9 in progress and 8 not yet started from the progress column', () => {
      expect(statusCounts(planId)).toEqual({ completed: 3, withdrawn: 1, in_progress: 9, planned: 8 });
    });

    it('withdraws the Community Engagement Network, replaced by the Community Practitioners Forum', () => {
      const withdrawn = all('ActionStatusChanged').filter((c) => c.to === 'withdrawn' && c.actionId.startsWith('halton-'));
      expect(withdrawn).toEqual([
        expect.objectContaining({ actionId: 'halton-action-community-engagement-network', reason: expect.stringContaining('replaced by the Community Practitioners Forum') }),
      ]);
    });

    it('dates every progress note on the report, and a target date only where the timescale names one', () => {
      const notes = all('ActionProgressNoted').filter((n) => n.actionId.startsWith('halton-'));
      expect(notes).toHaveLength(21);
      expect(new Set(notes.map((n) => n.notedOn))).toEqual(new Set(['2013-03-12']));
      const due = new Map(actionsOf(planId).map((a) => [a.actionId.replace('halton-action-', ''), [a.timescale, a.targetDate]]));
      expect(due.get('mystery-shopper-guidelines')).toEqual(['April 2013', '2013-04-30']);
      expect(due.get('consultation-finder-training')).toEqual(['December 2012', '2012-12-31']);
      expect(due.get('support-councillors')).toEqual(['Continuous', undefined]);
      expect(due.get('joint-consultations')).toEqual(['On going', undefined]);
      expect(actionsOf(planId).filter((a) => a.targetDate !== undefined)).toHaveLength(14);
    });

    it('has the lead organisations registered, and the 2013 health check open with no submissions', () => {
      const organisations = all('OrganisationRegistered').map((o) => o.organisationId);
      expect(organisations).toEqual(expect.arrayContaining(['halton-strategic-partnership', 'halton-borough-council', 'halton-housing-trust', 'halton-yot']));
      expect(actionsOf(planId).find((a) => a.actionId === 'halton-action-mystery-shopper-guidelines')?.leadOrganisationIds).toEqual(['halton-borough-council', 'halton-yot']);
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

    it('keeps implications and outcomes with the actions', () => {
      const forum = actionsOf(planId).find((a) => a.actionId === 'highland-action-1-capacity-building-forum');
      expect(forum).toMatchObject({
        targetDate: '2016-09-30',
        implications: { cost: expect.stringContaining('Staffing time'), risk: expect.stringContaining('Raises community expectations') },
        expectedOutcome: expect.stringContaining('confident and capable communities'),
      });
    });

    it('records the focus group and the two planning sessions, which the Chief Officers’ Group item of 21 April 2016 cites', () => {
      const opened = all('ActivityOpened').filter((a) => a.activityId.startsWith('highland-'));
      expect(opened.map((a) => a.openedOn)).toEqual(['2016-01-18', '2016-01-26', '2016-02-18']);
      const [cog] = all('DecisionRecorded').filter((d) => d.decisionId === 'highland-cog-2016-04-21');
      expect(cog).toMatchObject({ decidedOn: '2016-04-21', reference: 'COG 09/16' });
      const cited = all('InfluenceLinked').filter((l) => l.decisionId === 'highland-cog-2016-04-21').map((l) => l.source.activityId);
      expect(cited).toEqual(['highland-third-sector-focus-group', 'highland-planning-session-1', 'highland-planning-session-2']);
    });
  });

  describe('Inverclyde (seed 000): the implementation plan approved on 3 September 2009', () => {
    const planId = 'inverclyde-ce-implementation-plan';

    it('records the Regeneration Committee decision with reference RC/09/09/01', () => {
      expect(all('DecisionRecorded').filter((d) => d.reference === 'RC/09/09/01')).toEqual([
        expect.objectContaining({ organisationId: 'inverclyde-council', decidedOn: '2009-09-03', body: 'Regeneration Committee, Inverclyde Council' }),
      ]);
    });

    it('has three outcomes with the VOiCE outcome indicators 1.1 to 3.2', () => {
      expect(objectivesOf(planId)).toHaveLength(3);
      const indicators = all('OutcomeIndicatorAdded').filter((i) => i.planId === planId);
      expect(indicators.map((i) => i.code)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '3.1', '3.2']);
      expect(indicators.find((i) => i.code === '1.2')?.text).toBe('Evidence of impact / influence on decisions');
    });

    it('has the Alliance partners as the plan’s partners, and no VOiCE scores (the seed’s form is blank)', () => {
      const [adopted] = all('PlanAdopted').filter((p) => p.planId === planId);
      expect(adopted?.partnerIds).toEqual([
        'inverclyde-council',
        'cvs-inverclyde',
        'inverclyde-community-care-forum',
        'inverclyde-chp',
        'strathclyde-fire-rescue',
        'strathclyde-police',
        'skills-development-scotland',
      ]);
      expect(all('VoiceEvaluationRecorded')).toEqual([]);
      expect(actionsOf(planId).find((a) => a.actionId === 'inverclyde-action-evaluation')?.targetDate).toBe('2010-05-31');
    });
  });

  describe('Chester-le-Street (seed 003): the Community Engagement and Involvement Strategy', () => {
    it('has six aims', () => {
      const aims = objectivesOf('cls-ce-involvement-strategy-2006');
      expect(aims.map((a) => a.code)).toEqual(['Aim 1', 'Aim 2', 'Aim 3', 'Aim 4', 'Aim 5', 'Aim 6']);
      expect(all('PlanAdopted').find((p) => p.planId === 'cls-ce-involvement-strategy-2006')?.adoptedOn).toBe('2006-05-25');
    });

    it('names the hard to reach communities it sets out to target', () => {
      expect(all('CommunityOfInterestDefined').filter((c) => c.hardToReach)).toHaveLength(7);
    });
  });

  describe('Redcar & Cleveland (seed 001): the recommendations endorsed on 25 May 2007', () => {
    it('tracks the seven recommendations as actions due by the Board’s report in October, the resource review already begun', () => {
      const actions = actionsOf('rc-ce-capacity-building-plan');
      expect(actions).toHaveLength(7);
      expect(actions.map((a) => a.targetDate)).toEqual(['2007-09-30', ...Array(6).fill('2007-10-31')]);
      expect(statusCounts('rc-ce-capacity-building-plan')).toEqual({ in_progress: 1, planned: 6 });
    });
  });

  it('registers each organisation once', () => {
    const ids = all('OrganisationRegistered').map((o) => o.organisationId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
