import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from './harness.js';

let ledger: Harness;
beforeAll(async () => {
  ledger = await startLedger({ RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => ledger.close());

describe('limits and headers', () => {
  it('answers 429 in the one error shape once a token passes its rate limit, while another token goes on', async () => {
    const auditor = await ledger.tokenFor('auditor');
    const statuses: number[] = [];
    let last: Awaited<ReturnType<Harness['call']>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await ledger.call('GET', '/v1/events', { token: auditor });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last?.body.error.code).toBe('RATE_LIMITED');
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await ledger.call('GET', '/v1/events', { token: ledger.adminToken })).status).toBe(200);
  });

  it('sends security headers', async () => {
    const reply = await ledger.call('GET', '/health');
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(reply.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });

  it('names the route in a 404 for an unknown path, without asking for a token', async () => {
    const reply = await ledger.call('GET', '/v1/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
