// Identity mappings: who of the identity provider may sign in, as what. The rules (an officer
// names an organisation the ledger knows, one mapping per identity, e-mail addresses verified
// and compared without case), the administrator's routes (bearer tokens only), and
// `ledger identity map | list | unmap` from the machine that holds the data.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openServerDb } from '../../src/api/server-db.js';
import { Identities, oidcActorId } from '../../src/identity/identities.js';
import { SqliteIdentityStore } from '../../src/identity/sqlite/identity-store.js';
import { CommandHandler } from '../../src/ledger/command-handler.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { Sessions } from '../../src/sessions/sessions.js';
import { SqliteSessionStore } from '../../src/sessions/sqlite/session-store.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { ledgerForThisFile } from '../api/harness.js';
import { runLedger } from '../support/ledger-process.js';

vi.setConfig({ testTimeout: 60_000 });

const ISSUER = 'https://login.example.org/tenant/v2.0';

function identitiesOnDisk() {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-identities-'));
  const db = openServerDb(dir);
  return { identities: new Identities(new SqliteIdentityStore(db)), sessions: new Sessions(new SqliteSessionStore(db)), close: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}

describe('identity mappings', () => {
  it('refuses an officer without an organisation, an organisation for any other role, and an e-mail that is not one', async () => {
    const { identities, close } = identitiesOnDisk();
    const base = { issuer: ISSUER, by: 'subject' as const, value: 'jo', createdBy: 'test' };
    await expect(identities.map({ ...base, role: 'officer', organisationId: null })).rejects.toMatchObject({ code: 'IDENTITY_MAPPING_INVALID' });
    await expect(identities.map({ ...base, role: 'scrutiny', organisationId: 'halton-council' })).rejects.toMatchObject({ code: 'IDENTITY_MAPPING_INVALID' });
    await expect(identities.map({ ...base, by: 'email', value: 'not an address', role: 'scrutiny', organisationId: null })).rejects.toMatchObject({ code: 'IDENTITY_MAPPING_INVALID' });
    await expect(identities.map({ ...base, issuer: 'not a url', role: 'scrutiny', organisationId: null })).rejects.toMatchObject({ code: 'IDENTITY_MAPPING_INVALID' });
    expect(await identities.list()).toEqual([]);
    close();
  });

  it('recognises an identity by its subject first, else by its address only when verified, case aside; the actor is always the subject', async () => {
    const { identities, close } = identitiesOnDisk();
    await identities.map({ issuer: ISSUER, by: 'subject', value: 'sub-jo', role: 'officer', organisationId: 'halton-council', createdBy: 'test' });
    await identities.map({ issuer: ISSUER, by: 'email', value: 'Kim@Halton.example', role: 'auditor', organisationId: null, createdBy: 'test' });
    await expect(identities.map({ issuer: ISSUER, by: 'email', value: 'kim@halton.EXAMPLE', role: 'scrutiny', organisationId: null, createdBy: 'test' })).rejects.toMatchObject({ code: 'IDENTITY_ALREADY_MAPPED' });
    expect(await identities.recognise({ issuer: ISSUER, subject: 'sub-jo', email: 'kim@halton.example', emailVerified: true })).toMatchObject({
      ok: true,
      actor: { id: 'oidc:login.example.org:sub-jo', role: 'officer', organisationId: 'halton-council' },
    });
    expect(await identities.recognise({ issuer: ISSUER, subject: 'sub-kim', email: 'KIM@halton.example', emailVerified: true })).toMatchObject({
      ok: true,
      actor: { id: 'oidc:login.example.org:sub-kim', role: 'auditor', organisationId: null },
    });
    expect(await identities.recognise({ issuer: ISSUER, subject: 'sub-kim', email: 'kim@halton.example' })).toEqual({ ok: false, refusal: 'IDENTITY_NOT_MAPPED' });
    // The same subject at another provider is someone else.
    expect(await identities.recognise({ issuer: 'https://elsewhere.example', subject: 'sub-jo' })).toEqual({ ok: false, refusal: 'IDENTITY_NOT_MAPPED' });
    close();
  });

  it('ends the sessions opened through a mapping when it is removed, and no others', async () => {
    const { identities, sessions, close } = identitiesOnDisk();
    const mapping = await identities.map({ issuer: ISSUER, by: 'subject', value: 'sub-jo', role: 'officer', organisationId: 'halton-council', createdBy: 'test' });
    const other = await identities.map({ issuer: ISSUER, by: 'subject', value: 'sub-sam', role: 'officer', organisationId: 'halton-council', createdBy: 'test' });
    const open = async (subject: string) => {
      const recognised = await identities.recognise({ issuer: ISSUER, subject });
      if (!recognised.ok) throw new Error('not recognised');
      return sessions.open({ actor: recognised.actor, credentialId: null });
    };
    const [jo, sam] = [await open('sub-jo'), await open('sub-sam')];
    expect(await identities.unmap(mapping.id, sessions)).toMatchObject({ mapping: { id: mapping.id }, sessionsEnded: 1 });
    expect((await sessions.resolve(jo.id)).ok).toBe(false);
    expect((await sessions.resolve(sam.id)).ok).toBe(true);
    expect(await identities.unmap(mapping.id, sessions)).toBeUndefined();
    expect((await identities.list()).map((m) => m.id)).toEqual([other.id]);
    close();
  });

  it('names the actor for the provider and the subject, and a subject too long for an event’s actor by its hash', () => {
    expect(oidcActorId('http://localhost:4000', 'jo')).toBe('oidc:localhost:4000:jo');
    const long = oidcActorId(ISSUER, 'x'.repeat(255));
    expect(long).toMatch(/^oidc:login\.example\.org:sha256-[0-9a-f]{64}$/);
    expect(long.length).toBeLessThanOrEqual(200);
  });
});

describe('the administrator’s identity routes', async () => {
  const ledger = await ledgerForThisFile({ OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: 'ledger' });
  await ledger.call('POST', '/v1/organisations', { token: ledger.adminToken, body: { organisationId: 'halton-council', name: 'Halton', kind: 'council_service' } });

  it('maps by subject (for the configured provider) or by e-mail, lists them, and unmaps, for administrators only', async () => {
    const officer = await ledger.tokenFor('officer', 'halton-council');
    expect((await ledger.call('POST', '/v1/identities', { token: officer, body: { subject: 'jo', role: 'officer', organisationId: 'halton-council' } })).status).toBe(403);
    const mapped = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'jo', role: 'officer', organisationId: 'halton-council', label: 'Jo, housing' } });
    expect(mapped.status).toBe(201);
    expect(mapped.body).toMatchObject({ issuer: ISSUER, by: 'subject', value: 'jo', role: 'officer', organisationId: 'halton-council', lastSignInAt: null });
    const byEmail = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { email: 'Panel@Example.org', role: 'scrutiny' } });
    expect(byEmail.body).toMatchObject({ by: 'email', value: 'panel@example.org', organisationId: null });
    const listed = await ledger.call('GET', '/v1/identities', { token: ledger.adminToken });
    expect(listed.body.identities.map((m: { value: string }) => m.value)).toEqual(['jo', 'panel@example.org']);
    const unmapped = await ledger.call('POST', `/v1/identities/${mapped.body.id}/unmap`, { token: ledger.adminToken });
    expect(unmapped.body).toMatchObject({ identity: { id: mapped.body.id }, sessionsEnded: 0 });
    expect((await ledger.call('POST', `/v1/identities/${mapped.body.id}/unmap`, { token: ledger.adminToken })).body.error.code).toBe('IDENTITY_NOT_FOUND');
  });

  it('refuses both a subject and an address, an organisation the ledger does not know, and a second mapping of one identity', async () => {
    const both = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'x', email: 'x@example.org', role: 'auditor' } });
    expect([both.status, both.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'y', role: 'officer', organisationId: 'nowhere-council' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_ORGANISATION']);
    expect((await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'z', role: 'auditor' } })).status).toBe(201);
    const again = await ledger.call('POST', '/v1/identities', { token: ledger.adminToken, body: { subject: 'z', role: 'scrutiny' } });
    expect([again.status, again.body.error.code]).toEqual([422, 'IDENTITY_ALREADY_MAPPED']);
  });
});

describe('ledger identity map | list | unmap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-identity-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ledger = (args: string[], env: Record<string, string> = {}) => runLedger(args, { DATA_DIR: dir, OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: 'ledger', ...env });

  it('maps an officer by subject, lists the mapping, and unmaps it', async () => {
    const store = openSqliteEventStore({ path: join(dir, 'ledger.db') });
    await new Ledger(new CommandHandler({ store })).execute(
      { type: 'RegisterOrganisation', data: { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' } },
      { actor: { id: 'test', role: 'admin', organisationId: null } },
    );
    await store.close();
    const mapped = await ledger(['identity', 'map', '--subject', 'jo-housing', '--role', 'officer', '--org', 'halton-council', '--label', 'Jo']);
    expect(mapped.code, mapped.stderr).toBe(0);
    const id = /mapping (\w+)/.exec(mapped.stdout)?.[1] as string;
    expect(mapped.stdout).toContain(`Mapped subject jo-housing of ${ISSUER} as officer of halton-council`);
    const listed = await ledger(['identity', 'list', '--json']);
    expect(listed.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ id, value: 'jo-housing', role: 'officer', createdBy: 'ledger identity (command line)' })]);
    const refused = await ledger(['identity', 'map', '--subject', 'x', '--role', 'officer', '--org', 'nowhere-council']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('UNKNOWN_ORGANISATION')]);
    const unmapped = await ledger(['identity', 'unmap', id]);
    expect(unmapped.stdout).toContain('Unmapped subject jo-housing');
    expect((await ledger(['identity', 'list', '--json'])).stdout.trim()).toBe('');
  });
});
