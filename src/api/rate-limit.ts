// Rate limits count per credential, and per address for everything else. A header the ledger
// does not recognise (or a revoked or expired token) counts against its address: keyed by the
// header as sent, every guessed token would open a fresh allowance, and guessing tokens would
// never be slowed.

import type { FastifyRequest } from 'fastify';
import type { Credentials } from '../credentials/credentials.js';
import { identifyBearer } from './auth.js';

export function rateLimitKey(credentials: Credentials): (request: FastifyRequest) => Promise<string> {
  return async (request) => {
    // The lookup authentication then reuses (src/api/auth.ts): one per request, not two.
    const identified = await identifyBearer(request, credentials);
    return identified?.ok ? `credential:${identified.actor.credentialId}` : `ip:${request.ip}`;
  };
}
