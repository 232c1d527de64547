// Bearer-token (or, for reads, session-cookie) authentication and role checks, declared per route:
//   config: { roles: ['officer'] }  or  config: { public: true }

import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, Role } from '../domain/actor.js';
import type { Credentials } from '../credentials/credentials.js';
import { ApiError } from './errors.js';

export type AuthenticatedActor = Actor & { credentialId: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles that may call the route. */
    roles?: readonly Role[];
    /** No credential needed (docs, health). */
    public?: boolean;
  }
  interface FastifyRequest {
    actor: AuthenticatedActor | null;
  }
}

export const ALL_ROLES: readonly Role[] = ['admin', 'officer', 'auditor', 'scrutiny'];
/** Reference data (organisations, areas, communities, health-check cycles) and credentials. */
export const ADMIN: readonly Role[] = ['admin'];

/** The scrutiny pages' session cookie: it holds the token itself (src/web/session.ts says why). */
export const SESSION_COOKIE = 'ledger_session';

/**
 * The token in the session cookie, for reads only: a browser sends cookies on its own, so a
 * cookie never authorises a write (no cross-site request can forge one, whatever SameSite does).
 */
function sessionToken(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  return request.cookies?.[SESSION_COOKIE] || undefined;
}

export function registerAuthentication(app: FastifyInstance, credentials: Credentials): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Unknown routes fall through to the 404 handler without asking for a token.
    if (config.public || !request.routeOptions.url) return;
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    const token = bearer ?? sessionToken(request);
    if (!token) throw new ApiError(401, 'UNAUTHENTICATED', 'send a bearer token: Authorization: Bearer <token>');
    const actor = credentials.authenticate(token);
    if (!actor) throw new ApiError(401, 'UNAUTHENTICATED', `the ${bearer ? 'bearer token' : 'session'} is not recognised`);
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
