// The domain's side of personal data: commands carry envelopes only, an envelope must be
// sealed for the response it sits in, old plaintext events stay readable, and erasure is
// recorded once, by an administrator.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityCommand, activityDecider } from '../../src/domain/aggregates/activity.js';
import { subjectDecider } from '../../src/domain/aggregates/subject.js';
import { currentVersion, readEvent, validateEvent, type LedgerEvent } from '../../src/domain/events/catalogue.js';
import { feedbackSealContext } from '../../src/domain/personal-data.js';
import { seal } from '../../src/privacy/envelope.js';
import { response, workshop } from '../domain/fixtures.js';
import { admin, given, knowsEverything, officer } from '../domain/given.js';

const key = randomBytes(32);
const activityId = 'redcar-workshop-1';
const history: LedgerEvent[] = [
  { type: 'ActivityPlanned', data: workshop() },
  { type: 'ActivityOpened', data: { activityId, openedOn: '2007-02-01' } },
];
const sealedFor = (feedbackId: string, field: 'respondent' | 'text', value: unknown) =>
  seal(value, key, { subjectId: 'person-1', context: feedbackSealContext(activityId, feedbackId, field) });

describe('personal data in the domain', () => {
  it('refuses a command whose respondent is in clear: only the edge may seal, never skip sealing', () => {
    const { activityId: _a, ...clear } = response('f1');
    const command = { type: 'RecordFeedback', data: { activityId, responses: [{ ...clear, respondent: { name: 'Jane Doe' } }] } };
    const parsed = activityCommand.safeParse(command);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((i) => i.path.join('.').startsWith('data.responses.0.respondent'))).toBe(true);
  });

  it('records a response with sealed text and respondent, as sealed', () => {
    const { activityId: _a, ...clear } = response('f1');
    const sealed = { ...clear, text: sealedFor('f1', 'text', clear.text), respondent: sealedFor('f1', 'respondent', { subjectId: 'person-1', name: 'Jane Doe' }) };
    const events = given(activityDecider, history).when({ type: 'RecordFeedback', data: { activityId, responses: [sealed] } }, { known: knowsEverything, actor: officer('redcar-council') }).events();
    expect(events).toEqual([{ type: 'FeedbackReceived', data: { ...sealed, activityId } }]);
    expect(validateEvent(events[0] as LedgerEvent)).toEqual(events[0]);
  });

  it('refuses an envelope sealed for another response or another field', () => {
    const { activityId: _a, ...clear } = response('f1');
    const moved = { ...clear, respondent: sealedFor('f2', 'respondent', { subjectId: 'person-1' }) };
    given(activityDecider, history)
      .when({ type: 'RecordFeedback', data: { activityId, responses: [moved] } }, { known: knowsEverything, actor: officer('redcar-council') })
      .thenRefusedWith('PERSONAL_DATA_SEALED_ELSEWHERE');
    const swapped = { ...clear, text: sealedFor('f1', 'respondent', 'words') };
    given(activityDecider, history)
      .when({ type: 'RecordFeedback', data: { activityId, responses: [swapped] } }, { known: knowsEverything, actor: officer('redcar-council') })
      .thenRefusedWith('PERSONAL_DATA_SEALED_ELSEWHERE');
  });

  it('reads a v1 FeedbackReceived (recorded before sealing) as it was, respondent in clear', () => {
    expect(currentVersion('FeedbackReceived')).toBe(2);
    const v1 = { ...response('f1'), respondent: { subjectId: 'person-9', name: 'Jane Doe', postcode: 'TS10 1AA' } };
    expect(readEvent('FeedbackReceived', 1, v1)).toEqual({ type: 'FeedbackReceived', data: v1 });
  });

  it('records an erasure once, for an administrator only', () => {
    const erase = { type: 'EraseSubject' as const, data: { subjectId: 'person-1', erasedOn: '2026-11-23', reason: 'Erasure request from the data subject.' } };
    const erased: LedgerEvent = { type: 'SubjectErased', data: erase.data };
    given(subjectDecider).when(erase, { actor: admin }).thenEmits([erased]);
    given(subjectDecider, [erased]).when(erase, { actor: admin }).thenEmits([]);
    given(subjectDecider).when(erase, { actor: officer() }).thenRefusedWith('ADMIN_ONLY');
  });
});
