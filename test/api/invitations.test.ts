// Naming another organisation as joint partner, plan partner or action lead is an invitation until
// its officer accepts: "invited" in entity reads, no right to write, and a decline is an event too.

import { describe, expect, it } from 'vitest';
import { action, decision, strategy, survey } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const admin = ledger.adminToken;
for (const [organisationId, name, kind] of [
  ['halton-council', 'Halton Borough Council', 'council_service'],
  ['cheshire-police', 'Cheshire Constabulary', 'police'],
  ['halton-housing-trust', 'Halton Housing Trust', 'housing'],
]) {
  await create(ledger, admin, '/v1/organisations', { organisationId, name, kind });
}
const halton = await ledger.tokenFor('officer', 'halton-council');
const police = await ledger.tokenFor('officer', 'cheshire-police');
const housing = await ledger.tokenFor('officer', 'halton-housing-trust');

describe('joint partners of an activity', () => {
  it('shows a named partner as invited, refuses its writes until it accepts, then lets it record', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', { ...survey, jointPartnerIds: ['cheshire-police'] });
    await send(ledger, halton, `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
    expect((await stateOf(ledger, halton, `/v1/activities/${activityId}`)).partners).toEqual([{ organisationId: 'cheshire-police', status: 'invited' }]);

    const feedback = { kind: 'response', receivedOn: '2012-09-05', text: 'More patrols on Saturday nights' };
    expectRefused(await ledger.call('POST', `/v1/activities/${activityId}/feedback`, { token: police, body: feedback }), 403, 'OTHER_ORGANISATION');
    await send(ledger, police, `/v1/activities/${activityId}/partnership/accept`, {});
    await send(ledger, police, `/v1/activities/${activityId}/feedback`, feedback);

    expect((await stateOf(ledger, halton, `/v1/activities/${activityId}`)).partners).toEqual([{ organisationId: 'cheshire-police', status: 'accepted' }]);
    const history = await ledger.call('GET', `/v1/activities/${activityId}/events`, { token: halton });
    const acceptance = (history.body.events as { type: string; organisation: string; data: unknown }[]).find((e) => e.type === 'JointPartnershipAccepted');
    expect(acceptance).toMatchObject({ organisation: 'cheshire-police', data: { activityId, organisationId: 'cheshire-police' } });
  });

  it('records a decline, and refuses an answer from an organisation not named, or a second answer', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', { ...survey, jointPartnerIds: ['cheshire-police'] });
    expectRefused(await ledger.call('POST', `/v1/activities/${activityId}/partnership/accept`, { token: housing, body: {} }), 403, 'NOT_INVITED');
    await send(ledger, police, `/v1/activities/${activityId}/partnership/decline`, { reason: 'Not a police consultation' });
    expectRefused(await ledger.call('POST', `/v1/activities/${activityId}/partnership/accept`, { token: police, body: {} }), 422, 'INVITATION_ALREADY_ANSWERED');
    expect((await stateOf(ledger, halton, `/v1/activities/${activityId}`)).partners).toEqual([{ organisationId: 'cheshire-police', status: 'declined' }]);
  });
});

describe('partners of a plan and leads of an action', () => {
  it('gives an invited plan partner and an invited lead no rights until each accepts', async () => {
    const planId = await create(ledger, halton, '/v1/plans', { ...strategy, partnerIds: ['cheshire-police'] });
    expect((await stateOf(ledger, halton, `/v1/plans/${planId}`)).partners).toEqual([{ organisationId: 'cheshire-police', status: 'invited' }]);
    expectRefused(await ledger.call('POST', '/v1/actions', { token: police, body: action(planId) }), 403, 'OTHER_ORGANISATION');
    await send(ledger, police, `/v1/plans/${planId}/partnership/accept`, {});
    await create(ledger, police, '/v1/actions', action(planId));

    const actionId = await create(ledger, halton, '/v1/actions', { ...action(planId), leadOrganisationIds: ['halton-housing-trust'] });
    expect((await stateOf(ledger, halton, `/v1/actions/${actionId}`)).leads).toEqual([{ organisationId: 'halton-housing-trust', status: 'invited' }]);
    const progress = { notedOn: '2013-01-10', note: 'Tenants’ dates added' };
    expectRefused(await ledger.call('POST', `/v1/actions/${actionId}/progress`, { token: housing, body: progress }), 403, 'OTHER_ORGANISATION');
    await send(ledger, housing, `/v1/actions/${actionId}/lead/accept`, {});
    await send(ledger, housing, `/v1/actions/${actionId}/progress`, progress);
    expect(await eventTypes(ledger, halton, `/v1/actions/${actionId}`)).toEqual(['ActionPlanned', 'ActionLeadAccepted', 'ActionProgressNoted']);
  });
});

describe('citing another organisation’s activity', () => {
  it('lets a decision cite it, and the trace says whose activity it was', async () => {
    const activityId = await create(ledger, police, '/v1/activities', survey);
    await send(ledger, police, `/v1/activities/${activityId}/open`, { openedOn: '2012-09-01' });
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const linkId = await create(ledger, halton, `/v1/decisions/${decisionId}/influence`, { cites: { kind: 'activity', activityId }, influence: 'confirmed', rationale: 'The police survey agreed' });

    const trace = await ledger.call('GET', `/v1/trace/decisions/${decisionId}`, { token: await ledger.tokenFor('auditor') });
    const node = (id: string) => (trace.body.nodes as { id: string; organisationId: string; label: string }[]).find((n) => n.id === id);
    expect(node(`activity:${activityId}`)).toMatchObject({ organisationId: 'cheshire-police' });
    expect(node(`activity:${activityId}`)?.label.split('\n')).toContain('by cheshire-police');
    expect(node(`influence_link:${decisionId}/${linkId}`)).toMatchObject({ organisationId: 'halton-council' });
    expect(node(`influence_link:${decisionId}/${linkId}`)?.label.split('\n')).toContain('cites an activity of cheshire-police');
  });
});
