// Hostile input on every route the server registers: property-based requests (fast-check) over
// real HTTP to a ledger holding the demo data. Whatever is sent, the server answers below 500,
// every refusal is the one error shape without internals, and a refused request leaves the log
// as it was. Set FUZZ_SEED to replay a run; FUZZ_REQUESTS to send more.

import fc from 'fast-check';
import type { FastifyServerOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { Role } from '../../src/domain/actor.js';
import { fire, newTally, summary } from './fuzz-client.js';
import { idsInLedger } from './fuzz-ids.js';
import { callersOf } from './fuzz-callers.js';
import { operationOf, requestFor } from './fuzz-routes.js';
import { ledgerForThisFile } from './harness.js';
import { registered, type RegisteredRoute } from './route-table.js';

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const { observeRoutes: observe } = await import('./route-table.js');
  const fastify = (options?: FastifyServerOptions) => observe(real.default(options));
  return { ...real, default: Object.assign(fastify, real.default) };
});

const MINIMUM = 10_000;
const wanted = Number(process.env.FUZZ_REQUESTS ?? MINIMUM + 200);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

// A small body limit makes oversize bodies cheap to send; NORMAL sync keeps the writes that do succeed cheap.
const ledger = await ledgerForThisFile({ BODY_LIMIT_BYTES: String(64 * 1024), RATE_LIMIT_PER_MINUTE: '100000000', SQLITE_SYNCHRONOUS: 'NORMAL' });
await loadDemo(ledger.app.ledger, seedDemo);
const ids = await idsInLedger(ledger.app.store);
const organisations = ids.get('organisationId') ?? [];
const bearer = (token: string) => `Bearer ${token}`;
const tokens: [Role, string][] = [
  ['admin', bearer(ledger.adminToken)],
  ['auditor', bearer(await ledger.tokenFor('auditor'))],
  ['scrutiny', bearer(await ledger.tokenFor('scrutiny'))],
  ...(await Promise.all(organisations.map(async (org): Promise<[Role, string]> => ['officer', bearer(await ledger.tokenFor('officer', org))]))),
];
const notTokens = ['', 'Bearer ', 'Bearer x', `Bearer elt_${'A'.repeat(43)}`, 'Basic YWRtaW46YWRtaW4=', `bearer ${ledger.adminToken}`, `Bearer ${ledger.adminToken}x`, 'Bearer \u00ff'];
const doc = (await ledger.call('GET', '/openapi.json')).body;
const routes: RegisteredRoute[] = [...new Map(registered.map((r) => [`${r.method} ${r.url}`, r])).values()];
let head = await ledger.app.store.headPosition();
const headNow = () => head;

// The documentation routes serve fixed documents that cost far more to render than to fuzz; a few runs each.
const isDocumentation = (route: RegisteredRoute) => /^\/(docs|openapi\.json)/.test(route.url);
const DOCUMENTATION_RUNS = 10;
const documentation = routes.filter(isDocumentation).length;
const perRoute = Math.ceil((wanted - documentation * DOCUMENTATION_RUNS) / (routes.length - documentation));
const total = newTally();

describe(`hostile input on every route (seed ${seed})`, () => {
  it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', async (_name, route) => {
    const tally = newTally();
    // Asked once per role; every officer then shares the officers' answer.
    const probe = await callersOf(ledger, route, [...new Map(tokens).values()], notTokens);
    const allowedRoles = new Set(tokens.filter(([, authorization]) => probe.allowed.includes(authorization)).map(([role]) => role));
    const callers = {
      allowed: tokens.filter(([role]) => allowedRoles.has(role)).map(([, authorization]) => authorization),
      others: [...notTokens, ...tokens.filter(([role]) => !allowedRoles.has(role)).map(([, authorization]) => authorization)],
    };
    const requests = requestFor(route, operationOf(doc, route), ids, callers, headNow);
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        await fire(ledger, request, tally);
        head = await ledger.app.store.headPosition();
      }),
      { numRuns: isDocumentation(route) ? DOCUMENTATION_RUNS : perRoute, seed: seed + routes.indexOf(route), endOnFailure: true },
    );
    total.sent += tally.sent;
    total.fiveHundreds += tally.fiveHundreds;
    total.problems.push(...tally.problems);
    for (const [status, n] of tally.byStatus) total.byStatus.set(status, (total.byStatus.get(status) ?? 0) + n);
    expect(tally.problems.slice(0, 10), summary(`${route.method} ${route.url}`, tally)).toEqual([]);
    // Each route's share of the requests, with room for a loaded CI machine.
  }, 120_000);

  it(`sent at least ${MINIMUM} requests, with no 5xx`, () => {
    console.log(summary(`fuzz, seed ${seed}`, total));
    expect(total.sent).toBeGreaterThanOrEqual(MINIMUM);
    expect(total.fiveHundreds).toBe(0);
  });
});
