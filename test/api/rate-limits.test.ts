// Rate limits hold per credential, and per address for requests without a credential the
// ledger knows, including requests that guess a different token each time.

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLedger, type Harness } from './harness.js';

const LIMIT = 5;
let ledger: Harness;
beforeAll(async () => {
  ledger = await startLedger({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
});
afterAll(() => ledger.close());

type Reply = Awaited<ReturnType<Harness['call']>>;

async function statuses(times: number, send: (i: number) => Promise<Reply>): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (let i = 0; i < times; i++) replies.push(await send(i));
  return replies;
}

function expectRateLimited(reply: Reply): void {
  expect(reply.status).toBe(429);
  expect(Object.keys(reply.body)).toEqual(['error']);
  expect(reply.body.error.code).toBe('RATE_LIMITED');
  expect(typeof reply.body.error.message).toBe('string');
  expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
}

/** A token of the right shape that no credential has. */
const guess = () => `elt_${randomBytes(32).toString('base64url')}`;

describe('rate limits', () => {
  it('exhausting one token answers 429 in the error shape, while another token is still served', async () => {
    const a = await ledger.tokenFor('auditor');
    const b = await ledger.tokenFor('scrutiny');
    const fromA = await statuses(LIMIT + 1, () => ledger.call('GET', '/v1/projections', { token: a }));
    expect(fromA.map((r) => r.status)).toEqual([...Array(LIMIT).fill(200), 429]);
    expectRateLimited(fromA.at(-1) as Reply);
    expect((await ledger.call('GET', '/v1/projections', { token: b })).status).toBe(200);
  });

  it('limits requests without a credential per address, whether they send no token or guess a new one each time', async () => {
    const mixed = await statuses(LIMIT + 2, (i) => ledger.call('GET', '/v1/projections', i % 2 === 0 ? {} : { token: guess() }));
    expect(mixed.slice(0, LIMIT).map((r) => r.status)).toEqual(Array(LIMIT).fill(401));
    for (const reply of mixed.slice(LIMIT)) expectRateLimited(reply);
    // The address is spent; a credential the ledger knows has its own allowance.
    expect((await ledger.call('GET', '/v1/projections', { token: await ledger.tokenFor('officer', 'halton-borough-council') })).status).toBe(200);
  });
});
