// Who is calling, and may they: a bearer token (src/credentials) or, for reads and a browser
// face's own forms only, a browser session (src/sessions). Roles are declared per route:
//   config: { roles: ['officer'] }  or  config: { public: true }
// One indexed lookup per request: the token's hash in the credentials, or the session id's hash
// in the sessions; "last used" and "last seen" are written at most once a minute.

import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Authentication, AuthenticatedActor, Credentials, Refusal } from '../credentials/credentials.js';
import type { Role } from '../domain/actor.js';
import type { SessionRecord } from '../sessions/port.js';
import type { SessionRefusal, Sessions } from '../sessions/sessions.js';
import { ApiError } from './errors.js';
import { assertSameOrigin } from '../http/same-origin.js';
import { FORM_TOKEN_FIELD, sessionCookieName } from '../sessions/cookie.js';

export { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName } from '../sessions/cookie.js';

export type { AuthenticatedActor } from '../credentials/credentials.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route. */
    roles?: readonly Role[];
    /** No credential needed (docs, health). */
    public?: boolean;
    /**
     * A form of a browser face (the officers' workbench): a session cookie may authorise its
     * POST, when the request comes from the ledger's own pages (Origin, Sec-Fetch-Site) and its
     * body carries the session's form token. Everywhere else a cookie authorises reads only.
     */
    browserForm?: boolean;
  }
  interface FastifyRequest {
    actor: AuthenticatedActor | null;
    /** The browser session that authenticated the request, when a cookie did. */
    session: SessionRecord | null;
  }
}

export const ALL_ROLES: readonly Role[] = ['admin', 'officer', 'auditor', 'scrutiny'];
/** Reference data (organisations, areas, communities, health-check cycles) and credentials. */
export const ADMIN: readonly Role[] = ['admin'];

const REFUSALS: Record<Refusal | SessionRefusal, string> = {
  UNAUTHENTICATED: 'is not recognised',
  CREDENTIAL_REVOKED: 'was revoked: ask your administrator for a new one',
  CREDENTIAL_EXPIRED: 'has expired: ask your administrator for a new one',
  SESSION_EXPIRED: 'has expired: sign in again',
};

export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

const identified = new WeakMap<FastifyRequest, Promise<Authentication>>();

/**
 * The bearer token's credential, looked up once per request however often it is asked
 * (the rate limiter asks before authentication does). Undefined without a bearer token.
 */
export function identifyBearer(request: FastifyRequest, credentials: Credentials): Promise<Authentication> | undefined {
  const token = bearerTokenOf(request);
  if (token === undefined) return undefined;
  let found = identified.get(request);
  if (!found) {
    found = credentials.identify(token);
    identified.set(request, found);
  }
  return found;
}

const isRead = (request: FastifyRequest): boolean => request.method === 'GET' || request.method === 'HEAD';

/**
 * The session cookie, for reads: a browser sends cookies on its own, so a cookie never
 * authorises an API write (no cross-site request can forge one, whatever SameSite does). The
 * one exception is a browser face's own form (`browserForm`), posted from our own pages and,
 * once its body is read, holding the session's form token (checked below, before the handler).
 */
function sessionIdOf(request: FastifyRequest): string | undefined {
  if (!isRead(request)) {
    if (!request.routeOptions.config.browserForm) return undefined;
    assertSameOrigin(request);
  }
  return request.cookies?.[sessionCookieName(request)] || undefined;
}

/** A form field's value: a string in a urlencoded body, `{ value }` in a multipart one. */
function formField(body: unknown, name: string): unknown {
  const field = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof field === 'object' && field !== null && 'value' in field ? (field as { value: unknown }).value : field;
}

async function authenticate(request: FastifyRequest, credentials: Credentials, sessions: Sessions | undefined): Promise<AuthenticatedActor> {
  const bearer = identifyBearer(request, credentials);
  if (bearer) {
    const result = await bearer;
    if (!result.ok) throw new ApiError(401, result.refusal, `the bearer token ${REFUSALS[result.refusal]}`, result.credentialId ? { credentialId: result.credentialId } : {});
    // "Last used" is bookkeeping: failing to write it must not refuse a good request.
    await credentials.recordUse(result.credential).catch((error: unknown) => request.log.warn({ err: error }, 'could not record a credential’s last use'));
    return result.actor;
  }
  const sessionId = sessionIdOf(request);
  if (!sessionId || !sessions) throw new ApiError(401, 'UNAUTHENTICATED', 'send a bearer token: Authorization: Bearer <token>');
  const resolved = await sessions.resolve(sessionId);
  if (!resolved.ok) throw new ApiError(401, resolved.refusal, `the session ${REFUSALS[resolved.refusal]}`);
  const { session } = resolved;
  request.session = session;
  return { id: session.actorId, role: session.role, organisationId: session.organisationId, credentialId: session.credentialId };
}

export function registerAuthentication(app: FastifyInstance, credentials: Credentials, sessions?: Sessions): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 handler without asking for a token.
    if (config.public || !request.routeOptions.url) return;
    const actor = await authenticate(request, credentials, sessions);
    request.actor = actor;
    const roles = config.roles ?? [];
    if (!roles.includes(actor.role)) {
      throw new ApiError(403, 'ROLE_NOT_ALLOWED', `a ${actor.role} may not ${request.method} ${request.routeOptions.url}`, { role: actor.role, allowed: roles });
    }
  });
  // A browser form's write authorised by a session: the body (multipart ones included, which are
  // read in preValidation) must carry that session's form token, which no other site can know.
  app.addHook('preHandler', async (request) => {
    if (!request.session || isRead(request) || !request.routeOptions.config.browserForm || !sessions) return;
    if (!sessions.checkFormToken(request.session, formField(request.body, FORM_TOKEN_FIELD))) {
      throw new ApiError(403, 'FORM_TOKEN_INVALID', 'the form is not from this session’s own page: open the form again and send it from there');
    }
  });
}

/** The authenticated actor; routes only run after the hook above, so it is always there. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  if (!request.actor) throw new ApiError(401, 'UNAUTHENTICATED', 'not authenticated');
  return request.actor;
}
