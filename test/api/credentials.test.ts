// The credential lifecycle through the real API: issue (with an expiry, for an organisation the
// ledger knows), list (never a secret), revoke; revoked and expired tokens refused, each with its
// own code; "last used" written at most once a minute. The server's clock is the test's, so an
// expiry is reached by moving it, not by waiting.

import { describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../src/credentials/token.js';
import { ledgerForThisFile } from './harness.js';
import { create, expectRefused, issuePaths } from './requests.js';

let now = Date.parse('2026-03-02T09:00:00.000Z');
const later = (ms: number) => {
  now += ms;
};
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A verified token is trusted for a minute here, so a lookup saved is seen whatever the machine's load (test/api/credential-cache.test.ts waits the bound out).
const ledger = await ledgerForThisFile({ RATE_LIMIT_PER_MINUTE: '100000', AUTH_CACHE_MS: '60000' }, { clock: () => new Date(now) });
const admin = ledger.adminToken;
await create(ledger, admin, '/v1/organisations', { organisationId: 'halton-council', name: 'Halton Borough Council', kind: 'council_service' });

const issue = (body: Record<string, unknown>) => ledger.call('POST', '/v1/credentials', { token: admin, body });
const read = (token: string) => ledger.call('GET', '/v1/projections', { token });
const listed = async (id: string) => ((await ledger.call('GET', '/v1/credentials', { token: admin })).body.credentials as { id: string }[]).find((c) => c.id === id);

describe('issuing a credential', () => {
  it('issues an officer token only for an organisation the ledger knows: 422 UNKNOWN_ORGANISATION otherwise, nothing issued', async () => {
    const before = (await ledger.call('GET', '/v1/credentials', { token: admin })).body.credentials.length;
    const refused = await issue({ role: 'officer', organisationId: 'no-such-council', label: 'Jo' });
    expectRefused(refused, 422, 'UNKNOWN_ORGANISATION');
    expect(refused.body.error.details).toMatchObject({ organisationId: 'no-such-council' });
    expect((await ledger.call('GET', '/v1/credentials', { token: admin })).body.credentials).toHaveLength(before);

    const issued = await issue({ role: 'officer', organisationId: 'halton-council', label: 'Jo, Halton' });
    expect(issued.status).toBe(201);
    expect((await read(issued.body.token)).status).toBe(200);
  });

  it('gives a token an expiry with expiresIn (12h, 30d, 90d), at most 366 days, and none without it', async () => {
    const created = new Date(now).toISOString();
    for (const [expiresIn, ms] of [['12h', 12 * HOUR], ['30d', 30 * DAY], ['90d', 90 * DAY], ['366d', 366 * DAY]] as const) {
      const reply = await issue({ role: 'auditor', label: `for ${expiresIn}`, expiresIn });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ createdAt: created, expiresAt: new Date(now + ms).toISOString(), status: 'active' });
    }
    expect((await issue({ role: 'auditor', label: 'until revoked' })).body.expiresAt).toBeNull();
    for (const expiresIn of ['367d', '90', '2w', '0d', '1.5d', '-1d', '']) expect(issuePaths(await issue({ role: 'auditor', label: 'x', expiresIn })), expiresIn).toEqual(['body.expiresIn']);
  });
});

describe('listing credentials', () => {
  it('lists each credential’s id, role, organisation, label, created, expires and last used, and never its token nor its hash', async () => {
    const issued = (await issue({ role: 'officer', organisationId: 'halton-council', label: 'Sam, Halton', expiresIn: '30d' })).body;
    await read(issued.token);
    const reply = await ledger.call('GET', '/v1/credentials', { token: admin });
    expect(reply.status).toBe(200);
    expect(reply.body.credentials.find((c: { id: string }) => c.id === issued.id)).toEqual({
      id: issued.id,
      role: 'officer',
      organisationId: 'halton-council',
      label: 'Sam, Halton',
      createdAt: new Date(now).toISOString(),
      createdBy: expect.stringMatching(/^credential:/),
      expiresAt: new Date(now + 30 * DAY).toISOString(),
      revokedAt: null,
      revokedBy: null,
      revocationReason: null,
      lastUsedAt: new Date(now).toISOString(),
      status: 'active',
    });
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(issued.token.slice(4));
    expect(text).not.toContain(hashToken(issued.token));
    expect(text).not.toContain(hashToken(admin));
  });
});

describe('revoking a credential', () => {
  it('refuses a revoked token with 401 CREDENTIAL_REVOKED from the next request on', async () => {
    const issued = (await issue({ role: 'scrutiny', label: 'panel member' })).body;
    expect((await read(issued.token)).status).toBe(200);
    const revoked = await ledger.call('POST', `/v1/credentials/${issued.id}/revoke`, { token: admin, body: { reason: 'Left the panel' } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      revoked: true,
      sessionsEnded: 0,
      credential: { id: issued.id, status: 'revoked', revokedAt: new Date(now).toISOString(), revokedBy: expect.stringMatching(/^credential:/), revocationReason: 'Left the panel' },
    });
    const refused = await read(issued.token);
    expectRefused(refused, 401, 'CREDENTIAL_REVOKED');
    expect(refused.body.error.details).toMatchObject({ credentialId: issued.id });
    expect(await listed(issued.id)).toMatchObject({ status: 'revoked' });
  });

  it('revokes once: revoking again changes nothing and keeps the first reason', async () => {
    const issued = (await issue({ role: 'auditor', label: 'twice' })).body;
    await ledger.call('POST', `/v1/credentials/${issued.id}/revoke`, { token: admin, body: { reason: 'first' } });
    later(MINUTE);
    const again = await ledger.call('POST', `/v1/credentials/${issued.id}/revoke`, { token: admin });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ revoked: false, credential: { revocationReason: 'first', revokedAt: new Date(now - MINUTE).toISOString() } });
  });

  it('answers 404 CREDENTIAL_NOT_FOUND for a credential that does not exist', async () => {
    expectRefused(await ledger.call('POST', '/v1/credentials/01ARZ3NDEKTSV4RRFFQ69G5FAV/revoke', { token: admin, body: {} }), 404, 'CREDENTIAL_NOT_FOUND');
  });
});

describe('expiry', () => {
  it('refuses a token with 401 CREDENTIAL_EXPIRED once its expiry has passed, and lists it as expired', async () => {
    const issued = (await issue({ role: 'auditor', label: 'a day', expiresIn: '12h' })).body;
    later(12 * HOUR - 1);
    expect((await read(issued.token)).status).toBe(200);
    later(1);
    const refused = await read(issued.token);
    expectRefused(refused, 401, 'CREDENTIAL_EXPIRED');
    expect(refused.body.error.details).toMatchObject({ credentialId: issued.id });
    expect(await listed(issued.id)).toMatchObject({ status: 'expired' });
  });

  it('counts a revoked token’s requests against its address, with every other unrecognised request, not as a credential', async () => {
    const issued = (await issue({ role: 'auditor', label: 'limited' })).body;
    await ledger.call('POST', `/v1/credentials/${issued.id}/revoke`, { token: admin, body: {} });
    const revoked = await read(issued.token);
    expectRefused(revoked, 401, 'CREDENTIAL_REVOKED');
    const unknown = await read(`elt_${'A'.repeat(43)}`);
    expectRefused(unknown, 401, 'UNAUTHENTICATED');
    // One counter: the address's.
    expect(Number(unknown.headers.get('x-ratelimit-remaining'))).toBe(Number(revoked.headers.get('x-ratelimit-remaining')) - 1);
  });
});

describe('authentication', () => {
  it('looks a bearer token up once, though the rate limiter and the role check both need it, and not again within AUTH_CACHE_MS', async () => {
    const issued = (await issue({ role: 'auditor', label: 'one lookup' })).body;
    const lookups = vi.spyOn(ledger.app.credentials.store, 'findByTokenHash');
    try {
      for (let i = 0; i < 3; i++) expect((await read(issued.token)).status).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(1);
    } finally {
      lookups.mockRestore();
    }
  });
});

describe('last used', () => {
  it('records a credential’s last use at most once a minute: requests within the minute write nothing', async () => {
    const issued = (await issue({ role: 'scrutiny', label: 'busy client' })).body;
    const markUsed = vi.spyOn(ledger.app.credentials.store, 'markUsed');
    try {
      const first = now;
      expect((await read(issued.token)).status).toBe(200);
      expect(markUsed).toHaveBeenCalledTimes(1);
      for (let second = 1; second <= 5; second++) {
        later(10_000);
        expect((await read(issued.token)).status).toBe(200);
      }
      expect(markUsed).toHaveBeenCalledTimes(1);
      expect(await listed(issued.id)).toMatchObject({ lastUsedAt: new Date(first).toISOString() });
      later(10_000); // a minute after the first use
      expect((await read(issued.token)).status).toBe(200);
      expect(markUsed).toHaveBeenCalledTimes(2);
      expect(await listed(issued.id)).toMatchObject({ lastUsedAt: new Date(first + MINUTE).toISOString() });
    } finally {
      markUsed.mockRestore();
    }
  });
});
