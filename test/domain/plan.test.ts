import { describe, expect, it } from 'vitest';
import { initialPlanState, planDecider, type PlanCommand } from '../../src/domain/aggregates/plan.js';
import { fold } from '../../src/domain/decider.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { auditor, given, knowing, knowsEverything, officer } from './given.js';

// Halton's Community Engagement Strategy, adopted by the council with its partners.
const planId = 'halton-ce-strategy-2011';
const halton = { known: knowsEverything, actor: officer('halton-council') };
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

  it('an officer of a partner of the plan records in it, once their organisation has accepted', () => {
    const accepted: LedgerEvent = { type: 'PlanPartnershipAccepted', data: { planId, organisationId: 'cheshire-police' } };
    given(planDecider, [adopted, accepted]).when({ type: 'AddObjective', data: objective }, { known: knowsEverything, actor: officer('cheshire-police') }).thenEmits([objectiveAdded]);
  });

  it('an officer cannot record in another organisation’s plan', () => {
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, { known: knowsEverything, actor: officer('halton-housing-trust') }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('an auditor cannot record', () => {
    given(planDecider).when({ type: 'AdoptPlan', data: adoptData }, { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
    given(planDecider, [adopted]).when({ type: 'AddObjective', data: objective }, { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });
});

describe('a plan’s lifecycle: draft, proposed, adopted, superseded', () => {
  // Chester-le-Street's "Draft ... Version 1.1"; Highland's plan "drafted for consideration and adoption".
  const { adoptedOn: _a, ...draftDetails } = adoptedData;
  const draftData: EventData<'PlanDrafted'> = { ...draftDetails, draftedOn: '2011-03-01', draftVersion: 'Version 1.1' };
  const drafted: LedgerEvent = { type: 'PlanDrafted', data: draftData };
  const { organisationId: _org, ...draftCommand } = draftData;
  const proposed: LedgerEvent = { type: 'PlanProposed', data: { planId, proposedOn: '2011-04-01', proposedTo: 'Halton Strategic Partnership Board' } };
  const replacement = knowing({ plan: ['halton-ce-strategy-2014'], organisation: ['cheshire-police'] });
  const supersede = { type: 'SupersedePlan' as const, data: { planId, supersededBy: 'halton-ce-strategy-2014', supersededOn: '2014-04-01' } };

  it('records a plan in draft, claiming no adoption', () => {
    given(planDecider).when({ type: 'DraftPlan', data: draftCommand }, halton).thenEmits([drafted]);
    expect(fold(planDecider, [drafted]).status).toBe('draft');
  });

  it('given a draft, when it is put to a body, then it is proposed', () => {
    given(planDecider, [drafted]).when({ type: 'ProposePlan', data: proposed.data as EventData<'PlanProposed'> }, halton).thenEmits([proposed]);
  });

  it('given a proposed draft, when adopted, then PlanAdopted carries the draft’s details and the adoption’s day and body', () => {
    const adoption = { planId, adoptedOn: '2011-06-01', adoptedBy: 'Halton Strategic Partnership Board' };
    given(planDecider, [drafted, proposed])
      .when({ type: 'AdoptDraftPlan', data: adoption }, halton)
      .thenEmits([{ type: 'PlanAdopted', data: { ...adoptedData, adoptedBy: 'Halton Strategic Partnership Board' } }]);
  });

  it('moves forward only: an adopted plan is not proposed again, nor a proposed one re-proposed', () => {
    given(planDecider, [adopted]).when({ type: 'ProposePlan', data: { planId, proposedOn: '2012-01-01' } }, halton).thenRefusedWith('PLAN_TRANSITION_NOT_ALLOWED');
    given(planDecider, [drafted, proposed]).when({ type: 'ProposePlan', data: { planId, proposedOn: '2012-01-01' } }, halton).thenRefusedWith('PLAN_TRANSITION_NOT_ALLOWED');
    given(planDecider, [adopted]).when({ type: 'AdoptDraftPlan', data: { planId, adoptedOn: '2012-01-01' } }, halton).thenRefusedWith('PLAN_TRANSITION_NOT_ALLOWED');
  });

  it('refuses a second draft of a plan that exists, and adopting one never drafted', () => {
    given(planDecider, [drafted]).when({ type: 'DraftPlan', data: draftCommand }, halton).thenRefusedWith('PLAN_ALREADY_EXISTS');
    given(planDecider, [drafted]).when({ type: 'AdoptPlan', data: adoptData }, halton).thenRefusedWith('PLAN_ALREADY_EXISTS');
    given(planDecider).when({ type: 'AdoptDraftPlan', data: { planId, adoptedOn: '2012-01-01' } }, halton).thenRefusedWith('PLAN_NOT_FOUND');
  });

  it('given an adopted plan, when another plan replaces it, then it is superseded by that plan', () => {
    const events = given(planDecider, [adopted]).when(supersede, { ...halton, known: replacement }).events();
    expect(events).toEqual([{ type: 'PlanSuperseded', data: supersede.data }]);
    expect(fold(planDecider, [adopted, ...events])).toMatchObject({ status: 'superseded', supersededBy: 'halton-ce-strategy-2014' });
  });

  it('refuses a replacement the ledger does not know, the plan itself, and superseding twice', () => {
    given(planDecider, [adopted]).when(supersede, { ...halton, known: knowing({}) }).thenRefusedWith('UNKNOWN_PLAN');
    given(planDecider, [adopted]).when({ ...supersede, data: { ...supersede.data, supersededBy: planId } }, { ...halton, known: replacement }).thenRefusedWith('PLAN_CANNOT_SUPERSEDE_ITSELF');
    const superseded: LedgerEvent = { type: 'PlanSuperseded', data: supersede.data };
    given(planDecider, [adopted, superseded]).when(supersede, { ...halton, known: replacement }).thenRefusedWith('PLAN_TRANSITION_NOT_ALLOWED');
  });

  it('lets a draft’s keepers add its objectives before it is adopted', () => {
    given(planDecider, [drafted]).when({ type: 'AddObjective', data: objective }, halton).thenEmits([objectiveAdded]);
  });
});

describe('a plan’s resources and risks', () => {
  // Redcar's budget, item 1 of 5 (total £9,150); Halton's risk analysis, 7.1.
  const item: EventData<'PlanResourceAdded'> = { planId, resourceId: 'venues', item: 'Venues and refreshments for three meetings for each of the five strands of Work.', amountPence: 150_000, basis: 'Say £100 X15' };
  const risk: EventData<'PlanRiskIdentified'> = { planId, riskId: 'not-delivering', risk: 'The main risk lies in not delivering it successfully.' };

  it('adds an item of the plan’s budget, with its amount in pence and how the plan arrives at it', () => {
    given(planDecider, [adopted]).when({ type: 'AddPlanResource', data: item }, halton).thenEmits([{ type: 'PlanResourceAdded', data: item }]);
  });

  it('identifies a risk the plan names', () => {
    given(planDecider, [adopted]).when({ type: 'IdentifyPlanRisk', data: risk }, halton).thenEmits([{ type: 'PlanRiskIdentified', data: risk }]);
  });

  it('refuses an item or risk id already used in the plan, and either for a plan that does not exist', () => {
    given(planDecider, [adopted, { type: 'PlanResourceAdded', data: item }]).when({ type: 'AddPlanResource', data: item }, halton).thenRefusedWith('PLAN_RESOURCE_ALREADY_ADDED');
    given(planDecider, [adopted, { type: 'PlanRiskIdentified', data: risk }]).when({ type: 'IdentifyPlanRisk', data: risk }, halton).thenRefusedWith('PLAN_RISK_ALREADY_IDENTIFIED');
    given(planDecider).when({ type: 'AddPlanResource', data: item }, halton).thenRefusedWith('PLAN_NOT_FOUND');
  });

  it('refuses an officer of an organisation that does not keep the plan', () => {
    given(planDecider, [adopted]).when({ type: 'IdentifyPlanRisk', data: risk }, { known: knowsEverything, actor: officer('halton-housing-trust') }).thenRefusedWith('OTHER_ORGANISATION');
  });
});
