// A verified token is trusted for a bound (AUTH_CACHE_MS) without a lookup: a revocation made
// elsewhere (another node, the command line) is honoured once the bound has passed, one made
// through these credentials at once, and an expiry always. Time is the test's, not waited for.

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Credentials } from '../../src/credentials/credentials.js';
import { SqliteCredentialStore } from '../../src/credentials/sqlite/credential-store.js';
import { VerifiedTokens } from '../../src/credentials/verified-tokens.js';

const BOUND_MS = 1_000;

function given(boundMs = BOUND_MS) {
  let monotonic = 0;
  let wall = Date.parse('2026-03-02T09:00:00.000Z');
  const store = new SqliteCredentialStore(new Database(':memory:'));
  const credentials = new Credentials(store, () => new Date(wall), new VerifiedTokens(boundMs, () => monotonic));
  // Another node's (or the command line's) view of the same credentials.
  const elsewhere = new Credentials(store, () => new Date(wall));
  return {
    credentials,
    elsewhere,
    store,
    pass: (ms: number) => {
      monotonic += ms;
      wall += ms;
    },
  };
}

describe('a verified token remembered for a bound', () => {
  it('honours a revocation made elsewhere once the bound has passed', async () => {
    const { credentials, elsewhere, pass } = given();
    const issued = await credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test' });
    expect((await credentials.identify(issued.token)).ok).toBe(true);

    await elsewhere.revoke(issued.id, 'admin', 'left the panel');
    pass(BOUND_MS - 1);
    expect((await credentials.identify(issued.token)).ok).toBe(true);
    pass(1);
    expect(await credentials.identify(issued.token)).toEqual({ ok: false, refusal: 'CREDENTIAL_REVOKED', credentialId: issued.id });
  });

  it('honours a revocation made through the same credentials at once', async () => {
    const { credentials } = given();
    const issued = await credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test' });
    expect((await credentials.identify(issued.token)).ok).toBe(true);

    await credentials.revoke(issued.id, 'admin', null);
    expect(await credentials.identify(issued.token)).toMatchObject({ ok: false, refusal: 'CREDENTIAL_REVOKED' });
  });

  it('refuses an expired token at its expiry, remembered or not', async () => {
    const { credentials, pass } = given();
    const issued = await credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test', lifetimeMs: 500 });
    expect((await credentials.identify(issued.token)).ok).toBe(true);

    pass(500);
    expect(await credentials.identify(issued.token)).toMatchObject({ ok: false, refusal: 'CREDENTIAL_EXPIRED' });
  });

  it('remembers nothing with a bound of 0: a revocation elsewhere is seen by the next request', async () => {
    const { credentials, elsewhere } = given(0);
    const issued = await credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test' });
    expect((await credentials.identify(issued.token)).ok).toBe(true);

    await elsewhere.revoke(issued.id, 'admin', null);
    expect(await credentials.identify(issued.token)).toMatchObject({ ok: false, refusal: 'CREDENTIAL_REVOKED' });
  });

  it('writes "last used" once, not on every request within the bound', async () => {
    const { credentials, store, pass } = given();
    const issued = await credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test' });
    let writes = 0;
    const markUsed = store.markUsed.bind(store);
    store.markUsed = async (...args) => {
      writes++;
      await markUsed(...args);
    };
    for (let i = 0; i < 5; i++) {
      await credentials.authenticate(issued.token);
      pass(10);
    }
    expect(writes).toBe(1);
  });
});
