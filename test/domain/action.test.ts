import { describe, expect, it } from 'vitest';
import { actionCommand, actionDecider, actionTransitions, type ActionCommand } from '../../src/domain/aggregates/action.js';
import { planDecider } from '../../src/domain/aggregates/plan.js';
import { fold } from '../../src/domain/decider.js';
import type { ActionStatus } from '../../src/domain/events/action.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { auditor, given, knowing, knowsEverything, officer } from './given.js';

// Halton's action plan, objective 2: "Develop guidance to improve effective engagement with unengaged groups".
const actionId = 'unengaged-groups-guidance';
const haltonPlan = fold(planDecider, [
  {
    type: 'PlanAdopted',
    data: { planId: 'halton-ce-strategy-2011', organisationId: 'halton-council', title: 'Community Engagement Strategy', kind: 'strategy', adoptedOn: '2011-04-01', partnerIds: ['cheshire-police'] },
  },
  { type: 'ObjectiveAdded', data: { planId: 'halton-ce-strategy-2011', objectiveId: 'objective-2', code: '2', title: 'Accessible and inclusive engagement' } },
  { type: 'PlanPartnershipAccepted', data: { planId: 'halton-ce-strategy-2011', organisationId: 'cheshire-police' } },
]);
const halton = { known: knowsEverything, actor: officer('halton-council'), plan: haltonPlan };
const plannedData: EventData<'ActionPlanned'> = {
  actionId,
  organisationId: 'halton-council',
  planId: 'halton-ce-strategy-2011',
  objectiveId: 'objective-2',
  what: 'Develop guidance to improve effective engagement with unengaged groups in partnership with residents’ groups',
  lead: 'HBC Community Development Team',
  leadOrganisationIds: ['halton-council'],
  targetDate: '2012-04-30',
  measure: 'New toolkit published and in use',
};
const planned: LedgerEvent = { type: 'ActionPlanned', data: plannedData };
const movedTo = (from: ActionStatus, to: ActionStatus): LedgerEvent => ({ type: 'ActionStatusChanged', data: { actionId, from, to } });
const completed = movedTo('planned', 'completed');
const withdrawn = movedTo('planned', 'withdrawn');
const reopened: LedgerEvent = { type: 'ActionReopened', data: { actionId, from: 'completed', reason: 'Still to share with specific groups' } };

const changeTo = (to: ActionStatus): ActionCommand => ({ type: 'ChangeActionStatus', data: { actionId, to } });
const note: ActionCommand = { type: 'NoteActionProgress', data: { actionId, notedOn: '2012-11-30', note: 'Toolkit revised; to be shared with residents’ groups' } };
const retime: ActionCommand = { type: 'RetimeAction', data: { actionId, targetDate: '2013-04-30', reason: 'Amended to reflect current progress' } };
const sharedLead: EventData<'ActionReassigned'> = {
  actionId,
  lead: 'Community Engagement Champions',
  leadOrganisationIds: ['halton-council', 'cheshire-police'],
  reason: 'Shared lead',
};
const reassign: ActionCommand = { type: 'ReassignAction', data: sharedLead };
const reopen: ActionCommand = { type: 'ReopenAction', data: { actionId, reason: 'Still to share with specific groups' } };

describe('action', () => {
  it('plans an action for the officer’s organisation, as planned', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider).when({ type: 'PlanAction', data }, halton).thenEmits([planned]);
    expect(fold(actionDecider, [planned]).status).toBe('planned');
  });

  it('a partner in the plan plans an action in it', () => {
    const { organisationId: _o, ...data } = plannedData;
    const [event] = given(actionDecider).when({ type: 'PlanAction', data }, { known: knowsEverything, actor: officer('cheshire-police'), plan: haltonPlan }).events();
    expect(event?.data).toMatchObject({ organisationId: 'cheshire-police', planId: 'halton-ce-strategy-2011' });
  });

  it('refuses an action in another organisation’s plan', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider).when({ type: 'PlanAction', data }, { known: knowsEverything, actor: officer('chester-le-street-council'), plan: haltonPlan }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('refuses an action in a plan the ledger does not know', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider).when({ type: 'PlanAction', data }, { known: knowsEverything, actor: officer('halton-council') }).thenRefusedWith('UNKNOWN_PLAN');
  });

  it('refuses an objective the plan does not have, and lead organisations the ledger does not know', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider).when({ type: 'PlanAction', data: { ...data, objectiveId: 'objective-9' } }, halton).thenRefusedWith('UNKNOWN_OBJECTIVE');
    const refusal = given(actionDecider)
      .when({ type: 'PlanAction', data: { ...data, leadOrganisationIds: ['halton-council', 'halton-voluntary-action'] } }, { ...halton, known: knowing({ organisation: ['halton-council'] }) })
      .thenRefusedWith('UNKNOWN_ORGANISATION');
    expect(refusal.details).toEqual({ field: 'leadOrganisationIds', missing: ['halton-voluntary-action'] });
    given(actionDecider, [planned]).when(reassign, { ...halton, known: knowing({ organisation: ['halton-council'] }) }).thenRefusedWith('UNKNOWN_ORGANISATION');
  });

  it('refuses to plan the same action twice', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider, [planned]).when({ type: 'PlanAction', data }, halton).thenRefusedWith('ACTION_ALREADY_EXISTS');
  });

  it('refuses to change an action that does not exist', () => {
    given(actionDecider).when(changeTo('in_progress'), halton).thenRefusedWith('ACTION_NOT_FOUND');
  });

  const reached: Record<ActionStatus, LedgerEvent[]> = {
    planned: [planned],
    in_progress: [planned, movedTo('planned', 'in_progress')],
    on_hold: [planned, movedTo('planned', 'on_hold')],
    completed: [planned, completed],
    withdrawn: [planned, withdrawn],
  };

  it.each(
    Object.entries(actionTransitions).flatMap(([from, targets]) => targets.map((to) => ({ from: from as ActionStatus, to }))),
  )('moves from $from to $to', ({ from, to }) => {
    given(actionDecider, reached[from]).when(changeTo(to), halton).thenEmits([movedTo(from, to)]);
  });

  it('allows exactly the transitions of the domain', () => {
    expect(actionTransitions).toEqual({
      planned: ['in_progress', 'on_hold', 'completed', 'withdrawn'],
      in_progress: ['on_hold', 'completed', 'withdrawn'],
      on_hold: ['in_progress', 'completed', 'withdrawn'],
      completed: [],
      withdrawn: [],
    });
  });

  it('keeps the reason for a status change', () => {
    const data = { actionId, to: 'withdrawn' as const, reason: 'Greyed out: no longer part of the strategy' };
    given(actionDecider, [planned]).when({ type: 'ChangeActionStatus', data }, halton).thenEmits([{ type: 'ActionStatusChanged', data: { ...data, from: 'planned' } }]);
  });

  it('refuses a move back to planned', () => {
    const refusal = given(actionDecider, [planned, movedTo('planned', 'in_progress')]).when(changeTo('planned'), halton).thenRefusedWith('ACTION_TRANSITION_NOT_ALLOWED');
    expect(refusal.details).toMatchObject({ from: 'in_progress', to: 'planned' });
  });

  it('refuses a status change to the current status', () => {
    given(actionDecider, [planned, movedTo('planned', 'on_hold')]).when(changeTo('on_hold'), halton).thenRefusedWith('ACTION_TRANSITION_NOT_ALLOWED');
  });

  it('refuses a status change from withdrawn without reopening', () => {
    const refusal = given(actionDecider, [planned, withdrawn]).when(changeTo('in_progress'), halton).thenRefusedWith('ACTION_TRANSITION_NOT_ALLOWED');
    expect(refusal.details).toMatchObject({ from: 'withdrawn', to: 'in_progress' });
  });

  it('refuses a status change from completed without reopening', () => {
    given(actionDecider, [planned, completed]).when(changeTo('withdrawn'), halton).thenRefusedWith('ACTION_TRANSITION_NOT_ALLOWED');
  });

  it('notes progress, retimes and reassigns an open action', () => {
    const onHold = [planned, movedTo('planned', 'on_hold')];
    expect(given(actionDecider, onHold).when(note, halton).events()).toEqual([{ type: 'ActionProgressNoted', data: note.data }]);
    expect(given(actionDecider, onHold).when(retime, halton).events()).toEqual([{ type: 'ActionRetimed', data: retime.data }]);
    expect(given(actionDecider, onHold).when(reassign, halton).events()).toEqual([{ type: 'ActionReassigned', data: reassign.data }]);
  });

  it.each([
    ['a progress note', note],
    ['a retiming', retime],
    ['a reassignment', reassign],
  ])('refuses %s on a completed or withdrawn action', (_what, command) => {
    given(actionDecider, [planned, completed]).when(command, halton).thenRefusedWith('ACTION_CLOSED');
    given(actionDecider, [planned, withdrawn]).when(command, halton).thenRefusedWith('ACTION_CLOSED');
  });

  it('reopens a completed action, naming where it came from, into progress', () => {
    given(actionDecider, [planned, completed]).when(reopen, halton).thenEmits([reopened]);
    expect(fold(actionDecider, [planned, completed, reopened]).status).toBe('in_progress');
  });

  it('takes progress again once reopened', () => {
    given(actionDecider, [planned, completed, reopened]).when(note, halton).thenEmits([{ type: 'ActionProgressNoted', data: note.data }]);
  });

  it('reopens a withdrawn action', () => {
    given(actionDecider, [planned, withdrawn]).when(reopen, halton).thenEmits([{ type: 'ActionReopened', data: { ...reopen.data, from: 'withdrawn' } }]);
  });

  it('refuses to reopen an action that is not closed', () => {
    given(actionDecider, [planned, movedTo('planned', 'in_progress')]).when(reopen, halton).thenRefusedWith('ACTION_NOT_CLOSED');
  });

  it('counts how often the action was retimed', () => {
    const retimed: LedgerEvent = { type: 'ActionRetimed', data: { actionId, timescale: 'Ongoing', reason: 'Now a continuing task' } };
    expect(fold(actionDecider, [planned, retimed, retimed]).retimings).toBe(2);
  });

  it('an officer cannot record an action for another organisation', () => {
    given(actionDecider, [planned]).when(note, { known: knowsEverything, actor: officer('cheshire-police') }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('an officer of an organisation the action was reassigned to records its progress, once it has accepted', () => {
    const accepted: LedgerEvent = { type: 'ActionLeadAccepted', data: { actionId, organisationId: 'cheshire-police' } };
    given(actionDecider, [planned, { type: 'ActionReassigned', data: sharedLead }])
      .when(note, { known: knowsEverything, actor: officer('cheshire-police') })
      .thenRefusedWith('OTHER_ORGANISATION');
    given(actionDecider, [planned, { type: 'ActionReassigned', data: sharedLead }, accepted])
      .when(note, { known: knowsEverything, actor: officer('cheshire-police') })
      .thenEmits([{ type: 'ActionProgressNoted', data: note.data }]);
  });

  it('an auditor cannot record', () => {
    const { organisationId: _o, ...data } = plannedData;
    given(actionDecider).when({ type: 'PlanAction', data }, { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
    given(actionDecider, [planned]).when(note, { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });

  it('refuses a retiming that gives neither a target date nor a timescale', () => {
    given(actionDecider, [planned])
      .when({ type: 'RetimeAction', data: { actionId, reason: 'Slipped' } }, halton)
      .thenRefusedWith('ACTION_RETIME_NEEDS_DATE');
  });
});

describe('an action carrying out a decision', () => {
  const { organisationId: _o, ...data } = plannedData;
  const carrying = { type: 'PlanAction' as const, data: { ...data, decisionId: 'halton-exb-2012-12-13' } };

  it('plans an action that names the decision it carries out, another organisation’s decision too', () => {
    given(actionDecider)
      .when(carrying, { ...halton, known: knowing({ organisation: ['halton-council'], decision: ['halton-exb-2012-12-13'] }) })
      .thenEmits([{ type: 'ActionPlanned', data: { ...carrying.data, organisationId: 'halton-council' } }]);
  });

  it('refuses a decision the ledger does not know', () => {
    given(actionDecider).when(carrying, { ...halton, known: knowing({ organisation: ['halton-council'] }) }).thenRefusedWith('UNKNOWN_DECISION');
  });
});

describe('an action’s dated milestones', () => {
  // Highland, improvement 1: "Paper to CPP Board in June 2016. CPP to identify owner/lead for Sept 2016."
  const milestone: EventData<'ActionMilestoneAdded'> = { actionId, milestoneId: 'paper-to-board', what: 'Paper to CPP Board', due: '2016-06-30' };
  const added: LedgerEvent = { type: 'ActionMilestoneAdded', data: milestone };
  const reaching: EventData<'ActionMilestoneReached'> = { actionId, milestoneId: 'paper-to-board', reachedOn: '2016-06-21' };

  it('adds a dated milestone to an open action, and records the day it was reached', () => {
    given(actionDecider, [planned]).when({ type: 'AddActionMilestone', data: milestone }, halton).thenEmits([added]);
    given(actionDecider, [planned, added]).when({ type: 'ReachActionMilestone', data: reaching }, halton).thenEmits([{ type: 'ActionMilestoneReached', data: reaching }]);
  });

  it('refuses a milestone id already used, one it does not have, and reaching one twice', () => {
    given(actionDecider, [planned, added]).when({ type: 'AddActionMilestone', data: milestone }, halton).thenRefusedWith('ACTION_MILESTONE_ALREADY_ADDED');
    given(actionDecider, [planned]).when({ type: 'ReachActionMilestone', data: reaching }, halton).thenRefusedWith('ACTION_MILESTONE_NOT_FOUND');
    const done: LedgerEvent = { type: 'ActionMilestoneReached', data: reaching };
    given(actionDecider, [planned, added, done]).when({ type: 'ReachActionMilestone', data: reaching }, halton).thenRefusedWith('ACTION_MILESTONE_ALREADY_REACHED');
  });

  it('takes no milestones on a completed or withdrawn action until it is reopened', () => {
    given(actionDecider, [planned, completed]).when({ type: 'AddActionMilestone', data: milestone }, halton).thenRefusedWith('ACTION_CLOSED');
    given(actionDecider, [planned, added, withdrawn]).when({ type: 'ReachActionMilestone', data: reaching }, halton).thenRefusedWith('ACTION_CLOSED');
  });
});
