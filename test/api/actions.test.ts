import { describe, expect, it } from 'vitest';
import { action, decision, strategy } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const halton = await ledger.tokenFor('officer', 'halton-council');
// Partners and leads named in a command must be organisations the ledger knows.
await create(ledger, ledger.adminToken, '/v1/organisations', { organisationId: 'cheshire-police', name: 'Cheshire Constabulary', kind: 'police' });

const planId = await create(ledger, halton, '/v1/plans', strategy);

const planAction = (extra: Record<string, unknown> = {}) => create(ledger, halton, '/v1/actions', { ...action(planId), ...extra });

describe('actions over HTTP', () => {
  it('tracks an action through progress, retimings, a new lead, completion and reopening', async () => {
    const id = await planAction();
    const at = (step: string) => `/v1/actions/${id}/${step}`;
    await send(ledger, halton, at('status'), { to: 'in_progress' });
    await send(ledger, halton, at('progress'), { notedOn: '2013-03-01', note: 'Calendar drafted' });
    await send(ledger, halton, at('progress'), { notedOn: '2013-02-01', note: 'Partners asked for dates' });
    await send(ledger, halton, at('retime'), { targetDate: '2013-06-30', reason: 'Waiting on health partners' });
    await send(ledger, halton, at('retime'), { timescale: 'Summer 2013', reason: 'Board asked for words' });
    await send(ledger, halton, at('reassign'), { lead: 'Halton Strategic Partnership', reason: 'Partnership-wide' });
    await send(ledger, halton, at('status'), { to: 'completed' });
    await send(ledger, halton, at('reopen'), { reason: 'Calendar needs a 2014 edition' });

    const state = await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/actions/${id}`);
    expect(state).toMatchObject({
      planned: { lead: 'Halton Strategic Partnership', targetDate: '2013-06-30', timescale: 'Summer 2013', organisationId: 'halton-council' },
      status: 'in_progress',
      retimings: 2,
      progress: [
        { notedOn: '2013-02-01', note: 'Partners asked for dates' },
        { notedOn: '2013-03-01', note: 'Calendar drafted' },
      ],
      statusChanges: [
        { from: 'planned', to: 'in_progress' },
        { from: 'in_progress', to: 'completed' },
      ],
      reopenings: [{ from: 'completed', reason: 'Calendar needs a 2014 edition' }],
    });
    expect(await eventTypes(ledger, halton, `/v1/actions/${id}`)).toHaveLength(9);
  });

  it('takes no progress once completed, and refuses a status it cannot reach', async () => {
    const id = await planAction();
    await send(ledger, halton, `/v1/actions/${id}/status`, { to: 'withdrawn', reason: 'No longer part of the strategy' });
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/progress`, { token: halton, body: { notedOn: '2013-05-01', note: 'x' } }), 422, 'ACTION_CLOSED');
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/status`, { token: halton, body: { to: 'in_progress' } }), 422, 'ACTION_TRANSITION_NOT_ALLOWED');
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/reopen`, { token: halton, body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('refuses a retiming that gives neither a date nor a timescale, by rule rather than by parser', async () => {
    const id = await planAction();
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/retime`, { token: halton, body: { reason: 'Slipping' } }), 422, 'ACTION_RETIME_NEEDS_DATE');
  });

  it('lets a leading organisation’s officer record progress, and refuses any other organisation', async () => {
    const id = await planAction({ leadOrganisationIds: ['cheshire-police'] });
    const police = await ledger.tokenFor('officer', 'cheshire-police');
    await send(ledger, police, `/v1/actions/${id}/lead/accept`, {});
    await send(ledger, police, `/v1/actions/${id}/progress`, { notedOn: '2013-03-01', note: 'Police dates in' });
    const fire = await ledger.tokenFor('officer', 'cheshire-fire');
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/progress`, { token: fire, body: { notedOn: '2013-03-01', note: 'x' } }), 403, 'OTHER_ORGANISATION');
  });

  it('answers 404 for an action that does not exist, and names the fields of a malformed one', async () => {
    expectRefused(await ledger.call('POST', '/v1/actions/nowhere/status', { token: halton, body: { to: 'completed' } }), 404, 'ACTION_NOT_FOUND');
    expectRefused(await ledger.call('GET', '/v1/actions/nowhere/events', { token: halton }), 404, 'ACTION_NOT_FOUND');
    const id = await planAction();
    expect(issuePaths(await ledger.call('POST', `/v1/actions/${id}/status`, { token: halton, body: { to: 'done' } }))).toEqual(['body.to']);
  });

  it('refuses a status change against a stale revision', async () => {
    const id = await planAction();
    await send(ledger, halton, `/v1/actions/${id}/status`, { to: 'on_hold' });
    const stale = await ledger.call('POST', `/v1/actions/${id}/status`, { token: halton, body: { to: 'in_progress' }, headers: { 'if-match': '"0"' } });
    expectRefused(stale, 409, 'REVISION_CONFLICT');
  });

  it('adds dated milestones and records one reached', async () => {
    const id = await planAction();
    const milestoneId = await create(ledger, halton, `/v1/actions/${id}/milestones`, { what: 'Partners send their dates', due: '2013-02-28' });
    await send(ledger, halton, `/v1/actions/${id}/milestones/${milestoneId}/reached`, { reachedOn: '2013-03-04' });
    const state = await stateOf(ledger, halton, `/v1/actions/${id}`);
    expect(state.milestones).toEqual([{ milestoneId, what: 'Partners send their dates', due: '2013-02-28', reachedOn: '2013-03-04' }]);
    expectRefused(await ledger.call('POST', `/v1/actions/${id}/milestones/nowhere/reached`, { token: halton, body: { reachedOn: '2013-03-04' } }), 404, 'ACTION_MILESTONE_NOT_FOUND');
  });

  it('an activity names the action it delivers; naming one that does not exist is refused', async () => {
    const id = await planAction();
    const window = { opens: '2013-02-01', closes: '2013-02-01' };
    const activity = { title: 'Calendar planning meeting', category: 'deciding_together', method: 'workshop', window, planId };
    const activityId = await create(ledger, halton, '/v1/activities', { ...activity, actionId: id });
    expect((await stateOf(ledger, halton, `/v1/activities/${activityId}`)).planned.actionId).toBe(id);
    expectRefused(await ledger.call('POST', '/v1/activities', { token: halton, body: { ...activity, actionId: 'nowhere' } }), 422, 'UNKNOWN_ACTION');
  });

  it('an action names the decision it carries out; one the ledger does not know is refused', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const id = await planAction({ decisionId });
    expect((await stateOf(ledger, halton, `/v1/actions/${id}`)).planned.decisionId).toBe(decisionId);
    expectRefused(await ledger.call('POST', '/v1/actions', { token: halton, body: { ...action(planId), decisionId: 'nowhere' } }), 422, 'UNKNOWN_DECISION');
  });
});
