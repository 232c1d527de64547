// Publication: nothing is public until an officer of the owning organisation publishes it, and
// withdrawing is an event too. Given/when/then over the activity and decision deciders.

import { describe, expect, it } from 'vitest';
import { activityDecider } from '../../src/domain/aggregates/activity.js';
import { decisionDecider } from '../../src/domain/aggregates/decision.js';
import { currentVersion, readEvent } from '../../src/domain/events/catalogue.js';
import type { EventData, LedgerEvent } from '../../src/domain/events/catalogue.js';
import { auditor, given, knowsEverything, officer } from './given.js';
import { workshop } from './fixtures.js';

const activityId = 'redcar-workshop-1';
const owner = { known: knowsEverything, actor: officer('redcar-council') };
/** The workshop names RCVDA as joint partner: it accepts, so it may record, but publication stays the owner's. */
const partner = { known: knowsEverything, actor: officer('rcvda') };
const stranger = { known: knowsEverything, actor: officer('halton-council') };
const planned: LedgerEvent = { type: 'ActivityPlanned', data: workshop() };
const accepted: LedgerEvent = { type: 'JointPartnershipAccepted', data: { activityId, organisationId: 'rcvda' } };
const published: LedgerEvent = { type: 'ActivityPublished', data: { activityId } };
const withdrawn: LedgerEvent = { type: 'ActivityWithdrawnFromPublication', data: { activityId, reason: 'Published by mistake' } };
const opened: LedgerEvent = { type: 'ActivityOpened', data: { activityId, openedOn: '2007-02-01' } };
const finding: LedgerEvent = { type: 'FindingRecorded', data: { activityId, findingId: 'f1', theme: 'Feedback', summary: 'Tell people what happened', feedbackIds: [] } };
const cancelled: LedgerEvent = { type: 'ActivityCancelled', data: { activityId, cancelledOn: '2007-01-20', reason: 'Venue lost' } };

describe('publishing an activity', () => {
  it('publishes an activity for an officer of its own organisation', () => {
    given(activityDecider, [planned]).when({ type: 'PublishActivity', data: { activityId } }, owner).thenEmits([published]);
  });

  it('refuses publication by a joint partner that accepted: publication is the owner’s', () => {
    const refusal = given(activityDecider, [planned, accepted]).when({ type: 'PublishActivity', data: { activityId } }, partner).thenRefusedWith('OTHER_ORGANISATION');
    expect(refusal.details).toMatchObject({ organisation: 'rcvda', owners: ['redcar-council'] });
  });

  it('refuses publication by another organisation, and by a reader', () => {
    given(activityDecider, [planned]).when({ type: 'PublishActivity', data: { activityId } }, stranger).thenRefusedWith('OTHER_ORGANISATION');
    given(activityDecider, [planned]).when({ type: 'PublishActivity', data: { activityId } }, { known: knowsEverything, actor: auditor }).thenRefusedWith('ROLE_MAY_NOT_RECORD');
  });

  it('refuses to publish an activity that does not exist', () => {
    given(activityDecider).when({ type: 'PublishActivity', data: { activityId } }, owner).thenRefusedWith('ACTIVITY_NOT_FOUND');
  });

  it('refuses to publish twice', () => {
    given(activityDecider, [planned, published]).when({ type: 'PublishActivity', data: { activityId } }, owner).thenRefusedWith('ACTIVITY_ALREADY_PUBLISHED');
  });

  it('refuses to publish a cancelled activity, but keeps one published before it was cancelled', () => {
    given(activityDecider, [planned, cancelled]).when({ type: 'PublishActivity', data: { activityId } }, owner).thenRefusedWith('ACTIVITY_CANCELLED');
    expect(given(activityDecider, [planned, published, cancelled]).state.publication.published).toBe(true);
  });

  it('withdraws a published activity, and may publish it again', () => {
    given(activityDecider, [planned, published])
      .when({ type: 'WithdrawActivityFromPublication', data: { activityId, reason: 'Published by mistake' } }, owner)
      .thenEmits([withdrawn]);
    given(activityDecider, [planned, published, withdrawn]).when({ type: 'PublishActivity', data: { activityId } }, owner).thenEmits([published]);
  });

  it('refuses to withdraw an activity that is not published', () => {
    given(activityDecider, [planned])
      .when({ type: 'WithdrawActivityFromPublication', data: { activityId, reason: 'Not ready' } }, owner)
      .thenRefusedWith('ACTIVITY_NOT_PUBLISHED');
    given(activityDecider, [planned, published, withdrawn])
      .when({ type: 'WithdrawActivityFromPublication', data: { activityId, reason: 'Again' } }, owner)
      .thenRefusedWith('ACTIVITY_NOT_PUBLISHED');
  });

  it('refuses withdrawal by another organisation', () => {
    given(activityDecider, [planned, published])
      .when({ type: 'WithdrawActivityFromPublication', data: { activityId, reason: 'Not ours to keep' } }, stranger)
      .thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('findings of a published activity', () => {
  const internal: LedgerEvent = { type: 'FindingMarkedInternal', data: { activityId, findingId: 'f1', reason: 'It names a member of staff' } };

  it('marks a finding internal, and public again', () => {
    given(activityDecider, [planned, opened, finding]).when({ type: 'MarkFindingInternal', data: internal.data as EventData<'FindingMarkedInternal'> }, owner).thenEmits([internal]);
    const state = given(activityDecider, [planned, opened, finding, internal]).state;
    expect([...state.publication.internalFindings]).toEqual(['f1']);
    given(activityDecider, [planned, opened, finding, internal])
      .when({ type: 'MarkFindingPublic', data: { activityId, findingId: 'f1' } }, owner)
      .thenEmits([{ type: 'FindingMarkedPublic', data: { activityId, findingId: 'f1' } }]);
  });

  it('refuses to mark a finding the activity does not have, or one withdrawn', () => {
    given(activityDecider, [planned, opened]).when({ type: 'MarkFindingInternal', data: { activityId, findingId: 'f9', reason: 'x' } }, owner).thenRefusedWith('FINDING_NOT_FOUND');
    const withdrawnFinding: LedgerEvent = { type: 'FindingWithdrawn', data: { activityId, findingId: 'f1', reason: 'Duplicate' } };
    given(activityDecider, [planned, opened, finding, withdrawnFinding])
      .when({ type: 'MarkFindingInternal', data: { activityId, findingId: 'f1', reason: 'x' } }, owner)
      .thenRefusedWith('FINDING_WITHDRAWN');
  });

  it('refuses to mark a finding internal twice, or public when it is not internal', () => {
    given(activityDecider, [planned, opened, finding, internal]).when({ type: 'MarkFindingInternal', data: { activityId, findingId: 'f1', reason: 'x' } }, owner).thenRefusedWith('FINDING_ALREADY_INTERNAL');
    given(activityDecider, [planned, opened, finding]).when({ type: 'MarkFindingPublic', data: { activityId, findingId: 'f1' } }, owner).thenRefusedWith('FINDING_NOT_INTERNAL');
  });

  it('refuses a joint partner marking findings', () => {
    given(activityDecider, [planned, accepted, opened, finding]).when({ type: 'MarkFindingInternal', data: { activityId, findingId: 'f1', reason: 'x' } }, partner).thenRefusedWith('OTHER_ORGANISATION');
  });
});

describe('publishing a decision', () => {
  const decisionId = 'rc-board-2007-05-25';
  const recorded: LedgerEvent = {
    type: 'DecisionRecorded',
    data: { decisionId, organisationId: 'redcar-council', body: 'Partnership Board', decidedOn: '2007-05-25', title: 'Plan', outcome: 'Endorsed', outcomeKind: 'approved' },
  };
  const context = (actor = officer('redcar-council')) => ({ actor, activities: new Map() });
  const decisionPublished: LedgerEvent = { type: 'DecisionPublished', data: { decisionId } };

  it('publishes a decision for an officer of its organisation, and withdraws it', () => {
    given(decisionDecider, [recorded]).when({ type: 'PublishDecision', data: { decisionId } }, context()).thenEmits([decisionPublished]);
    given(decisionDecider, [recorded, decisionPublished])
      .when({ type: 'WithdrawDecisionFromPublication', data: { decisionId, reason: 'Minute not yet agreed' } }, context())
      .thenEmits([{ type: 'DecisionWithdrawnFromPublication', data: { decisionId, reason: 'Minute not yet agreed' } }]);
  });

  it('refuses another organisation, a decision that does not exist, twice, and a withdrawal of one not published', () => {
    given(decisionDecider, [recorded]).when({ type: 'PublishDecision', data: { decisionId } }, context(officer('halton-council'))).thenRefusedWith('OTHER_ORGANISATION');
    given(decisionDecider).when({ type: 'PublishDecision', data: { decisionId } }, context()).thenRefusedWith('DECISION_NOT_FOUND');
    given(decisionDecider, [recorded, decisionPublished]).when({ type: 'PublishDecision', data: { decisionId } }, context()).thenRefusedWith('DECISION_ALREADY_PUBLISHED');
    given(decisionDecider, [recorded]).when({ type: 'WithdrawDecisionFromPublication', data: { decisionId, reason: 'x' } }, context()).thenRefusedWith('DECISION_NOT_PUBLISHED');
  });
});

describe('how to take part', () => {
  it('plans an activity with a link and plain words on how to respond', () => {
    const { organisationId: _o, ...data } = workshop();
    const howToTakePart = { url: 'https://example.org/have-your-say', howToRespond: 'Fill in the form online, or ask for a paper copy at any library.' };
    given(activityDecider).when({ type: 'PlanActivity', data: { ...data, howToTakePart } }, owner).thenEmits([{ type: 'ActivityPlanned', data: { ...workshop(), howToTakePart } }]);
  });

  it('reads an ActivityPlanned of v3 (before how to take part) as v4 with none', () => {
    expect(currentVersion('ActivityPlanned')).toBe(4);
    expect(currentVersion('ActivityDetailsAmended')).toBe(3);
    const v3 = { ...workshop(), actionId: 'a1' };
    expect(readEvent('ActivityPlanned', 3, v3)).toEqual({ type: 'ActivityPlanned', data: v3 });
    const amended = { activityId, changes: { title: 'New title' }, reason: 'Typo' };
    expect(readEvent('ActivityDetailsAmended', 2, amended)).toEqual({ type: 'ActivityDetailsAmended', data: amended });
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => readEvent('ActivityPlanned', 4, { ...workshop(), howToTakePart: { url: 'javascript:alert(1)', howToRespond: 'Click' } })).toThrow(/http/);
  });
});
