// References must exist: what a command names is one the ledger knows, or the command is refused
// with a stable code per kind and the field that named it.

import { describe, expect, it } from 'vitest';
import { activityDecider } from '../../src/domain/aggregates/activity.js';
import { healthCheckCycleDecider } from '../../src/domain/aggregates/health-check-cycle.js';
import { healthCheckDecider } from '../../src/domain/aggregates/health-check.js';
import { planDecider } from '../../src/domain/aggregates/plan.js';
import { area } from '../../src/domain/aggregates/reference.js';
import { voiceDecider } from '../../src/domain/aggregates/voice.js';
import { fold } from '../../src/domain/decider.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { voicePrinciples } from '../../src/domain/events/voice.js';
import { readKnown } from '../../src/domain/references.js';
import { engagementCategories } from '../../src/domain/values.js';
import { response, workshop } from './fixtures.js';
import { admin, given, knowing, officer } from './given.js';

const redcar = officer('redcar-council');
// The workshop targets the Redcar & Cleveland area with RCVDA as joint partner.
const known = knowing({ area: ['redcar-cleveland'], organisation: ['rcvda'], community: ['young-people'], decision: ['rc-board'] });
const { organisationId: _o, ...planning } = workshop();
const planned: LedgerEvent = { type: 'ActivityPlanned', data: workshop() };
const opened: LedgerEvent = { type: 'ActivityOpened', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } };

describe('references an activity makes', () => {
  it('plans an activity whose area, communities and joint partners all exist', () => {
    const events = given(activityDecider).when({ type: 'PlanActivity', data: { ...planning, communityIds: ['young-people'] } }, { actor: redcar, known }).events();
    expect(events.map((e) => e.type)).toEqual(['ActivityPlanned']);
  });

  it.each([
    ['areaIds', { areaIds: ['redcar-cleveland', 'atlantis'] }, 'UNKNOWN_AREA', ['atlantis']],
    ['communityIds', { communityIds: ['unicorn-riders'] }, 'UNKNOWN_COMMUNITY_OF_INTEREST', ['unicorn-riders']],
    ['jointPartnerIds', { jointPartnerIds: ['rcvda', 'nobody-ltd'] }, 'UNKNOWN_ORGANISATION', ['nobody-ltd']],
  ])('refuses %s naming what the ledger does not know, saying the field and the ids', (field, change, code, missing) => {
    const refusal = given(activityDecider).when({ type: 'PlanActivity', data: { ...planning, ...change } }, { actor: redcar, known }).thenRefusedWith(code);
    expect(refusal.details).toEqual({ field, missing });
    given(activityDecider, [planned])
      .when({ type: 'AmendActivityDetails', data: { activityId: 'redcar-workshop-1', changes: change, reason: 'Corrected' } }, { actor: redcar, known })
      .thenRefusedWith(code);
  });

  it('refuses a plan the ledger does not know, and an objective the plan does not have', () => {
    given(activityDecider).when({ type: 'PlanActivity', data: { ...planning, planId: 'no-plan' } }, { actor: redcar, known }).thenRefusedWith('UNKNOWN_PLAN');
    const plan = fold(planDecider, [
      { type: 'PlanDrafted', data: { planId: 'rc-plan', organisationId: 'redcar-council', title: 'Capacity building', kind: 'action_plan', draftedOn: '2007-01-10', partnerIds: [] } },
    ]);
    expect(given(activityDecider).when({ type: 'PlanActivity', data: { ...planning, planId: 'rc-plan' } }, { actor: redcar, known, plan }).events()).toHaveLength(1);
    given(activityDecider)
      .when({ type: 'PlanActivity', data: { ...planning, planId: 'rc-plan', objectiveId: 'strand-9' } }, { actor: redcar, known, plan })
      .thenRefusedWith('UNKNOWN_OBJECTIVE');
  });

  it('refuses feedback from an area or community the ledger does not know', () => {
    const { activityId: _a, ...fromAtlantis } = { ...response('f1'), areaId: 'atlantis' };
    const refusal = given(activityDecider, [planned, opened])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [fromAtlantis] } }, { actor: redcar, known })
      .thenRefusedWith('UNKNOWN_AREA');
    expect(refusal.details).toEqual({ field: 'responses.areaId', missing: ['atlantis'] });
  });

  it('refuses telling participants of a decision the ledger does not know', () => {
    const closed: LedgerEvent = { type: 'ActivityClosed', data: { activityId: 'redcar-workshop-1', closedOn: '2007-03-31' } };
    const told = { activityId: 'redcar-workshop-1', givenOn: '2007-06-01', channel: 'letter' as const, summary: 'You said, we did', decisionIds: ['rc-board', 'rc-imagined'] };
    given(activityDecider, [planned, opened, closed]).when({ type: 'GiveFeedbackToParticipants', data: told }, { actor: redcar, known }).thenRefusedWith('UNKNOWN_DECISION');
  });

  it('checks the officer’s right to the record before the references: another organisation’s officer is told 403, not what exists', () => {
    given(activityDecider, [planned])
      .when({ type: 'AmendActivityDetails', data: { activityId: 'redcar-workshop-1', changes: { areaIds: ['atlantis'] }, reason: 'x' } }, { actor: officer('cleveland-police'), known })
      .thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('references other commands make', () => {
  it('refuses plan partners the ledger does not know', () => {
    const data = { planId: 'rc-plan', title: 'Capacity building', kind: 'action_plan' as const, adoptedOn: '2007-05-25', partnerIds: ['rcvda', 'tvrcc'] };
    given(planDecider).when({ type: 'AdoptPlan', data }, { actor: redcar, known }).thenRefusedWith('UNKNOWN_ORGANISATION');
    given(planDecider).when({ type: 'DraftPlan', data: { ...data, draftedOn: '2007-01-01' } }, { actor: redcar, known }).thenRefusedWith('UNKNOWN_ORGANISATION');
  });

  it('refuses an area whose parent area the ledger does not know', () => {
    const ward = { areaId: 'kirkleatham', name: 'Kirkleatham', kind: 'ward' as const, parentAreaId: 'redcar-cleveland' };
    expect(given(area.decider).when({ type: 'DefineArea', data: ward }, { actor: admin, known }).events()).toEqual([{ type: 'AreaDefined', data: ward }]);
    given(area.decider).when({ type: 'DefineArea', data: { ...ward, parentAreaId: 'atlantis' } }, { actor: admin, known }).thenRefusedWith('UNKNOWN_AREA');
  });

  it('refuses a health-check example activity the ledger does not know', () => {
    const cycle = fold(healthCheckCycleDecider, [{ type: 'HealthCheckCycleOpened', data: { cycleId: 'halton-2013', name: 'Health check 2013', opensOn: '2013-02-01', dueBy: '2013-05-10' } }]);
    const assessments = engagementCategories.map((category) => ({
      category,
      examples: [{ activityId: 'imagined-survey' }],
      scores: { planning: 3, partnership: 3, breadth: 2, ...(category === 'information_giving' ? {} : { depth: 2 }), taking_action: 2 },
    }));
    const submit = { type: 'SubmitHealthCheck' as const, data: { cycleId: 'halton-2013', submissionId: 's1', submittedOn: '2013-04-26', assessments } };
    given(healthCheckDecider).when(submit, { actor: officer('halton-council'), cycle, known }).thenRefusedWith('UNKNOWN_ACTIVITY');
  });

  it('refuses a VOiCE evaluation of a plan the ledger does not know', () => {
    const data = {
      evaluationId: 'e1',
      evaluatedOn: '2010-03-31',
      planId: 'no-plan',
      principles: voicePrinciples.map((principle) => ({ principle, score: 4 })),
      outcomes: [],
      overall: 4,
    };
    given(voiceDecider).when({ type: 'RecordVoiceEvaluation', data }, { actor: officer('inverclyde-council'), known }).thenRefusedWith('UNKNOWN_PLAN');
  });
});

describe('reading references', () => {
  it('reads one event of each distinct id named, and knows those whose streams have one', async () => {
    const reads: [string, number | undefined][] = [];
    const read = async (streamId: string, options?: { maxCount?: number }) => {
      reads.push([streamId, options?.maxCount]);
      return streamId === 'area-redcar-cleveland' ? [{ type: 'AreaDefined', data: { areaId: 'redcar-cleveland', name: 'Redcar', kind: 'district' } } as LedgerEvent] : [];
    };
    const found = await readKnown(read, [
      { kind: 'area', field: 'areaIds', ids: ['redcar-cleveland', 'atlantis', 'redcar-cleveland'] },
      { kind: 'area', field: 'responses.areaId', ids: [undefined, 'redcar-cleveland'] },
    ]);
    expect(found.area).toEqual(new Set(['redcar-cleveland']));
    // redcar-cleveland is read once, however often it is named; an id found missing is not read again within a field.
    expect(reads).toEqual([
      ['area-redcar-cleveland', 1],
      ['area-atlantis', 1],
    ]);
  });
});
