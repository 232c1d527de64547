import { describe, expect, it } from 'vitest';
import { decision, survey } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const halton = await ledger.tokenFor('officer', 'halton-council');

/** An activity of Halton's, opened on the day given. */
async function openedActivity(openedOn: string): Promise<string> {
  const id = await create(ledger, halton, '/v1/activities', { ...survey, window: { opens: openedOn, closes: '2013-12-31' } });
  await send(ledger, halton, `/v1/activities/${id}/open`, { openedOn });
  return id;
}

const citing = (activityId: string) => ({ cites: { kind: 'activity', activityId }, influence: 'changed', rationale: 'Residents ranked anti-social behaviour first' });

describe('decisions over HTTP', () => {
  it('records a decision, amends it, links the consultation that fed it and withdraws a link, keeping it marked', async () => {
    const activityId = await openedActivity('2012-09-01');
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    await send(ledger, halton, `/v1/decisions/${decisionId}/amend`, { title: 'Community safety priorities 2013-14', reason: 'Minute corrected' });
    const linkId = await create(ledger, halton, `/v1/decisions/${decisionId}/influence`, citing(activityId));
    await send(ledger, halton, `/v1/decisions/${decisionId}/influence/${linkId}/withdraw`, { reason: 'Cited the wrong survey' });

    const state = await stateOf(ledger, await ledger.tokenFor('auditor'), `/v1/decisions/${decisionId}`);
    expect(state.recorded).toMatchObject({ decisionId, organisationId: 'halton-council', title: 'Community safety priorities 2013-14', reference: decision.reference });
    expect(state.amendments).toEqual([{ title: 'Community safety priorities 2013-14', reason: 'Minute corrected' }]);
    const { cites, ...link } = citing(activityId);
    expect(state.influence).toEqual([{ linkId, ...link, source: cites, withdrawn: { reason: 'Cited the wrong survey' } }]);
    expect(await eventTypes(ledger, halton, `/v1/decisions/${decisionId}`)).toEqual(['DecisionRecorded', 'DecisionAmended', 'InfluenceLinked', 'InfluenceLinkWithdrawn']);
  });

  it('refuses to cite an activity that opened after the decision date', async () => {
    const late = await openedActivity('2013-01-07');
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const reply = await ledger.call('POST', `/v1/decisions/${decisionId}/influence`, { token: halton, body: citing(late) });
    expectRefused(reply, 422, 'INFLUENCE_CITES_ACTIVITY_NOT_OPENED_BEFORE_DECISION');
    expect(reply.body.error.details).toMatchObject({ activityId: late, openedOn: '2013-01-07', decidedOn: decision.decidedOn });
  });

  it('refuses a view not adopted without the reason why', async () => {
    const activityId = await openedActivity('2012-09-01');
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const reply = await ledger.call('POST', `/v1/decisions/${decisionId}/influence`, { token: halton, body: { ...citing(activityId), influence: 'not_adopted' } });
    expectRefused(reply, 422, 'INFLUENCE_NOT_ADOPTED_NEEDS_REASON');
  });

  it('refuses an officer of another organisation', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const police = await ledger.tokenFor('officer', 'cheshire-police');
    expectRefused(await ledger.call('POST', `/v1/decisions/${decisionId}/amend`, { token: police, body: { title: 'Ours now', reason: 'x' } }), 403, 'OTHER_ORGANISATION');
  });

  it('answers 404 for a decision or live link that does not exist', async () => {
    expectRefused(await ledger.call('POST', '/v1/decisions/nowhere/amend', { token: halton, body: { reason: 'x' } }), 404, 'DECISION_NOT_FOUND');
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const withdraw = await ledger.call('POST', `/v1/decisions/${decisionId}/influence/nolink/withdraw`, { token: halton, body: { reason: 'x' } });
    expectRefused(withdraw, 404, 'INFLUENCE_LINK_NOT_FOUND');
  });

  it('names the fields of a malformed influence link', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const reply = await ledger.call('POST', `/v1/decisions/${decisionId}/influence`, {
      token: halton,
      body: { cites: { kind: 'finding', activityId: 'a1' }, influence: 'inspired' },
    });
    expect(issuePaths(reply)).toEqual(expect.arrayContaining(['body.cites.findingId', 'body.influence', 'body.rationale']));
  });

  it('refuses an amendment against a stale revision', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    await send(ledger, halton, `/v1/decisions/${decisionId}/amend`, { outcome: 'Four priorities', reason: 'x' });
    const stale = await ledger.call('POST', `/v1/decisions/${decisionId}/amend`, { token: halton, body: { reason: 'y' }, headers: { 'if-match': '0' } });
    expectRefused(stale, 409, 'REVISION_CONFLICT');
  });

  it('records a report’s recommendation, then the committee’s approval; the decision then reads as approved on that day', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', { ...decision, outcomeKind: 'recommended' });
    await send(ledger, halton, `/v1/decisions/${decisionId}/outcome`, { outcomeKind: 'approved', decidedOn: '2012-12-20', body: 'Executive Board', reference: 'EXB/12/20/04' });
    const state = await stateOf(ledger, halton, `/v1/decisions/${decisionId}`);
    expect(state).toMatchObject({ outcomeKind: 'approved', decidedOn: '2012-12-20', recorded: { outcomeKind: 'recommended' } });
    expect(await eventTypes(ledger, halton, `/v1/decisions/${decisionId}`)).toEqual(['DecisionRecorded', 'RecommendationDecided']);
  });

  it('needs the outcome kind stated when a decision is recorded, and refuses "recommended" as what a body decided', async () => {
    const { outcomeKind: _none, ...unstated } = decision;
    expect(issuePaths(await ledger.call('POST', '/v1/decisions', { token: halton, body: unstated }))).toEqual(['body.outcomeKind']);
    const decisionId = await create(ledger, halton, '/v1/decisions', { ...decision, outcomeKind: 'recommended' });
    const again = await ledger.call('POST', `/v1/decisions/${decisionId}/outcome`, { token: halton, body: { outcomeKind: 'recommended', decidedOn: '2012-12-20' } });
    expect(issuePaths(again)).toEqual(['body.outcomeKind']);
  });

  it('refuses an outcome for a decision the body has already made', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', { ...decision, outcomeKind: 'approved' });
    const reply = await ledger.call('POST', `/v1/decisions/${decisionId}/outcome`, { token: halton, body: { outcomeKind: 'rejected', decidedOn: '2012-12-20' } });
    expectRefused(reply, 422, 'DECISION_NOT_AWAITING_OUTCOME');
  });
});
