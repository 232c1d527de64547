import { describe, expect, it } from 'vitest';
import { actionDecider, initialActionState } from '../../src/domain/aggregates/action.js';
import { activityCommand, activityDecider } from '../../src/domain/aggregates/activity.js';
import { initialPlanState, planDecider } from '../../src/domain/aggregates/plan.js';
import { fold } from '../../src/domain/decider.js';
import type { LedgerEvent } from '../../src/domain/events/catalogue.js';
import { auditor, given, knowsEverything, officer, scrutiny } from './given.js';
import { response, workshop } from './fixtures.js';

const redcar = { known: knowsEverything, actor: officer('redcar-council') };
const planned: LedgerEvent = { type: 'ActivityPlanned', data: workshop() };
const opened: LedgerEvent = { type: 'ActivityOpened', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } };
const closed: LedgerEvent = {
  type: 'ActivityClosed',
  data: { activityId: 'redcar-workshop-1', closedOn: '2007-03-31', participants: 42 },
};
const received = (id: string): LedgerEvent => ({ type: 'FeedbackReceived', data: response(id) });

describe('activity', () => {
  it('plans an activity for the officer’s own organisation', () => {
    const { organisationId: _ignored, ...data } = workshop();
    given(activityDecider)
      .when({ type: 'PlanActivity', data }, redcar)
      .thenEmits([{ type: 'ActivityPlanned', data: { ...data, organisationId: 'redcar-council' } }]);
  });

  it('refuses a window that closes before it opens', () => {
    const { organisationId: _ignored, ...data } = workshop();
    given(activityDecider)
      .when({ type: 'PlanActivity', data: { ...data, window: { opens: '2007-03-01', closes: '2007-02-01' } } }, redcar)
      .thenRefusedWith('ACTIVITY_WINDOW_INVALID');
  });

  it('refuses to plan the same activity twice', () => {
    const { organisationId: _ignored, ...data } = workshop();
    given(activityDecider, [planned]).when({ type: 'PlanActivity', data }, redcar).thenRefusedWith('ACTIVITY_ALREADY_EXISTS');
  });

  it('refuses feedback for an activity that has not opened', () => {
    given(activityDecider, [planned])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [response('f1')] } }, redcar)
      .thenRefusedWith('ACTIVITY_NOT_OPENED');
  });

  it('refuses feedback dated before the activity opened', () => {
    given(activityDecider, [planned, opened])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [response('f1', '2007-01-15')] } }, redcar)
      .thenRefusedWith('ACTIVITY_NOT_OPENED');
  });

  it('records a batch of responses as one event each, all or nothing', () => {
    const responses = [response('f1'), response('f2'), response('f3')].map(({ activityId: _a, ...r }) => r);
    given(activityDecider, [planned, opened])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses } }, redcar)
      .thenEmits([received('f1'), received('f2'), received('f3')]);
  });

  it('refuses a batch whose responses repeat an id, writing none of it', () => {
    const responses = [response('f1'), response('f1')].map(({ activityId: _a, ...r }) => r);
    given(activityDecider, [planned, opened])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses } }, redcar)
      .thenRefusedWith('FEEDBACK_ALREADY_RECORDED');
  });

  it('refuses feedback already recorded', () => {
    const { activityId: _a, ...again } = response('f1');
    given(activityDecider, [planned, opened, received('f1')])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [again] } }, redcar)
      .thenRefusedWith('FEEDBACK_ALREADY_RECORDED');
  });

  it('closes an open activity with participation and equality monitoring', () => {
    const data = { activityId: 'redcar-workshop-1', closedOn: '2007-03-31', participants: 42, equalityMonitoring: { age: { '16-24': 5, '65+': 9 } } };
    given(activityDecider, [planned, opened]).when({ type: 'CloseActivity', data }, redcar).thenEmits([{ type: 'ActivityClosed', data }]);
  });

  it('closes an activity once', () => {
    given(activityDecider, [planned, opened, closed])
      .when({ type: 'CloseActivity', data: { activityId: 'redcar-workshop-1', closedOn: '2007-04-02', participants: 43 } }, redcar)
      .thenRefusedWith('ACTIVITY_ALREADY_CLOSED');
  });

  it('refuses to close an activity that never opened', () => {
    given(activityDecider, [planned])
      .when({ type: 'CloseActivity', data: { activityId: 'redcar-workshop-1', closedOn: '2007-03-31', participants: 0 } }, redcar)
      .thenRefusedWith('ACTIVITY_NOT_OPENED');
  });

  it('refuses to open a cancelled activity', () => {
    const cancelled: LedgerEvent = { type: 'ActivityCancelled', data: { activityId: 'redcar-workshop-1', cancelledOn: '2007-01-20', reason: 'merged' } };
    given(activityDecider, [planned, cancelled])
      .when({ type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, redcar)
      .thenRefusedWith('ACTIVITY_CANCELLED');
  });

  it('refuses to open an activity twice', () => {
    given(activityDecider, [planned, opened])
      .when({ type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-02' } }, redcar)
      .thenRefusedWith('ACTIVITY_ALREADY_OPEN');
  });

  it('refuses a command for an activity that does not exist', () => {
    given(activityDecider)
      .when({ type: 'OpenActivity', data: { activityId: 'nowhere', openedOn: '2007-02-02' } }, redcar)
      .thenRefusedWith('ACTIVITY_NOT_FOUND');
  });

  it('refuses a finding that summarises feedback the activity never received', () => {
    given(activityDecider, [planned, opened, received('f1')])
      .when(
        {
          type: 'RecordFinding',
          data: { activityId: 'redcar-workshop-1', findingId: 'theme-1', theme: 'Coordination', summary: 'Ask once', feedbackIds: ['f1', 'f9'] },
        },
        redcar,
      )
      .thenRefusedWith('FINDING_CITES_UNKNOWN_FEEDBACK');
  });

  it('refuses to amend a withdrawn finding', () => {
    const finding: LedgerEvent = {
      type: 'FindingRecorded',
      data: { activityId: 'redcar-workshop-1', findingId: 'theme-1', theme: 'Coordination', summary: 'Ask once', feedbackIds: [] },
    };
    const withdrawn: LedgerEvent = { type: 'FindingWithdrawn', data: { activityId: 'redcar-workshop-1', findingId: 'theme-1', reason: 'duplicate' } };
    given(activityDecider, [planned, opened, finding, withdrawn])
      .when({ type: 'AmendFinding', data: { activityId: 'redcar-workshop-1', findingId: 'theme-1', summary: 'x', reason: 'typo' } }, redcar)
      .thenRefusedWith('FINDING_WITHDRAWN');
  });

  it('refuses to redact feedback the activity does not hold', () => {
    given(activityDecider, [planned, opened])
      .when({ type: 'RedactFeedback', data: { activityId: 'redcar-workshop-1', feedbackId: 'f1', fields: ['respondent'], reason: 'erasure request' } }, redcar)
      .thenRefusedWith('FEEDBACK_NOT_FOUND');
  });

  it('tells participants the outcome only after the activity has closed', () => {
    const told = { activityId: 'redcar-workshop-1', givenOn: '2007-06-01', channel: 'letter' as const, summary: 'You said, we did', decisionIds: [] };
    given(activityDecider, [planned, opened]).when({ type: 'GiveFeedbackToParticipants', data: told }, redcar).thenRefusedWith('ACTIVITY_NOT_CLOSED');
    given(activityDecider, [planned, opened, closed]).when({ type: 'GiveFeedbackToParticipants', data: told }, redcar).thenEmits([
      { type: 'FeedbackGivenToParticipants', data: told },
    ]);
  });

  it('lets a joint partner’s officer record feedback once their organisation has accepted', () => {
    const { activityId: _a, ...r } = response('f1');
    const accepted: LedgerEvent = { type: 'JointPartnershipAccepted', data: { activityId: 'redcar-workshop-1', organisationId: 'rcvda' } };
    given(activityDecider, [planned, opened, accepted])
      .when({ type: 'RecordFeedback', data: { activityId: 'redcar-workshop-1', responses: [r] } }, { known: knowsEverything, actor: officer('rcvda') })
      .thenEmits([received('f1')]);
  });

  it('an officer cannot record for another organisation’s activity', () => {
    given(activityDecider, [planned])
      .when({ type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, { known: knowsEverything, actor: officer('cleveland-police') })
      .thenRefusedWith('OTHER_ORGANISATION');
  });

  it('auditors and scrutiny panels cannot record', () => {
    for (const actor of [auditor, scrutiny]) {
      given(activityDecider, [planned])
        .when({ type: 'OpenActivity', data: { activityId: 'redcar-workshop-1', openedOn: '2007-02-01' } }, { actor, known: knowsEverything })
        .thenRefusedWith('ROLE_MAY_NOT_RECORD');
    }
  });
});

describe('activity corrections', () => {
  it('a correction of the title alone leaves topics, areas, communities and joint partners as they were', () => {
    const parsed = activityCommand.parse({ type: 'AmendActivityDetails', data: { activityId: 'redcar-workshop-1', changes: { title: 'Renamed' }, reason: 'typo' } });
    expect(parsed.data).toEqual({ activityId: 'redcar-workshop-1', changes: { title: 'Renamed' }, reason: 'typo' });
    const state = fold(activityDecider, [{ type: 'ActivityPlanned', data: workshop() }, { type: 'ActivityDetailsAmended', data: parsed.data as never }]);
    expect([...state.partners.keys()]).toEqual(['rcvda']);
  });
});

describe('an activity delivering a plan action', () => {
  const plan = fold(planDecider, [
    { type: 'PlanAdopted', data: { planId: 'rc-plan', organisationId: 'redcar-council', title: 'Engagement Capacity Building Plan', kind: 'action_plan', adoptedOn: '2007-05-25', partnerIds: [] } },
  ]);
  const otherPlan = fold(planDecider, [
    { type: 'PlanAdopted', data: { planId: 'other-plan', organisationId: 'redcar-council', title: 'Another plan', kind: 'strategy', adoptedOn: '2007-05-25', partnerIds: [] } },
  ]);
  const actionPlanned = (organisationId: string, leadOrganisationIds: string[] = []) =>
    fold(actionDecider, [
      { type: 'ActionPlanned', data: { actionId: 'calendar', organisationId, planId: 'rc-plan', what: 'An annual calendar of consultations', lead: 'RCVDA', leadOrganisationIds } },
    ]);
  const { organisationId: _ignored, ...data } = workshop();
  const delivering = { type: 'PlanActivity' as const, data: { ...data, planId: 'rc-plan', actionId: 'calendar' } };

  it('plans an activity that delivers an action of the plan it serves', () => {
    given(activityDecider)
      .when(delivering, { ...redcar, plan, action: { state: actionPlanned('redcar-council'), plan } })
      .thenEmits([{ type: 'ActivityPlanned', data: { ...delivering.data, organisationId: 'redcar-council' } }]);
  });

  it('refuses an action that does not exist', () => {
    given(activityDecider).when(delivering, { ...redcar, plan, action: { state: initialActionState, plan: initialPlanState } }).thenRefusedWith('UNKNOWN_ACTION');
  });

  it('refuses an action of another plan than the one the activity serves', () => {
    given(activityDecider)
      .when({ ...delivering, data: { ...delivering.data, planId: 'other-plan' } }, { ...redcar, plan: otherPlan, action: { state: actionPlanned('redcar-council'), plan } })
      .thenRefusedWith('ACTIVITY_ACTION_NOT_IN_PLAN');
  });

  it('refuses to deliver an action that neither the officer’s organisation nor its plan keeps', () => {
    const police = fold(planDecider, [
      { type: 'PlanAdopted', data: { planId: 'rc-plan', organisationId: 'cleveland-police', title: 'Police plan', kind: 'strategy', adoptedOn: '2007-05-25', partnerIds: [] } },
    ]);
    const { planId: _p, ...unplanned } = delivering.data;
    given(activityDecider).when({ ...delivering, data: unplanned }, { ...redcar, action: { state: actionPlanned('cleveland-police'), plan: police } }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('amends an activity to name the action it delivers, checked against the plan it already serves', () => {
    const serving: LedgerEvent = { type: 'ActivityPlanned', data: { ...workshop(), planId: 'other-plan' } };
    given(activityDecider, [serving])
      .when({ type: 'AmendActivityDetails', data: { activityId: 'redcar-workshop-1', changes: { actionId: 'calendar' }, reason: 'It delivers the calendar' } }, { ...redcar, action: { state: actionPlanned('redcar-council'), plan } })
      .thenRefusedWith('ACTIVITY_ACTION_NOT_IN_PLAN');
  });
});
