// Auditors and scrutiny panels read; they never write. Every write route the server registers,
// sent by an auditor or a panel with a well-formed body aimed at records that exist, by bearer
// token or by the pages' session cookie, is refused and the log does not move. The only writes
// they may make are not to the log: signing a checkpoint (auditors) and signing in to the pages.

import fc from 'fast-check';
import type { FastifyServerOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import { toJson } from './fuzz-json.js';
import { idsInLedger } from './fuzz-ids.js';
import { operationOf } from './fuzz-routes.js';
import { idArbitrary, validValue } from './fuzz-schema.js';
import { ledgerForThisFile } from './harness.js';
import { registered } from './route-table.js';

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const { observeRoutes: observe } = await import('./route-table.js');
  const fastify = (options?: FastifyServerOptions) => observe(real.default(options));
  return { ...real, default: Object.assign(fastify, real.default) };
});

const ledger = await ledgerForThisFile({ RATE_LIMIT_PER_MINUTE: '100000000', SQLITE_SYNCHRONOUS: 'NORMAL' });
await loadDemo(ledger.app.ledger, seedDemo);
const ids = await idsInLedger(ledger.app.store);
const doc = (await ledger.call('GET', '/openapi.json')).body;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const readers = { auditor: await ledger.tokenFor('auditor'), scrutiny: await ledger.tokenFor('scrutiny') };
/** Each reader as an API client (bearer) and as a browser signed in to the pages (cookie). */
interface Caller {
  who: string;
  headers: Record<string, string>;
  cookie: boolean;
}
const callers = (
  await Promise.all(
    Object.entries(readers).map(async ([role, token]): Promise<Caller[]> => [
      { who: `${role} (bearer)`, headers: { authorization: `Bearer ${token}` }, cookie: false },
      { who: `${role} (session cookie)`, headers: { cookie: await ledger.sessionCookie(token) }, cookie: true },
    ]),
  )
).flat();

/** Writes that do not touch the log, and who may make them. */
const notToTheLog: Record<string, string> = {
  'POST /v1/integrity/checkpoints': 'auditor (bearer)', // signs the head; the statement is kept in server.db
  'POST /v1/integrity/checkpoints/check': 'auditor (bearer)', // checks a statement; writes nothing
  'POST /pages/login': '*',
  'POST /pages/logout': '*',
  'POST /workbench/sign-in': '*',
  'POST /workbench/sign-out': '*',
};

const writes = [...new Map(registered.filter((r) => r.method !== 'GET').map((r) => [`${r.method} ${r.url}`, r])).values()];
const paths = [...new Set(registered.map((r) => r.url))];

describe(`auditors and panels never write (seed ${seed})`, () => {
  it('finds the write routes', () => {
    expect(writes.length).toBeGreaterThan(30);
  });

  it.each(writes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s: refused, log unchanged', async (name, route) => {
    const schema = operationOf(doc, route)?.requestBody?.content?.['application/json']?.schema;
    const body = schema ? fc.oneof(validValue(schema, ids), validValue(schema, ids, '', true)) : fc.constant({});
    const segments = route.url.split('/').map((s) => (s.startsWith(':') ? idArbitrary(ids, s.slice(1)) : fc.constant(s)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), fc.tuple(...segments), body, async (caller, parts, sent) => {
        const before = await ledger.app.store.headPosition();
        const reply = await fetch(ledger.url + parts.join('/'), {
          method: route.method,
          headers: { ...caller.headers, 'content-type': 'application/json' },
          body: toJson(sent),
          redirect: 'manual',
        });
        const text = await reply.text();
        expect(await ledger.app.store.headPosition(), `${caller.who} wrote to the log through ${name}`).toBe(before);
        const exempt = notToTheLog[name];
        if (exempt === '*' || exempt === caller.who) return;
        // A cookie never authorises a write: it is not a credential there at all (401); on the
        // workbench's own forms it is one, and the role check refuses readers (403).
        const expected = caller.cookie && !route.url.startsWith('/workbench/') ? [401, 'UNAUTHENTICATED'] : [403, 'ROLE_NOT_ALLOWED'];
        expect([reply.status, JSON.parse(text).error?.code], `${caller.who} ${name}: ${text.slice(0, 200)}`).toEqual(expected);
      }),
      { numRuns: 12, seed },
    );
  });

  it('has no PUT, PATCH or DELETE anywhere: each is a 404 in the error shape, log unchanged', async () => {
    const before = await ledger.app.store.headPosition();
    for (const url of paths) {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        for (const caller of callers.filter((c) => !c.cookie)) {
          const path = url.replace(/:[A-Za-z]+/g, (p) => ids.get(p.slice(1))?.[0] ?? 'nowhere').replace(/\*$/, 'x');
          const reply = await fetch(ledger.url + path, { method, headers: { ...caller.headers, 'content-type': 'application/json' }, body: '{}' });
          const body = (await reply.json()) as { error?: { code?: string } };
          expect([reply.status, body.error?.code], `${caller.who} ${method} ${path}`).toEqual([404, 'ROUTE_NOT_FOUND']);
        }
      }
    }
    expect(await ledger.app.store.headPosition()).toBe(before);
  }, 60_000);
});
