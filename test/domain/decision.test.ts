import { describe, expect, it } from 'vitest';
import { activityDecider, type ActivityState } from '../../src/domain/aggregates/activity.js';
import { decisionDecider } from '../../src/domain/aggregates/decision.js';
import { fold } from '../../src/domain/decider.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { given, officer } from './given.js';
import { workshop } from './fixtures.js';

const actor = officer('redcar-council');
const boardDecision: EventData<'DecisionRecorded'> = {
  decisionId: 'rc-board-2007-05-25',
  organisationId: 'redcar-council',
  body: 'Redcar & Cleveland Partnership Board',
  decidedOn: '2007-05-25',
  title: 'Engagement Capacity Building Plan',
  outcome: 'Adopted the plan and its priorities',
  outcomeKind: 'approved',
};
const recorded: LedgerEvent = { type: 'DecisionRecorded', data: boardDecision };

const activityWith = (...events: LedgerEvent[]): ActivityState => fold(activityDecider, [{ type: 'ActivityPlanned', data: workshop() }, ...events]);
const openedOn = (date: string): LedgerEvent => ({ type: 'ActivityOpened', data: { activityId: 'redcar-workshop-1', openedOn: date } });
const finding: LedgerEvent = {
  type: 'FindingRecorded',
  data: { activityId: 'redcar-workshop-1', findingId: 'share-intelligence', theme: 'Share intelligence', summary: 'Ask once, use many times', feedbackIds: [] },
};

const link = (source: EventData<'InfluenceLinked'>['source'], extra: Partial<EventData<'InfluenceLinked'>> = {}): EventData<'InfluenceLinked'> => ({
  decisionId: 'rc-board-2007-05-25',
  linkId: 'link-1',
  source,
  influence: 'changed',
  rationale: 'The plan’s second strand came from the workshops.',
  ...extra,
});
const context = (activity?: ActivityState) => ({ actor, activities: new Map(activity ? [['redcar-workshop-1', activity]] : []) });

describe('decision and influence', () => {
  it('records a decision for the officer’s organisation', () => {
    const { organisationId: _o, ...data } = boardDecision;
    given(decisionDecider).when({ type: 'RecordDecision', data }, context()).thenEmits([recorded]);
  });

  it('links a finding of an activity that opened before the decision', () => {
    const data = link({ kind: 'finding', activityId: 'redcar-workshop-1', findingId: 'share-intelligence' });
    given(decisionDecider, [recorded])
      .when({ type: 'LinkInfluence', data }, context(activityWith(openedOn('2007-02-01'), finding)))
      .thenEmits([{ type: 'InfluenceLinked', data }]);
  });

  it('refuses to cite an activity that does not exist', () => {
    given(decisionDecider, [recorded])
      .when({ type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }) }, context())
      .thenRefusedWith('INFLUENCE_CITES_UNKNOWN_ACTIVITY');
  });

  it('refuses to cite an activity that had not opened before the decision date', () => {
    given(decisionDecider, [recorded])
      .when({ type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }) }, context(activityWith(openedOn('2007-05-25'))))
      .thenRefusedWith('INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION');
  });

  it('refuses to cite an activity that never opened', () => {
    given(decisionDecider, [recorded])
      .when({ type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }) }, context(activityWith()))
      .thenRefusedWith('INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION');
  });

  it('refuses to cite a finding that does not exist', () => {
    given(decisionDecider, [recorded])
      .when(
        { type: 'LinkInfluence', data: link({ kind: 'finding', activityId: 'redcar-workshop-1', findingId: 'invented' }) },
        context(activityWith(openedOn('2007-02-01'))),
      )
      .thenRefusedWith('INFLUENCE_CITES_UNKNOWN_FINDING');
  });

  it('refuses to cite a withdrawn finding', () => {
    const withdrawn: LedgerEvent = { type: 'FindingWithdrawn', data: { activityId: 'redcar-workshop-1', findingId: 'share-intelligence', reason: 'merged' } };
    given(decisionDecider, [recorded])
      .when(
        { type: 'LinkInfluence', data: link({ kind: 'finding', activityId: 'redcar-workshop-1', findingId: 'share-intelligence' }) },
        context(activityWith(openedOn('2007-02-01'), finding, withdrawn)),
      )
      .thenRefusedWith('INFLUENCE_CITES_UNKNOWN_FINDING');
  });

  it('needs a reason when a view was not adopted', () => {
    given(decisionDecider, [recorded])
      .when(
        { type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }, { influence: 'not_adopted' }) },
        context(activityWith(openedOn('2007-02-01'))),
      )
      .thenRefusedWith('INFLUENCE_NOT_ADOPTED_NEEDS_REASON');
  });

  it('refuses to cite the same source twice', () => {
    const first = link({ kind: 'activity', activityId: 'redcar-workshop-1' });
    given(decisionDecider, [recorded, { type: 'InfluenceLinked', data: first }])
      .when({ type: 'LinkInfluence', data: { ...first, linkId: 'link-2' } }, context(activityWith(openedOn('2007-02-01'))))
      .thenRefusedWith('INFLUENCE_ALREADY_CITED');
  });

  it('cites a source again once its link was withdrawn', () => {
    const first = link({ kind: 'activity', activityId: 'redcar-workshop-1' });
    const second = { ...first, linkId: 'link-2', influence: 'confirmed' as const };
    given(decisionDecider, [
      recorded,
      { type: 'InfluenceLinked', data: first },
      { type: 'InfluenceLinkWithdrawn', data: { decisionId: 'rc-board-2007-05-25', linkId: 'link-1', reason: 'wrong kind of influence' } },
    ])
      .when({ type: 'LinkInfluence', data: second }, context(activityWith(openedOn('2007-02-01'))))
      .thenEmits([{ type: 'InfluenceLinked', data: second }]);
  });

  it('refuses a link for a decision that does not exist', () => {
    given(decisionDecider)
      .when({ type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }) }, context(activityWith(openedOn('2007-02-01'))))
      .thenRefusedWith('DECISION_NOT_FOUND');
  });

  it('an officer cannot link influence on another organisation’s decision', () => {
    given(decisionDecider, [recorded])
      .when(
        { type: 'LinkInfluence', data: link({ kind: 'activity', activityId: 'redcar-workshop-1' }) },
        { actor: officer('cleveland-police'), activities: context(activityWith(openedOn('2007-02-01'))).activities },
      )
      .thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('what the body did: outcome kinds', () => {
  const report: EventData<'DecisionRecorded'> = {
    ...boardDecision,
    decisionId: 'rc-09-09-01',
    body: 'Corporate Director – Regeneration and Resources',
    decidedOn: '2009-09-03',
    title: 'Community Engagement Strategy – Implementation plan',
    outcome: 'Seeks formal approval of the Implementation Plan',
    outcomeKind: 'recommended',
  };
  const put: LedgerEvent = { type: 'DecisionRecorded', data: report };
  const approval = { decisionId: 'rc-09-09-01', outcomeKind: 'approved' as const, decidedOn: '2009-09-10', body: 'Regeneration Committee' };
  const decideIt = (data: Partial<EventData<'RecommendationDecided'>> = {}) => ({ type: 'DecideRecommendation' as const, data: { ...approval, ...data } });

  it('records a report’s recommendations as recommended, claiming no approval', () => {
    const { organisationId: _o, ...data } = report;
    given(decisionDecider).when({ type: 'RecordDecision', data }, context()).thenEmits([put]);
  });

  it('given a recommendation, when the body approves it, then it reads as approved on the day the body decided', () => {
    const decided = given(decisionDecider, [put]).when(decideIt(), context()).events();
    expect(decided).toEqual([{ type: 'RecommendationDecided', data: approval }]);
    expect(fold(decisionDecider, [put, ...decided])).toMatchObject({ outcomeKind: 'approved', decidedOn: '2009-09-10' });
  });

  it('decides an item the body had deferred', () => {
    const deferred: LedgerEvent = { type: 'RecommendationDecided', data: { ...approval, outcomeKind: 'deferred' } };
    given(decisionDecider, [put, deferred])
      .when(decideIt({ outcomeKind: 'rejected', decidedOn: '2009-11-05' }), context())
      .thenEmits([{ type: 'RecommendationDecided', data: { ...approval, outcomeKind: 'rejected', decidedOn: '2009-11-05' } }]);
  });

  it('refuses an outcome for a decision that was neither a recommendation nor deferred', () => {
    given(decisionDecider, [recorded]).when(decideIt({ decisionId: boardDecision.decisionId }), context()).thenRefusedWith('DECISION_NOT_AWAITING_OUTCOME');
    const approved: LedgerEvent = { type: 'RecommendationDecided', data: approval };
    given(decisionDecider, [put, approved]).when(decideIt({ outcomeKind: 'noted' }), context()).thenRefusedWith('DECISION_NOT_AWAITING_OUTCOME');
  });

  it('refuses an outcome dated before the recommendation was put', () => {
    given(decisionDecider, [put]).when(decideIt({ decidedOn: '2009-09-02' }), context()).thenRefusedWith('RECOMMENDATION_DECIDED_BEFORE_MADE');
  });

  it('refuses an outcome from an officer of another organisation', () => {
    given(decisionDecider, [put]).when(decideIt(), { ...context(), actor: officer('cleveland-police') }).thenRefusedWith('OTHER_ORGANISATION');
  });

  it('judges a later link against the day the body decided: engagement after the report but before the committee may be cited', () => {
    const decided: LedgerEvent = { type: 'RecommendationDecided', data: approval };
    const data = { ...link({ kind: 'activity', activityId: 'redcar-workshop-1' }), decisionId: 'rc-09-09-01' };
    const openedBetween = context(activityWith(openedOn('2009-09-05')));
    given(decisionDecider, [put]).when({ type: 'LinkInfluence', data }, openedBetween).thenRefusedWith('INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION');
    given(decisionDecider, [put, decided]).when({ type: 'LinkInfluence', data }, openedBetween).thenEmits([{ type: 'InfluenceLinked', data }]);
  });

  it('states, by an amendment, the outcome of a decision recorded before outcome kinds', () => {
    const unstated: LedgerEvent = { type: 'DecisionRecorded', data: { ...boardDecision, outcomeKind: 'not_stated' } };
    const amendment = { decisionId: boardDecision.decisionId, outcomeKind: 'approved' as const, reason: 'The Board minute says it was agreed' };
    const events = given(decisionDecider, [unstated]).when({ type: 'AmendDecision', data: amendment }, context()).events();
    expect(fold(decisionDecider, [unstated, ...events]).outcomeKind).toBe('approved');
  });
});
