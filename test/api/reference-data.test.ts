import { describe, expect, it } from 'vitest';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const admin = ledger.adminToken;

describe('areas over HTTP', () => {
  it('defines a ward inside a district, and every role reads it', async () => {
    await create(ledger, admin, '/v1/areas', { areaId: 'halton', name: 'Halton', kind: 'authority' });
    const id = await create(ledger, admin, '/v1/areas', { areaId: 'ditton', name: 'Ditton', kind: 'ward', parentAreaId: 'halton' });
    const state = await stateOf(ledger, await ledger.tokenFor('auditor'), `/v1/areas/${id}`);
    expect(state).toEqual({ area: { areaId: 'ditton', name: 'Ditton', kind: 'ward', parentAreaId: 'halton' } });
    expect(await eventTypes(ledger, await ledger.tokenFor('officer', 'halton-council'), `/v1/areas/${id}`)).toEqual(['AreaDefined']);
  });

  it('defines an area once', async () => {
    await create(ledger, admin, '/v1/areas', { areaId: 'widnes', name: 'Widnes', kind: 'locality' });
    expectRefused(await ledger.call('POST', '/v1/areas', { token: admin, body: { areaId: 'widnes', name: 'Widnes', kind: 'locality' } }), 422, 'AREA_ALREADY_DEFINED');
  });

  it('names an unknown kind of area', async () => {
    expect(issuePaths(await ledger.call('POST', '/v1/areas', { token: admin, body: { name: 'Runcorn', kind: 'parish' } }))).toEqual(['body.kind']);
  });

  it('is refused to an officer', async () => {
    const officer = await ledger.tokenFor('officer', 'halton-council');
    expectRefused(await ledger.call('POST', '/v1/areas', { token: officer, body: { name: 'Runcorn', kind: 'locality' } }), 403, 'ROLE_NOT_ALLOWED');
  });
});

describe('communities of interest over HTTP', () => {
  it('defines a community of interest, hard to reach unless said otherwise', async () => {
    const id = await create(ledger, admin, '/v1/communities', { name: 'Young people', protectedCharacteristic: 'age' });
    expect(await stateOf(ledger, admin, `/v1/communities/${id}`)).toEqual({
      community: { communityId: id, name: 'Young people', protectedCharacteristic: 'age', hardToReach: false },
    });
  });

  it('answers 404 for a community that was never defined, and 400 for an id that cannot be one', async () => {
    expectRefused(await ledger.call('GET', '/v1/communities/nobody', { token: admin }), 404, 'COMMUNITY_OF_INTEREST_NOT_FOUND');
    expect(issuePaths(await ledger.call('GET', '/v1/communities/no.body/events', { token: admin }))).toEqual(['params.communityId']);
  });
});
