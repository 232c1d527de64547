import { describe, it } from 'vitest';
import { planDecider, type PlanCommand } from '../../src/domain/aggregates/plan.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { auditor, given, officer } from './given.js';

// Halton's Community Engagement Strategy, adopted by the council with its partners.
const planId = 'halton-ce-strategy-2011';
const halton = { actor: officer('halton-council') };
const adoptedData: EventData<'PlanAdopted'> = {
  planId,
  organisationId: 'halton-council',
  title: 'Halton Community Engagement Strategy and Action Plan',
  kind: 'strategy',
  adoptedOn: '2011-06-01',
  period: { from: '2011-06-01', to: '2014-03-31' },
  partnerIds: ['cheshire-police'],
};
const { organisationId: _o, ...adoptData } = adoptedData;
const adopted: LedgerEvent = { type: 'PlanAdopted', data: adoptedData };
const objective: EventData<'ObjectiveAdded'> = { planId, objectiveId: 'objective-2', code: '2', title: 'Accessible and inclusive engagement' };
const objectiveAdded: LedgerEvent = { type: 'ObjectiveAdded', data: objective };
const indicator: EventData<'OutcomeIndicatorAdded'> = {
  planId,
  objectiveId: 'objective-2',
  indicatorId: 'equality-monitoring',
  code: '2.1',
  text: 'All engagement events show equality monitoring statistics',
};
const amendment: EventData<'ObjectiveAmended'> = { planId, objectiveId: 'objective-2', title: 'Accessible, inclusive engagement', reason: 'Steering group wording' };
const amend: PlanCommand = { type: 'AmendObjective', data: amendment };

describe('plan', () => {
  it('adopts a plan for the officer’s organisation', () => {
    given(planDecider).when({ type: 'AdoptPlan', data: adoptData }, halton).thenEmits([adopted]);
  });

  it('refuses to adopt the same plan twice', () => {
    given(planDecider, [adopted]).when({ type: 'AdoptPlan', data: adoptData }, halton).thenRefusedWith('PLAN_ALREADY_ADOPTED');
  });

  it('refuses a period that ends before it starts', () => {
    const data = { ...adoptData, period: { from: '2014-03-31', to: '2011-06-01' } };
    given(planDecider).when({ type: 'AdoptPlan', data }, halton).thenRefusedWith('PLAN_PERIOD_INVALID');
  });

  it('adds an objective, amends it and adds an outcome indicator under it', () => {
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, halton).thenEmits([objectiveAdded]);
    given(planDecider, [adopted, objectiveAdded]).when(amend, halton).thenEmits([{ type: 'ObjectiveAmended', data: amendment }]);
    given(planDecider, [adopted, objectiveAdded])
      .when({ type: 'AddOutcomeIndicator', data: indicator }, halton)
      .thenEmits([{ type: 'OutcomeIndicatorAdded', data: indicator }]);
  });

  it('refuses an objective for a plan that does not exist', () => {
    given(planDecider).when({ type: 'AddObjective', data: objective }, halton).thenRefusedWith('PLAN_NOT_FOUND');
  });

  it('refuses an objective id already used in the plan', () => {
    given(planDecider, [adopted, objectiveAdded])
      .when({ type: 'AddObjective', data: { ...objective, code: '3', title: 'Open, efficient and effective engagement' } }, halton)
      .thenRefusedWith('OBJECTIVE_ALREADY_ADDED');
  });

  it('refuses to amend an objective the plan does not have', () => {
    given(planDecider, [adopted]).when(amend, halton).thenRefusedWith('OBJECTIVE_NOT_FOUND');
  });

  it('refuses an outcome indicator under an objective the plan does not have', () => {
    given(planDecider, [adopted]).when({ type: 'AddOutcomeIndicator', data: indicator }, halton).thenRefusedWith('OBJECTIVE_NOT_FOUND');
  });

  it('refuses an indicator id already used in the plan', () => {
    given(planDecider, [adopted, objectiveAdded, { type: 'OutcomeIndicatorAdded', data: indicator }])
      .when({ type: 'AddOutcomeIndicator', data: indicator }, halton)
      .thenRefusedWith('OUTCOME_INDICATOR_ALREADY_ADDED');
  });

  it('an officer of a partner of the plan records in it', () => {
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, { actor: officer('cheshire-police') }).thenEmits([objectiveAdded]);
  });

  it('an officer cannot record in another organisation’s plan', () => {
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, { actor: officer('halton-housing-trust') }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('an auditor cannot record', () => {
    given(planDecider).when({ type: 'AdoptPlan', data: adoptData }, { actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, { actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });
});
