// An officer never writes for another organisation, whatever the body says. On the demo ledger
// (five councils and partnerships, each with its own activities, plans, decisions and actions),
// officers of one organisation send every officer write route, aimed at another organisation's
// records, with that organisation's id planted in the body, in nested objects and as ids.
// Aimed at a record of theirs: refused by the authority rule (403 OTHER_ORGANISATION; 400 when
// the body itself is malformed), log unchanged. Creating something new: refused, or recorded
// for the officer's own organisation and no other.

import fc from 'fast-check';
import type { FastifyServerOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../../src/demo/load.js';
import { seedDemo } from '../../src/demo/seeds.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { action, decision, strategy, submission, survey, voiceEvaluation } from './bodies.js';
import { callersOf } from './fuzz-callers.js';
import { Members, toJson } from './fuzz-json.js';
import { operationOf } from './fuzz-routes.js';
import { validValue, type IdPool } from './fuzz-schema.js';
import { ledgerForThisFile } from './harness.js';
import { registered, type RegisteredRoute } from './route-table.js';

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const { observeRoutes: observe } = await import('./route-table.js');
  const fastify = (options?: FastifyServerOptions) => observe(real.default(options));
  return { ...real, default: Object.assign(fastify, real.default) };
});

const ledger = await ledgerForThisFile({ RATE_LIMIT_PER_MINUTE: '100000000', SQLITE_SYNCHRONOUS: 'NORMAL' });
await loadDemo(ledger.app.ledger, seedDemo);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

const log: RecordedEvent[] = [];
for (let after = 0; ; ) {
  const page = await ledger.app.store.readAll({ after, maxCount: 1_000 });
  if (page.length === 0) break;
  log.push(...page);
  after = (page.at(-1) as RecordedEvent).position;
}

/** Every organisation a stream's events name: owner, partners, leads, and who recorded them. */
function organisationsIn(events: readonly RecordedEvent[]): Set<string> {
  const found = new Set<string>();
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && /^(organisationId|jointPartnerIds|partnerIds|leadOrganisationIds|organisation)$/.test(key)) found.add(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const event of events) walk({ data: event.data, organisation: (event.metadata as { organisation?: unknown }).organisation });
  return found;
}

/** Ids inside one stream, by field name: the findings, feedback, links and objectives of one record. */
function idsIn(events: readonly RecordedEvent[]): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && /Id$/.test(key)) ids.set(key, [...new Set([...(ids.get(key) ?? []), value])]);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, key.replace(/Ids$/, 'Id')));
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const event of events) walk(event.data);
  return ids;
}

const streams = new Map<string, RecordedEvent[]>();
for (const event of log) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
const organisations = [...new Set(log.filter((e) => e.type === 'OrganisationRegistered').map((e) => (e.data as { organisationId: string }).organisationId))];
const officers = new Map(await Promise.all(organisations.map(async (org) => [org, `Bearer ${await ledger.tokenFor('officer', org)}`] as const)));

/** The stream a route's first path id names. */
const streamOf: Record<string, string> = { activityId: 'activity', planId: 'plan', decisionId: 'decision', actionId: 'action' };

interface Target {
  /** The officer who sends it, and the organisation it is aimed at. */
  officer: string;
  other: string;
  stream: string;
}

/** For a route aimed at a record: records whose events never name the officer's organisation. */
function targetsFor(param: string): Target[] {
  const kind = streamOf[param];
  if (!kind) return [];
  return [...streams.entries()]
    .filter(([id]) => id.startsWith(`${kind}-`))
    .flatMap(([stream, events]) => {
      const named = organisationsIn(events);
      return organisations.filter((org) => !named.has(org)).flatMap((officer) => [...named].filter((o) => organisations.includes(o)).map((other) => ({ officer, other, stream })));
    });
}

const officerWrites: RegisteredRoute[] = [];
for (const route of registered.filter((r) => r.method === 'POST' && r.url.startsWith('/v1/'))) {
  const { allowed } = await callersOf(ledger, route, [...officers.values()].slice(0, 1), []);
  if (allowed.length > 0) officerWrites.push(route);
}
const doc = (await ledger.call('GET', '/openapi.json')).body;
const allIds: IdPool = (() => {
  const pool = idsIn(log);
  pool.set('organisationId', organisations);
  return pool;
})();

/** The other organisation, planted wherever a body might be read for it. */
function planted(body: unknown, other: string): Members {
  const plant = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(plant);
    if (value === null || typeof value !== 'object') return value;
    return { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plant(v)])), organisationId: other };
  };
  const entries = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.entries(plant(body) as object) : [];
  return new Members([
    ...entries,
    ['organisation', other],
    ['actor', { role: 'admin', organisationId: other }],
    ['metadata', { organisation: other }],
    ['leadOrganisationIds', [other]],
  ]);
}

async function send(route: RegisteredRoute, path: string, officer: string, body: Members) {
  const before = await ledger.app.store.headPosition();
  const reply = await fetch(ledger.url + path, { method: 'POST', headers: { authorization: officer, 'content-type': 'application/json' }, body: toJson(body) });
  const text = await reply.text();
  const written = await ledger.app.store.readAll({ after: before, maxCount: 100 });
  return { status: reply.status, body: JSON.parse(text), written, before, route };
}

// Answering an invitation is aimed at another organisation's record by design, and allowed to an
// invited organisation's officer: test/api/invitations.test.ts covers who may answer.
const answering = /\/(partnership|lead)\/(accept|decline)$/;
const aimed = officerWrites.filter((route) => streamOf[/:(\w+)/.exec(route.url)?.[1] ?? ''] !== undefined && !answering.test(route.url));
const creating = officerWrites.filter((route) => !aimed.includes(route) && !answering.test(route.url));

describe(`an officer never writes for another organisation (seed ${seed})`, () => {
  it('covers every officer write route, most of them aimed at a record', () => {
    expect(officerWrites.length).toBeGreaterThan(25);
    expect(aimed.length).toBeGreaterThan(20);
  });

  it.each(aimed.map((route) => [route.url, route] as const))('%s, aimed at another organisation’s record: 403 OTHER_ORGANISATION, log unchanged', async (_url, route) => {
    const [param, ...rest] = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
    const targets = targetsFor(param as string);
    expect(targets.length, `records of another organisation for ${param}`).toBeGreaterThan(0);
    const schema = operationOf(doc, route)?.requestBody?.content?.['application/json']?.schema ?? {};
    let authority = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.nat(), fc.oneof(validValue(schema, allIds), validValue(schema, allIds, '', true)), async (target, pick, body) => {
        // The record's own sub-ids (its findings, feedback, links, objectives), so only the organisation is wrong.
        const own = idsIn(streams.get(target.stream) ?? []);
        let path = route.url.replace(`:${param}`, target.stream.slice(target.stream.indexOf('-') + 1));
        for (const name of rest) {
          const choices = own.get(name) ?? allIds.get(name) ?? ['nothing'];
          path = path.replace(`:${name}`, choices[pick % choices.length] as string);
        }
        const reply = await send(route, path, officers.get(target.officer) as string, planted(body, target.other));
        expect(reply.written, `${path} wrote for ${target.other}`).toEqual([]);
        expect([400, 403], `${path}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`).toContain(reply.status);
        if (reply.status === 403) {
          expect(reply.body.error.code).toBe('OTHER_ORGANISATION');
          authority++;
        } else expect(reply.body.error.code).toBe('VALIDATION_FAILED');
      }),
      { numRuns: 25, seed },
    );
    // Not a test of the validator: well-formed requests meet the authority rule.
    expect(authority).toBeGreaterThan(3);
  }, 60_000);

  it.each(creating.map((route) => [route.url, route] as const))('%s, with another organisation in the body: refused, or recorded for the officer’s own', async (_url, route) => {
    const schema = operationOf(doc, route)?.requestBody?.content?.['application/json']?.schema ?? {};
    const pairs = organisations.flatMap((officer) => organisations.filter((o) => o !== officer).map((other) => ({ officer, other })));
    const cycles = allIds.get('cycleId') ?? ['nothing'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...pairs), fc.constantFrom(...cycles), validValue(schema, allIds), async ({ officer, other }, cycle, body) => {
        const reply = await send(route, route.url.replace(':cycleId', cycle), officers.get(officer) as string, planted(body, other));
        if (reply.status >= 400) {
          expect(reply.written).toEqual([]);
          expect(reply.status).toBeLessThan(500);
          return;
        }
        expect(reply.written.length).toBeGreaterThan(0);
        for (const event of reply.written) {
          expect((event.metadata as { organisation?: unknown }).organisation).toBe(officer);
          const data = event.data as { organisationId?: unknown };
          if ('organisationId' in data) expect(data.organisationId).toBe(officer);
        }
      }),
      { numRuns: 20, seed },
    );
  }, 60_000);

  // The bodies above are random: most are refused by rules that have nothing to do with the
  // organisation (a missing VOiCE principle, a health-check category left out, a plan of another
  // organisation), so on those routes the organisation check could go unexercised. These bodies
  // are ones the domain accepts, varied where the rules allow, with the other organisation planted.
  const adoptedPlans = log.filter((e) => e.type === 'PlanAdopted').map((e) => e.data as { planId: string; organisationId: string });
  const text = fc.string({ minLength: 1, maxLength: 40 }).map((t) => `Planted ${t.replace(/[^\w ,.-]/g, 'x')}`);
  const accepted: Record<string, { officers: string[]; body(officer: string): fc.Arbitrary<unknown>; path?(officer: string): Promise<string> }> = {
    '/v1/activities': { officers: organisations, body: () => text.map((title) => ({ ...survey, title })) },
    '/v1/plans': { officers: organisations, body: () => text.map((title) => ({ ...strategy, title })) },
    '/v1/decisions': { officers: organisations, body: () => text.map((title) => ({ ...decision, title })) },
    '/v1/actions': {
      officers: [...new Set(adoptedPlans.map((p) => p.organisationId))],
      body: (officer) =>
        fc.tuple(fc.constantFrom(...adoptedPlans.filter((p) => p.organisationId === officer).map((p) => p.planId)), text).map(([planId, what]) => ({ ...action(planId), what })),
    },
    '/v1/health-check-cycles/:cycleId/submissions': {
      officers: organisations,
      body: () => fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 4, maxLength: 4 }).map((scores) => {
        const base = submission();
        return { ...base, assessments: base.assessments.map((a, i) => ({ ...a, scores: { ...a.scores, planning: scores[i] } })) };
      }),
      // A cycle of its own for each submission: a second one to a cycle must supersede the first.
      async path() {
        const opened = await ledger.call('POST', '/v1/health-check-cycles', { token: ledger.adminToken, body: { name: 'Planted cycle', opensOn: '2013-02-01', dueBy: '2013-05-10' } });
        expect(opened.status, JSON.stringify(opened.body)).toBe(201);
        return `/v1/health-check-cycles/${opened.body.createdId}/submissions`;
      },
    },
    '/v1/voice-evaluations': {
      officers: organisations,
      body: () => fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).map(([overall, score]) => voiceEvaluation({ overall, principles: voiceEvaluation().principles.map((p) => ({ ...p, score })) })),
    },
  };

  it.each(Object.keys(accepted))('%s, with a body the domain accepts and another organisation planted in it: recorded for the officer’s own organisation', async (url) => {
    const route = creating.find((r) => r.url === url);
    expect(route, `${url} is an officer write route that creates`).toBeDefined();
    const { officers: who, body: bodyFor, path } = accepted[url]!;
    const pairs = who.flatMap((officer) => organisations.filter((o) => o !== officer).map((other) => ({ officer, other })));
    let recorded = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...pairs).chain((pair) => bodyFor(pair.officer).map((body) => ({ ...pair, body }))),
        async ({ officer, other, body }) => {
          const reply = await send(route!, path ? await path(officer) : url, officers.get(officer) as string, planted(body, other));
          expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBeLessThan(300);
          expect(reply.written.length).toBeGreaterThan(0);
          for (const event of reply.written) {
            expect((event.metadata as { organisation?: unknown }).organisation).toBe(officer);
            expect(JSON.stringify(event.data)).not.toContain(`"organisationId":"${other}"`);
            expect((event.data as { organisationId?: unknown }).organisationId ?? officer).toBe(officer);
          }
          recorded++;
        },
      ),
      { numRuns: 10, seed },
    );
    expect(recorded).toBe(10);
  }, 60_000);

  it('refuses an action or activity attached to a plan the officer’s organisation neither owns nor partners', async () => {
    const adopted = log.filter((e) => e.type === 'PlanAdopted').map((e) => e.data as { planId: string; organisationId: string; partnerIds: string[] });
    expect(adopted.length).toBeGreaterThan(0);
    const post = async (path: string, organisation: string, body: unknown) => {
      const before = await ledger.app.store.headPosition();
      const reply = await ledger.call('POST', path, { token: (officers.get(organisation) as string).slice('Bearer '.length), body });
      return { ...reply, written: await ledger.app.store.readAll({ after: before, maxCount: 10 }) };
    };
    for (const plan of adopted) {
      const outsider = organisations.find((org) => org !== plan.organisationId && !plan.partnerIds.includes(org)) as string;
      for (const [path, body] of [['/v1/actions', action(plan.planId)], ['/v1/activities', { ...survey, planId: plan.planId }]] as const) {
        const reply = await post(path, outsider, body);
        expect(reply.status, JSON.stringify(reply.body)).toBe(403);
        expect(reply.body.error.code).toBe('OTHER_ORGANISATION');
        expect(reply.written).toEqual([]);
      }
      // The plan's own organisation may.
      expect((await post('/v1/actions', plan.organisationId, action(plan.planId))).status).toBe(201);
    }
  });
});
