import { describe, expect, it } from 'vitest';
import { objective, strategy } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const halton = await ledger.tokenFor('officer', 'halton-council');
// Partners and leads named in a command must be organisations the ledger knows.
await create(ledger, ledger.adminToken, '/v1/organisations', { organisationId: 'cheshire-police', name: 'Cheshire Constabulary', kind: 'police' });
const police = await ledger.tokenFor('officer', 'cheshire-police');

describe('plans over HTTP', () => {
  it('adopts a plan and builds its objectives, amendments and indicators', async () => {
    const planId = await create(ledger, halton, '/v1/plans', strategy);
    const objectiveId = await create(ledger, halton, `/v1/plans/${planId}/objectives`, objective);
    await send(ledger, halton, `/v1/plans/${planId}/objectives/${objectiveId}/amend`, { title: 'Coordinate engagement', reason: 'Board wording' });
    const indicatorId = await create(ledger, halton, `/v1/plans/${planId}/objectives/${objectiveId}/indicators`, { code: '1.1', text: 'Joint consultations a year' });

    const state = await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/plans/${planId}`);
    expect(state.adopted).toMatchObject({ planId, organisationId: 'halton-council', title: strategy.title, partnerIds: [] });
    expect(state.objectives).toEqual([
      {
        objectiveId,
        code: '1',
        title: 'Coordinate engagement',
        amendments: [{ title: 'Coordinate engagement', reason: 'Board wording' }],
        indicators: [{ indicatorId, code: '1.1', text: 'Joint consultations a year' }],
      },
    ]);
    expect(await eventTypes(ledger, halton, `/v1/plans/${planId}`)).toEqual(['PlanAdopted', 'ObjectiveAdded', 'ObjectiveAmended', 'OutcomeIndicatorAdded']);
  });

  it('lets a partner’s officer add to the plan, and refuses an officer of another organisation', async () => {
    const planId = await create(ledger, halton, '/v1/plans', { ...strategy, partnerIds: ['cheshire-police'] });
    await send(ledger, police, `/v1/plans/${planId}/partnership/accept`, {});
    await create(ledger, police, `/v1/plans/${planId}/objectives`, objective);
    const fire = await ledger.tokenFor('officer', 'cheshire-fire');
    expectRefused(await ledger.call('POST', `/v1/plans/${planId}/objectives`, { token: fire, body: objective }), 403, 'OTHER_ORGANISATION');
  });

  it('refuses a period that ends before it starts', async () => {
    const reply = await ledger.call('POST', '/v1/plans', { token: halton, body: { ...strategy, period: { from: '2015-01-01', to: '2012-01-01' } } });
    expectRefused(reply, 422, 'PLAN_PERIOD_INVALID');
  });

  it('answers 404 for a plan or objective that does not exist', async () => {
    expectRefused(await ledger.call('POST', '/v1/plans/nowhere/objectives', { token: halton, body: objective }), 404, 'PLAN_NOT_FOUND');
    const planId = await create(ledger, halton, '/v1/plans', strategy);
    const indicator = await ledger.call('POST', `/v1/plans/${planId}/objectives/nowhere/indicators`, { token: halton, body: { code: '9', text: 'x' } });
    expectRefused(indicator, 404, 'OBJECTIVE_NOT_FOUND');
    expectRefused(await ledger.call('GET', '/v1/plans/nowhere', { token: halton }), 404, 'PLAN_NOT_FOUND');
  });

  it('names the fields of a malformed plan, and an organisation in the body is not a field', async () => {
    const reply = await ledger.call('POST', '/v1/plans', { token: halton, body: { ...strategy, kind: 'wish_list', adoptedOn: '1 April 2012' } });
    expect(issuePaths(reply)).toEqual(expect.arrayContaining(['body.kind', 'body.adoptedOn']));
    const planId = await create(ledger, halton, '/v1/plans', { ...strategy, organisationId: 'cheshire-police' });
    expect((await stateOf(ledger, halton, `/v1/plans/${planId}`)).adopted.organisationId).toBe('halton-council');
  });

  it('refuses an objective added against a stale revision', async () => {
    const planId = await create(ledger, halton, '/v1/plans', strategy);
    await create(ledger, halton, `/v1/plans/${planId}/objectives`, objective);
    const stale = await ledger.call('POST', `/v1/plans/${planId}/objectives`, { token: halton, body: objective, headers: { 'if-match': '"0"' } });
    expectRefused(stale, 409, 'REVISION_CONFLICT');
  });

  it('drafts a plan, proposes it, adopts it, and records the plan that superseded it', async () => {
    const { adoptedOn: _a, adoptedBy: _b, ...details } = strategy;
    const planId = await create(ledger, halton, '/v1/plans/drafts', { ...details, draftedOn: '2012-01-10', draftVersion: 'Version 1.1' });
    expect((await stateOf(ledger, halton, `/v1/plans/${planId}`)).status).toBe('draft');
    await send(ledger, halton, `/v1/plans/${planId}/propose`, { proposedOn: '2012-02-01', proposedTo: 'Halton Strategic Partnership Board' });
    await send(ledger, halton, `/v1/plans/${planId}/adopt`, { adoptedOn: '2012-04-01', adoptedBy: 'Halton Strategic Partnership Board' });
    const next = await create(ledger, halton, '/v1/plans', { ...strategy, title: 'Community Engagement Strategy 2015-18', adoptedOn: '2015-04-01', period: undefined });
    await send(ledger, halton, `/v1/plans/${planId}/supersede`, { supersededBy: next, supersededOn: '2015-04-01' });
    const state = await stateOf(ledger, halton, `/v1/plans/${planId}`);
    expect(state).toMatchObject({ status: 'superseded', superseded: { supersededBy: next }, adopted: { title: strategy.title, adoptedOn: '2012-04-01' } });
    expect(await eventTypes(ledger, halton, `/v1/plans/${planId}`)).toEqual(['PlanDrafted', 'PlanProposed', 'PlanAdopted', 'PlanSuperseded']);
  });

  it('refuses a plan superseded by one the ledger does not know', async () => {
    const planId = await create(ledger, halton, '/v1/plans', strategy);
    expectRefused(await ledger.call('POST', `/v1/plans/${planId}/supersede`, { token: halton, body: { supersededBy: 'nowhere', supersededOn: '2015-04-01' } }), 422, 'UNKNOWN_PLAN');
  });

  it('records a plan’s itemised budget and its risks', async () => {
    const planId = await create(ledger, halton, '/v1/plans', strategy);
    await create(ledger, halton, `/v1/plans/${planId}/resources`, { item: 'Venues and refreshments', amountPence: 150_000, basis: 'Say £100 X15' });
    await create(ledger, halton, `/v1/plans/${planId}/risks`, { risk: 'The main risk lies in not delivering it successfully.' });
    const state = await stateOf(ledger, halton, `/v1/plans/${planId}`);
    expect(state).toMatchObject({ totalPence: 150_000, resources: [{ item: 'Venues and refreshments' }], risks: [{ risk: 'The main risk lies in not delivering it successfully.' }] });
    const fractional = await ledger.call('POST', `/v1/plans/${planId}/resources`, { token: halton, body: { item: 'Leaflets', amountPence: 12.5 } });
    expect(issuePaths(fractional)).toEqual(['body.amountPence']);
  });
});
