// Naming another organisation as joint partner, plan partner or action lead is an invitation:
// until that organisation's officer accepts, it gains no right to record against the record.

import { describe, expect, it } from 'vitest';
import { actionDecider, actionOwners } from '../../src/domain/aggregates/action.js';
import { activityDecider, activityOwners } from '../../src/domain/aggregates/activity.js';
import { planDecider } from '../../src/domain/aggregates/plan.js';
import { fold } from '../../src/domain/decider.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { invite, noInvitations } from '../../src/domain/invitations.js';
import { response, workshop } from './fixtures.js';
import { given, knowsEverything, officer } from './given.js';

const activityId = 'redcar-workshop-1';
// The workshop is Redcar council's, naming RCVDA as joint partner.
const planned: LedgerEvent = { type: 'ActivityPlanned', data: workshop() };
const opened: LedgerEvent = { type: 'ActivityOpened', data: { activityId, openedOn: '2007-02-01' } };
const accepted: LedgerEvent = { type: 'JointPartnershipAccepted', data: { activityId, organisationId: 'rcvda' } };
const rcvda = { actor: officer('rcvda'), known: knowsEverything };
const { activityId: _a, ...oneResponse } = response('f1');
const recordFeedback = { type: 'RecordFeedback' as const, data: { activityId, responses: [oneResponse] } };

describe('a joint partner named by an activity', () => {
  it('given a joint partner invited, when its officer records against the activity before accepting, then it is refused', () => {
    given(activityDecider, [planned, opened]).when(recordFeedback, rcvda).thenRefusedWith('OTHER_ORGANISATION');
    expect(activityOwners(fold(activityDecider, [planned]))).toEqual(['redcar-council']);
  });

  it('given an invitation, when the partner’s officer accepts, then the acceptance names the officer’s organisation and the partner records', () => {
    given(activityDecider, [planned]).when({ type: 'AcceptJointPartnership', data: { activityId } }, rcvda).thenEmits([accepted]);
    expect(given(activityDecider, [planned, opened, accepted]).when(recordFeedback, rcvda).events()).toHaveLength(1);
  });

  it('given an invitation, when the partner declines, then it keeps no rights', () => {
    const declined: LedgerEvent = { type: 'JointPartnershipDeclined', data: { activityId, organisationId: 'rcvda', reason: 'Not our workshop' } };
    given(activityDecider, [planned]).when({ type: 'DeclineJointPartnership', data: { activityId, reason: 'Not our workshop' } }, rcvda).thenEmits([declined]);
    given(activityDecider, [planned, opened, declined]).when(recordFeedback, rcvda).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('refuses an answer from an organisation the activity does not name, or from its own organisation', () => {
    given(activityDecider, [planned]).when({ type: 'AcceptJointPartnership', data: { activityId } }, { ...rcvda, actor: officer('cleveland-police') }).thenRefusedWith('NOT_INVITED');
    given(activityDecider, [planned]).when({ type: 'AcceptJointPartnership', data: { activityId } }, { ...rcvda, actor: officer('redcar-council') }).thenRefusedWith('NOT_INVITED');
  });

  it('refuses a second answer', () => {
    given(activityDecider, [planned, accepted]).when({ type: 'DeclineJointPartnership', data: { activityId } }, rcvda).thenRefusedWith('INVITATION_ALREADY_ANSWERED');
  });

  it('keeps an answer while the activity still names the partner, and invites afresh one named again after being dropped', () => {
    const naming = (jointPartnerIds: string[]): LedgerEvent => ({ type: 'ActivityDetailsAmended', data: { activityId, changes: { jointPartnerIds }, reason: 'Partners corrected' } });
    const partners = (...events: LedgerEvent[]) => [...fold(activityDecider, [planned, accepted, ...events]).partners];
    expect(partners(naming(['rcvda', 'tvrcc']))).toEqual([['rcvda', 'accepted'], ['tvrcc', 'invited']]);
    expect(partners(naming([]), naming(['rcvda']))).toEqual([['rcvda', 'invited']]);
  });
});

describe('a partner named by a plan', () => {
  const planId = 'rc-plan';
  const details = { planId, organisationId: 'redcar-council', title: 'Capacity Building Plan', kind: 'action_plan' as const, partnerIds: ['rcvda'] };
  const drafted: LedgerEvent = { type: 'PlanDrafted', data: { ...details, draftedOn: '2007-01-10' } };
  const planAccepted: LedgerEvent = { type: 'PlanPartnershipAccepted', data: { planId, organisationId: 'rcvda' } };
  const objective: EventData<'ObjectiveAdded'> = { planId, objectiveId: 'strand-1', code: '1', title: 'Resource review' };

  it('gains no right in the plan until it accepts', () => {
    given(planDecider, [drafted]).when({ type: 'AddObjective', data: objective }, rcvda).thenRefusedWith('OTHER_ORGANISATION');
    given(planDecider, [drafted]).when({ type: 'AcceptPlanPartnership', data: { planId } }, rcvda).thenEmits([planAccepted]);
    given(planDecider, [drafted, planAccepted]).when({ type: 'AddObjective', data: objective }, rcvda).thenEmits([{ type: 'ObjectiveAdded', data: objective }]);
  });

  it('keeps a draft’s accepted partner when the draft is adopted', () => {
    const adoption: LedgerEvent = { type: 'PlanAdopted', data: { ...details, adoptedOn: '2007-05-25' } };
    expect(fold(planDecider, [drafted, planAccepted, adoption]).owners).toEqual(['redcar-council', 'rcvda']);
  });

  it('cannot attach an action to a plan it has only been invited to keep', () => {
    const plan = fold(planDecider, [drafted]);
    const action = { actionId: 'a1', planId, what: 'Resource review', lead: 'RCVDA', leadOrganisationIds: [] };
    given(actionDecider).when({ type: 'PlanAction', data: action }, { ...rcvda, plan }).thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('a lead named by an action', () => {
  const actionId = 'rc-calendar';
  const actionPlanned: LedgerEvent = {
    type: 'ActionPlanned',
    data: { actionId, organisationId: 'redcar-council', planId: 'rc-plan', what: 'Annual calendar of consultations', lead: 'RCVDA', leadOrganisationIds: ['rcvda'] },
  };
  const progress = { type: 'NoteActionProgress' as const, data: { actionId, notedOn: '2007-09-01', note: 'Dates collected' } };

  it('gains no right in the action until it accepts, and none after declining', () => {
    given(actionDecider, [actionPlanned]).when(progress, rcvda).thenRefusedWith('OTHER_ORGANISATION');
    const leadAccepted: LedgerEvent = { type: 'ActionLeadAccepted', data: { actionId, organisationId: 'rcvda' } };
    given(actionDecider, [actionPlanned]).when({ type: 'AcceptActionLead', data: { actionId } }, rcvda).thenEmits([leadAccepted]);
    expect(actionOwners(fold(actionDecider, [actionPlanned, leadAccepted]))).toEqual(['redcar-council', 'rcvda']);
    const declined: LedgerEvent = { type: 'ActionLeadDeclined', data: { actionId, organisationId: 'rcvda' } };
    given(actionDecider, [actionPlanned, declined]).when(progress, rcvda).thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('invitations', () => {
  it('never invite the record’s own organisation', () => {
    expect([...invite(noInvitations, ['redcar-council', 'rcvda'], 'redcar-council')]).toEqual([['rcvda', 'invited']]);
  });
});
