// The role × route table: for every route the server registers and every role, the role check
// lets the request through or answers 403 (401 without a token). Requests carry a body that fails
// validation, or name an entity that does not exist, so nothing needs setting up: the assertion
// is only on whether the refusal was ROLE_NOT_ALLOWED. Each route is asked with a bearer token and
// with the pages' session cookie (the same answer for reads; never a credential for a write), and
// each read model also as CSV (`?format=csv` and `Accept: text/csv`), which must not widen access.

import type { FastifyServerOptions } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src/domain/actor.js';
import { ledgerForThisFile } from './harness.js';
import { observeRoutes, registered, requestPath, type RegisteredRoute } from './route-table.js';

vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const { observeRoutes: observe } = await import('./route-table.js');
  const fastify = (options?: FastifyServerOptions) => observe(real.default(options));
  return { ...real, default: Object.assign(fastify, real.default) };
});

type Access = 'public' | readonly Role[];

const everyone: Role[] = ['admin', 'officer', 'auditor', 'scrutiny'];
const officers: Role[] = ['officer'];
const admins: Role[] = ['admin'];
const entities = 'organisations|areas|communities|plans|activities|decisions|actions|health-check-cycles|voice-evaluations';

/**
 * Who may call what, by route pattern, stated here and not read from the routes' config:
 * a route whose config disagrees fails, and a route no pattern covers fails too.
 */
const expectations: { method: string; pattern: RegExp; access: Access; why: string; browserForm?: true }[] = [
  { method: 'GET', pattern: /^\/(health(\/live|\/ready)?|openapi\.json|docs(\/.*)?)$/, access: 'public', why: 'the probes, the OpenAPI document and the docs are public' },
  { method: 'GET', pattern: /^\/metrics$/, access: ['metrics', 'admin'], why: 'metrics are for the scraper’s `metrics` token (which reads nothing else) and administrators' },
  { method: 'GET', pattern: new RegExp(`^/v1/(${entities})/:\\w+(/submissions/:\\w+)?(/events)?$`), access: everyone, why: 'every role reads entities and their history' },
  { method: 'GET', pattern: /^\/v1\/events$/, access: ['auditor', 'admin'], why: 'the whole log is for auditors' },
  { method: 'GET', pattern: /^\/v1\/trace\/(decisions|activities)\/:\w+$/, access: everyone, why: 'every role reads the audit trace, as it reads entity histories' },
  {
    method: 'GET',
    pattern: /^\/v1\/(projections|influence\/\w+|feedback-loop|lawful-consultation|health-check\/[\w-]+|duplication\/\w+|action-plans\/\w+|calendar)$/,
    access: everyone,
    why: 'read models are for panels, auditors and officers alike',
  },
  { method: 'GET', pattern: /^\/v1\/integrity$/, access: ['auditor', 'admin'], why: 'verifying the whole log reads all of it: auditors and administrators' },
  { method: 'GET', pattern: /^\/v1\/integrity\/checkpoints$/, access: ['auditor', 'admin', 'scrutiny'], why: 'signed checkpoints are for whoever audits the ledger' },
  { method: 'POST', pattern: /^\/v1\/integrity\/checkpoints$/, access: ['admin', 'auditor'], why: 'administrators and auditors may have the ledger sign its head' },
  { method: 'GET', pattern: /^\/v1\/integrity\/public-key$/, access: 'public', why: 'anyone must be able to check the ledger’s signed statements' },
  { method: 'POST', pattern: /^\/v1\/integrity\/checkpoints\/check$/, access: ['auditor', 'admin'], why: 'checking a kept statement reads the log up to it' },
  { method: 'GET', pattern: /^\/v1\/integrity\/proofs\/(inclusion|consistency)$/, access: ['auditor', 'admin'], why: 'proofs of any event are for auditors; the public site proves only what it shows' },
  { method: 'GET', pattern: /^\/v1\/integrity\/(tree-head|verifier\.js)$/, access: 'public', why: 'anyone must be able to check an event against a signed tree head' },
  { method: 'GET', pattern: /^\/v1\/credentials$/, access: admins, why: 'credentials are the administrator’s' },
  { method: 'POST', pattern: /^\/v1\/credentials$/, access: admins, why: 'credentials are the administrator’s' },
  { method: 'POST', pattern: /^\/v1\/credentials\/:credentialId\/revoke$/, access: admins, why: 'revoking a credential is the administrator’s' },
  { method: 'POST', pattern: /^\/v1\/subjects\/:subjectId\/erasure$/, access: admins, why: 'erasing a data subject is the administrator’s (SECURITY.md)' },
  { method: 'POST', pattern: /^\/v1\/(organisations|areas|communities)(\/.*)?$/, access: admins, why: 'reference data is the administrator’s' },
  { method: 'POST', pattern: /^\/v1\/health-check-cycles$/, access: admins, why: 'the partnership opens health-check cycles' },
  { method: 'POST', pattern: /^\/v1\/health-check-cycles\/:cycleId\/submissions$/, access: officers, why: 'an organisation submits its own health check' },
  {
    method: 'POST',
    pattern: /^\/v1\/(activities|plans|decisions|actions|voice-evaluations)(\/.*)?$/,
    access: officers,
    why: 'officers write engagement records',
  },
  {
    method: 'GET',
    pattern: /^\/pages(\/(?!login$|assets\/|vendor\/).*)?$/,
    access: ['scrutiny', 'auditor', 'admin'],
    why: 'the scrutiny pages are for panels, auditors and administrators; officers use the API',
  },
  { method: 'GET', pattern: /^\/pages\/(login|assets\/\*|vendor\/\*)$/, access: 'public', why: 'the sign-in form and the pages’ styles and scripts' },
  { method: 'POST', pattern: /^\/pages\/(login|logout)$/, access: 'public', why: 'signing in and out of the pages' },
  { method: 'GET', pattern: /^\/v1\/identities$/, access: admins, why: 'mapping identities of the identity provider is the administrator’s' },
  { method: 'POST', pattern: /^\/v1\/identities(\/:mappingId\/unmap)?$/, access: admins, why: 'mapping identities of the identity provider is the administrator’s' },
  { method: 'GET', pattern: /^\/(assets\/govuk\/(frontend\/)?\*|workbench\/assets\/\*)$/, access: 'public', why: 'GOV.UK Frontend’s and the workbench’s styles and scripts' },
  { method: 'GET', pattern: /^\/workbench\/sign-in(\/provider|\/callback)?$/, access: 'public', why: 'signing in to the workbench, with the identity provider or a token' },
  { method: 'POST', pattern: /^\/workbench\/sign-(in|out)$/, access: 'public', why: 'signing in to the workbench with a token, and out' },
  {
    method: 'GET',
    pattern: /^\/workbench(\/(?!sign-in|assets\/).*)?$/,
    access: officers,
    why: 'the workbench is the officers’: their desk, records and forms',
  },
  {
    method: 'POST',
    pattern: /^\/workbench\/(?!sign-).+$/,
    access: officers,
    browserForm: true,
    why: 'officers record through the workbench’s forms, which a session may send (from our own pages, with its form token)',
  },
  {
    method: 'GET',
    pattern: /^\/(consultations(\.ics|\/:id)?|decisions(\/:id)?|(areas|communities|organisations)\/:id|open-data|accessibility|feeds\/(consultations|outcomes)\.atom|(proofs|verify)\/:position|assets\/public\/\*)?$/,
    access: 'public',
    why: 'the public site: residents read what is published, with no sign-in',
  },
];

function expectationFor(route: RegisteredRoute) {
  const matches = expectations.filter((e) => e.method === route.method && e.pattern.test(route.url));
  return matches.length === 1 ? matches[0] : undefined;
}

const ledger = await ledgerForThisFile();
// A `metrics` token calls every route too: it may read /metrics and nothing else.
const tokens: [Role, string][] = await Promise.all(
  [...everyone, 'metrics' as const].map(async (role): Promise<[Role, string]> => [role, role === 'admin' ? ledger.adminToken : await ledger.tokenFor(role, role === 'officer' ? 'halton-council' : undefined)]),
);
const routes = [...registered];
/** Each token's browser session, opened as the sign-in form opens one (officers' too: the role check must still refuse them). */
const cookies = new Map(await Promise.all(tokens.map(async ([, token]) => [token, await ledger.sessionCookie(token)] as const)));

/** How a request is sent: the credential as a bearer token or a session cookie; a read model as JSON or CSV. */
interface Variant {
  name: string;
  cookie?: boolean;
  query?: string;
  headers?: Record<string, string>;
  csv?: boolean;
}

const BEARER: Variant = { name: 'bearer' };
const COOKIE: Variant = { name: 'session cookie', cookie: true };
const CSV_VARIANTS: Variant[] = [
  { name: '?format=csv', query: 'format=csv', csv: true },
  { name: 'Accept: text/csv', headers: { accept: 'text/csv' }, csv: true },
];
const readModel = /^\/v1\/(influence\/\w+|feedback-loop|lawful-consultation|health-check\/[\w-]+|duplication\/\w+|action-plans\/\w+|calendar)$/;

function variantsFor(route: RegisteredRoute): Variant[] {
  return [BEARER, COOKIE, ...(route.method === 'GET' && readModel.test(route.url) ? CSV_VARIANTS : [])];
}

/** What went wrong for one caller on one route, or null. */
async function mismatch(route: RegisteredRoute, access: Access, role: Role | null, token: string | undefined, variant: Variant, browserForm = false): Promise<string | null> {
  const body = route.method === 'POST' ? {} : undefined;
  const path = requestPath(route.url) + (variant.query ? `?${variant.query}` : '');
  const headers = { ...variant.headers, ...(variant.cookie && token ? { cookie: cookies.get(token) as string } : {}) };
  const reply = await ledger.call(route.method, path, { token: variant.cookie ? undefined : token, body, headers });
  const code: unknown = reply.body?.error?.code;
  const who = `${role ?? 'no token'} (${variant.name})`;
  if (reply.status >= 500) return `${who}: ${reply.status} ${String(code)}`;
  // Signing out with a live session also needs that session's form token (403 FORM_TOKEN_INVALID without it): a check of the form, not of a role.
  if (access === 'public') return (reply.status === 401 || reply.status === 403) && code !== 'FORM_TOKEN_INVALID' ? `${who}: ${reply.status} on a public route` : null;
  // A browser sends its cookie by itself, so a cookie is a credential for reads only, and for the
  // workbench's own forms (which then also need the session's form token: 403 FORM_TOKEN_INVALID without it).
  const credential = role !== null && !(variant.cookie && route.method !== 'GET' && !browserForm);
  if (!credential) return reply.status === 401 && code === 'UNAUTHENTICATED' ? null : `${who}: ${reply.status} ${String(code)}, expected 401`;
  const allowed = access.includes(role as Role);
  const refused = reply.status === 403 && code === 'ROLE_NOT_ALLOWED';
  if (allowed && (refused || reply.status === 401)) return `${who}: refused (${reply.status} ${String(code)}) but should be allowed`;
  if (!allowed && !refused) return `${who}: ${reply.status} ${String(code)}, expected 403 ROLE_NOT_ALLOWED`;
  if (allowed && variant.csv && !(reply.status === 200 && reply.headers.get('content-type')?.startsWith('text/csv'))) {
    return `${who}: ${reply.status} ${reply.headers.get('content-type')}, expected CSV`;
  }
  return null;
}

describe('the role × route table', () => {
  it('sees every route of the OpenAPI document, and the undocumented public ones', async () => {
    const doc = await ledger.call('GET', '/openapi.json');
    const seen = new Set(routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    const documented = Object.entries(doc.body.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.length).toBeGreaterThan(50);
    expect(documented.filter((route) => !seen.has(route))).toEqual([]);
    expect([...seen]).toEqual(expect.arrayContaining(['GET /health', 'GET /health/live', 'GET /health/ready', 'GET /metrics', 'GET /openapi.json', 'GET /docs']));
  });

  it('asks every read model as CSV too', () => {
    const csv = routes.filter((route) => route.method === 'GET' && readModel.test(route.url));
    expect(csv.length).toBeGreaterThanOrEqual(12);
  });

  it('has exactly one expectation for every route', () => {
    const uncovered = routes.filter((route) => expectationFor(route) === undefined).map((r) => `${r.method} ${r.url}`);
    expect(uncovered).toEqual([]);
  });

  it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', async (_name, route) => {
    const expectation = expectationFor(route);
    if (!expectation) return; // reported by the test above
    const callers: [Role | null, string | undefined][] = [...tokens, [null, undefined]];
    const asked = variantsFor(route).flatMap((variant) => callers.map(([role, token]) => mismatch(route, expectation.access, role, token, variant, expectation.browserForm)));
    const problems = await Promise.all(asked);
    expect(problems.filter(Boolean), expectation.why).toEqual([]);
  });
});
