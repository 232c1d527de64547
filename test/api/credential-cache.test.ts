// Through the API, with the bound small (AUTH_CACHE_MS=100): a token revoked behind this node's
// back, as another node or `ledger token revoke` would, is refused once the bound has passed.

import { describe, expect, it } from 'vitest';
import { ledgerForThisFile } from './harness.js';
import { expectRefused } from './requests.js';

const BOUND_MS = 100;
const ledger = await ledgerForThisFile({ AUTH_CACHE_MS: String(BOUND_MS) });

describe('a token revoked elsewhere', () => {
  it('is refused with 401 CREDENTIAL_REVOKED once AUTH_CACHE_MS has passed', async () => {
    const issued = await ledger.app.credentials.issue({ role: 'auditor', label: 'panel', createdBy: 'test' });
    expect((await ledger.call('GET', '/v1/projections', { token: issued.token })).status).toBe(200);

    await ledger.app.credentials.store.revoke(issued.id, { at: new Date().toISOString(), by: 'another node', reason: null });
    await new Promise((resolve) => setTimeout(resolve, BOUND_MS + 20));

    expectRefused(await ledger.call('GET', '/v1/projections', { token: issued.token }), 401, 'CREDENTIAL_REVOKED');
  });
});
