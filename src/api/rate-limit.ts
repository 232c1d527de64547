// Rate limits count per credential, and per address for everything else. A header the ledger
// does not recognise counts against its address: keyed by the header as sent, every guessed
// token would open a fresh allowance, and guessing tokens would never be slowed.

import type { FastifyRequest } from 'fastify';
import type { Credentials } from '../credentials/credentials.js';

export function rateLimitKey(credentials: Credentials): (request: FastifyRequest) => string {
  return (request) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    // A lookup by the token's hash (src/credentials): no slower than the authentication that follows.
    const actor = token ? credentials.authenticate(token) : undefined;
    return actor ? `credential:${actor.credentialId}` : `ip:${request.ip}`;
  };
}
