// Who is calling, and may they: a bearer token (src/credentials) or, for reads only, a browser
// session (src/sessions). Roles are declared per route:
//   config: { roles: ['officer'] }  or  config: { public: true }
// One indexed lookup per request: the token's hash in the credentials, or the session id's hash
// in the sessions; "last used" and "last seen" are written at most once a minute.

import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../sessions/cookie.js';
import type { Authentication, AuthenticatedActor, Credentials, Refusal } from '../credentials/credentials.js';
import type { Role } from '../domain/actor.js';
import type { SessionRecord } from '../sessions/port.js';
import type { SessionRefusal, Sessions } from '../sessions/sessions.js';
import { ApiError } from './errors.js';

export type { AuthenticatedActor } from '../credentials/credentials.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route. */
    roles?: readonly Role[];
    /** No credential needed (docs, health). */
    public?: boolean;
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

export { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName } from '../sessions/cookie.js';

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

/**
 * The session cookie, for reads only: a browser sends cookies on its own, so a cookie never
 * authorises a write (no cross-site request can forge one, whatever SameSite does).
 */
function sessionIdOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  return request.cookies?.[sessionCookieName(request)] || undefined;
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
}

/** The authenticated actor; routes only run after the hook above, so it is always there. */
export function actorOf(request: FastifyRequest): AuthenticatedActor {
  if (!request.actor) throw new ApiError(401, 'UNAUTHENTICATED', 'not authenticated');
  return request.actor;
}
