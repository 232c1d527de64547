// Publishing and withdrawing through the API: officers of the owning organisation only, both
// recorded on the record's own stream, shown in its state, and refused with stable codes.

import { describe, expect, it } from 'vitest';
import { decision, survey } from './bodies.js';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
for (const [organisationId, name, kind] of [
  ['halton-council', 'Halton Borough Council', 'council_service'],
  ['cheshire-police', 'Cheshire Constabulary', 'police'],
]) {
  await create(ledger, ledger.adminToken, '/v1/organisations', { organisationId, name, kind });
}
const halton = await ledger.tokenFor('officer', 'halton-council');
const police = await ledger.tokenFor('officer', 'cheshire-police');
const scrutiny = await ledger.tokenFor('scrutiny');

describe('publishing an activity through the API', () => {
  it('publishes, withdraws and publishes again, each an event on the activity’s stream', async () => {
    const howToTakePart = { url: 'https://halton.example/residents-survey', howToRespond: 'Answer online, or call 0151 000 0000 for a paper copy.' };
    const activityId = await create(ledger, halton, '/v1/activities', { ...survey, howToTakePart });
    const url = `/v1/activities/${activityId}`;
    expect(await stateOf(ledger, halton, url)).toMatchObject({ published: false, planned: { howToTakePart } });
    await send(ledger, halton, `${url}/publish`, {});
    expect((await stateOf(ledger, halton, url)).published).toBe(true);
    await send(ledger, halton, `${url}/publication/withdraw`, { reason: 'The dates are wrong' });
    expect((await stateOf(ledger, halton, url)).published).toBe(false);
    await send(ledger, halton, `${url}/publish`, {});
    expect(await eventTypes(ledger, halton, url)).toEqual(['ActivityPlanned', 'ActivityPublished', 'ActivityWithdrawnFromPublication', 'ActivityPublished']);
  });

  it('refuses a joint partner (403), a reader (403), a second publication (422), an unknown activity (404) and a withdrawal without a reason (400)', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', { ...survey, jointPartnerIds: ['cheshire-police'] });
    const url = `/v1/activities/${activityId}`;
    await send(ledger, police, `${url}/partnership/accept`, {});
    expectRefused(await ledger.call('POST', `${url}/publish`, { token: police, body: {} }), 403, 'OTHER_ORGANISATION');
    expectRefused(await ledger.call('POST', `${url}/publish`, { token: scrutiny, body: {} }), 403, 'ROLE_NOT_ALLOWED');
    await send(ledger, halton, `${url}/publish`, {});
    expectRefused(await ledger.call('POST', `${url}/publish`, { token: halton, body: {} }), 422, 'ACTIVITY_ALREADY_PUBLISHED');
    expectRefused(await ledger.call('POST', '/v1/activities/no-such-activity/publish', { token: halton, body: {} }), 404, 'ACTIVITY_NOT_FOUND');
    expectRefused(await ledger.call('POST', `${url}/publication/withdraw`, { token: halton, body: {} }), 400, 'VALIDATION_FAILED');
  });

  it('marks a finding internal and public again', async () => {
    const activityId = await create(ledger, halton, '/v1/activities', survey);
    const url = `/v1/activities/${activityId}`;
    await send(ledger, halton, `${url}/open`, { openedOn: '2012-09-01' });
    const findingId = (await send(ledger, halton, `${url}/findings`, { theme: 'Patrols', summary: 'More patrols at night' })).body.createdId;
    await send(ledger, halton, `${url}/findings/${findingId}/internal`, { reason: 'Names an officer' });
    expect((await stateOf(ledger, halton, url)).internalFindingIds).toEqual([findingId]);
    expectRefused(await ledger.call('POST', `${url}/findings/${findingId}/internal`, { token: halton, body: { reason: 'again' } }), 422, 'FINDING_ALREADY_INTERNAL');
    await send(ledger, halton, `${url}/findings/${findingId}/public`, {});
    expect((await stateOf(ledger, halton, url)).internalFindingIds).toEqual([]);
  });
});

describe('publishing a decision through the API', () => {
  it('publishes and withdraws for its organisation only', async () => {
    const decisionId = await create(ledger, halton, '/v1/decisions', decision);
    const url = `/v1/decisions/${decisionId}`;
    expectRefused(await ledger.call('POST', `${url}/publish`, { token: police, body: {} }), 403, 'OTHER_ORGANISATION');
    expectRefused(await ledger.call('POST', `${url}/publication/withdraw`, { token: halton, body: { reason: 'x' } }), 422, 'DECISION_NOT_PUBLISHED');
    await send(ledger, halton, `${url}/publish`, {});
    expect((await stateOf(ledger, halton, url)).published).toBe(true);
    await send(ledger, halton, `${url}/publication/withdraw`, { reason: 'Minute not yet agreed' });
    expect((await stateOf(ledger, halton, url)).published).toBe(false);
    expect(await eventTypes(ledger, halton, url)).toEqual(['DecisionRecorded', 'DecisionPublished', 'DecisionWithdrawnFromPublication']);
  });
});
