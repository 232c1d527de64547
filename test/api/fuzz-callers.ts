// Who a route lets through, asked of the server itself (roles.test.ts checks the answers are
// the intended ones): fuzzed requests mostly come from allowed callers, so they get past the
// role check to validation and the domain.

import type { Harness } from './harness.js';
import { requestPath, type RegisteredRoute } from './route-table.js';

export interface Callers {
  /** Authorization headers of callers the route lets through. */
  allowed: readonly string[];
  /** Callers it refuses, no credential, and credentials that are not tokens at all. */
  others: readonly string[];
}

export async function callersOf(ledger: Harness, route: RegisteredRoute, authorizations: readonly string[], notTokens: readonly string[]): Promise<Callers> {
  const allowed: string[] = [];
  const others: string[] = [...notTokens];
  for (const authorization of authorizations) {
    const reply = await fetch(ledger.url + requestPath(route.url), { method: route.method, headers: { authorization }, redirect: 'manual' });
    const body = await reply.text();
    (reply.status === 403 && body.includes('ROLE_NOT_ALLOWED') ? others : allowed).push(authorization);
  }
  return { allowed, others };
}
