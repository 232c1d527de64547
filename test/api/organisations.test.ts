import { describe, expect, it } from 'vitest';
import { ledgerForThisFile } from './harness.js';
import { create, eventTypes, expectRefused, issuePaths, send, stateOf } from './requests.js';

const ledger = await ledgerForThisFile();
const admin = ledger.adminToken;

const police = { name: 'Cheshire Constabulary', kind: 'police' };

describe('organisations over HTTP', () => {
  it('registers an organisation under a readable id and renames it, keeping the old name', async () => {
    const id = await create(ledger, admin, '/v1/organisations', { ...police, organisationId: 'cheshire-police' });
    expect(id).toBe('cheshire-police');
    await send(ledger, admin, `/v1/organisations/${id}/rename`, { name: 'Cheshire Police', reason: 'Renamed by the force' });

    const state = await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/organisations/${id}`);
    expect(state).toEqual({
      organisationId: id,
      name: 'Cheshire Police',
      kind: 'police',
      renames: [{ from: 'Cheshire Constabulary', to: 'Cheshire Police', reason: 'Renamed by the force' }],
      members: [],
      formerMembers: [],
      replaced: null,
    });
    expect(await eventTypes(ledger, admin, `/v1/organisations/${id}`)).toEqual(['OrganisationRegistered', 'OrganisationRenamed']);
  });

  it('gives a new organisation a ULID and its Location when the body names no id', async () => {
    const reply = await ledger.call('POST', '/v1/organisations', { token: admin, body: police });
    expect(reply.status).toBe(201);
    expect(reply.body.createdId).toMatch(/^[0-9A-Z]{26}$/);
    expect(reply.headers.get('location')).toBe(`/v1/organisations/${reply.body.createdId}`);
  });

  it('refuses a second registration of the same id', async () => {
    await create(ledger, admin, '/v1/organisations', { ...police, organisationId: 'twice' });
    expectRefused(await ledger.call('POST', '/v1/organisations', { token: admin, body: { ...police, organisationId: 'twice' } }), 422, 'ORGANISATION_ALREADY_REGISTERED');
  });

  it('names the fields of a malformed registration', async () => {
    const reply = await ledger.call('POST', '/v1/organisations', { token: admin, body: { kind: 'constabulary' } });
    expect(issuePaths(reply)).toEqual(expect.arrayContaining(['body.name', 'body.kind']));
  });

  it('is the administrator’s alone: 401 without a token, 403 for an officer', async () => {
    expectRefused(await ledger.call('POST', '/v1/organisations', { body: police }), 401, 'UNAUTHENTICATED');
    const officer = await ledger.tokenFor('officer', 'halton-council');
    expectRefused(await ledger.call('POST', '/v1/organisations', { token: officer, body: police }), 403, 'ROLE_NOT_ALLOWED');
  });

  it('answers 404 for an organisation that was never registered', async () => {
    expectRefused(await ledger.call('GET', '/v1/organisations/nowhere', { token: admin }), 404, 'ORGANISATION_NOT_FOUND');
    const rename = await ledger.call('POST', '/v1/organisations/nowhere/rename', { token: admin, body: { name: 'X', reason: 'Y' } });
    expectRefused(rename, 404, 'ORGANISATION_NOT_FOUND');
  });

  it('refuses a rename against a stale revision', async () => {
    const id = await create(ledger, admin, '/v1/organisations', police);
    await send(ledger, admin, `/v1/organisations/${id}/rename`, { name: 'A', reason: 'first' });
    const stale = await ledger.call('POST', `/v1/organisations/${id}/rename`, { token: admin, body: { name: 'B', reason: 'second' }, headers: { 'if-match': '"0"' } });
    expectRefused(stale, 409, 'REVISION_CONFLICT');
    expect(stale.body.error.details.currentRevision).toBe(1);
  });

  it('keeps a network’s members, who left and why, and what replaced it', async () => {
    const network = await create(ledger, admin, '/v1/organisations', { name: 'Community Engagement Network', kind: 'network' });
    const council = await create(ledger, admin, '/v1/organisations', { name: 'Inverclyde Council', kind: 'council_service' });
    const cvs = await create(ledger, admin, '/v1/organisations', { name: 'CVS Inverclyde', kind: 'third_sector_interface' });
    await send(ledger, admin, `/v1/organisations/${network}/members`, { memberId: council, joinedOn: '2008-08-01', role: 'Community Engagement Champion' });
    await send(ledger, admin, `/v1/organisations/${network}/members`, { memberId: cvs });
    await send(ledger, admin, `/v1/organisations/${network}/members/${cvs}/remove`, { leftOn: '2009-03-31', reason: 'Left the network' });
    const successor = await create(ledger, admin, '/v1/organisations', { name: 'Community Engagement Network (re-established)', kind: 'network' });
    await send(ledger, admin, `/v1/organisations/${network}/replace`, { replacedBy: successor, replacedOn: '2012-04-01' });

    const state = await stateOf(ledger, await ledger.tokenFor('scrutiny'), `/v1/organisations/${network}`);
    expect(state.members).toEqual([{ memberId: council, joinedOn: '2008-08-01', role: 'Community Engagement Champion' }]);
    expect(state.formerMembers).toEqual([{ memberId: cvs, leftOn: '2009-03-31', reason: 'Left the network' }]);
    expect(state.replaced).toEqual({ replacedBy: successor, replacedOn: '2012-04-01' });
  });

  it('refuses members for an organisation that is not a network, and a member the ledger does not know', async () => {
    const network = await create(ledger, admin, '/v1/organisations', { name: 'Community Practitioners Forum', kind: 'network' });
    const force = await create(ledger, admin, '/v1/organisations', police);
    expectRefused(await ledger.call('POST', `/v1/organisations/${force}/members`, { token: admin, body: { memberId: network } }), 422, 'ORGANISATION_NOT_A_NETWORK');
    expectRefused(await ledger.call('POST', `/v1/organisations/${network}/members`, { token: admin, body: { memberId: 'nobody' } }), 422, 'UNKNOWN_ORGANISATION');
    expectRefused(await ledger.call('POST', `/v1/organisations/${network}/members`, { token: await ledger.tokenFor('officer', force), body: { memberId: force } }), 403, 'ROLE_NOT_ALLOWED');
  });
});
