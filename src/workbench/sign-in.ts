// Signing in to the workbench: with the council's identity provider (OpenID Connect, when
// OIDC_ISSUER is configured), or with a token (development, and people without an identity at
// the provider). Either way a server-side session opens (src/sessions): the cookie holds its
// random id. A session opened through the provider has no credential; it stands for the
// identity, `oidc:<provider host>:<subject>`, which is who the log says recorded each event.
//
// The provider sends the browser back from another site, so the round trip's own cookie is
// SameSite=Lax, and the session cookie (Strict) is set on a page of ours that then moves on by
// itself: a Strict cookie set in a redirect chain that began elsewhere would not be sent.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../domain/actor.js';
import { assertSameOrigin } from '../http/same-origin.js';
import { ApiError } from '../http/errors.js';
import { FORM_TOKEN_FIELD, sessionCookieName, sessionCookieOptions } from '../sessions/cookie.js';
import { oidcActorId } from '../identity/identities.js';
import { SignInFailed } from '../identity/oidc.js';
import type { WorkbenchDeps } from './deps.js';
import { postedFields } from './forms/fields.js';
import { page } from './page.js';

const FLOW_COOKIE = 'ledger_oidc';
const SECURE_FLOW_COOKIE = '__Host-ledger_oidc';

const tokenForm = z.object({ token: z.string().trim().min(1).max(200), next: z.string().optional() });

const flowCookieName = (request: FastifyRequest): string => (request.protocol === 'https' ? SECURE_FLOW_COOKIE : FLOW_COOKIE);
const flowCookieOptions = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' }) as const;

/** Only back to a page of the workbench: never an open redirect. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/workbench(\/[\w\-/.]*)?(\?[\w\-=&%.+]*)?$/.test(next) ? next : '/workbench';
}

/** Where the provider sends the browser back: registered with the provider as the client's redirect URI. */
export function redirectUri(request: FastifyRequest, publicUrl: string | undefined): string {
  return `${publicUrl ?? `${request.protocol}://${request.host}`}/workbench/sign-in/callback`;
}

/** Officers go to the workbench; panels, auditors and administrators to the scrutiny pages. */
const landingFor = (actor: Actor, next: string): string => (actor.role === 'officer' ? next : '/pages');

export interface SignInOptions {
  /** Whom someone refused should ask for access (ADMIN_CONTACT). */
  adminContact?: string | undefined;
}

export function signInRoutes(app: FastifyInstance, deps: WorkbenchDeps, options: SignInOptions = {}): void {
  const open = { config: { public: true }, schema: { hide: true } };
  const signInPage = (request: FastifyRequest, reply: FastifyReply, status: number, data: { next: string; error?: string; tokenError?: boolean }) =>
    page(request, reply, deps.sessions, 'sign-in', { title: 'Sign in', officer: null, provider: deps.oidc !== null, ...data }, status);

  /** Open a session for whoever signed in, replacing the one this browser had. */
  async function openSession(request: FastifyRequest, reply: FastifyReply, actor: Actor, credential: { id: string; expiresAt: string | null } | null) {
    const name = sessionCookieName(request);
    const previous = request.cookies?.[name];
    if (previous) await deps.sessions.end(previous);
    const opened = await deps.sessions.open({ actor, credentialId: credential?.id ?? null, notAfter: credential?.expiresAt ?? null });
    reply.setCookie(name, opened.id, { ...sessionCookieOptions(request), maxAge: opened.maxAgeSeconds });
  }

  app.get('/workbench/sign-in', open, async (request, reply) => {
    const { next } = (request.query ?? {}) as { next?: string };
    return signInPage(request, reply, 200, { next: safeNext(next) });
  });

  app.get('/workbench/sign-in/provider', open, async (request, reply) => {
    if (!deps.oidc) throw new ApiError(404, 'SIGN_IN_PROVIDER_NOT_CONFIGURED', 'no identity provider is configured (OIDC_ISSUER): sign in with a token');
    const { next } = (request.query ?? {}) as { next?: string };
    try {
      const started = await deps.oidc.start(redirectUri(request, deps.publicUrl), safeNext(next));
      reply.setCookie(flowCookieName(request), started.flowId, { ...flowCookieOptions(request), maxAge: started.maxAgeSeconds });
      return reply.redirect(started.url.href, 303);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      request.log.warn({ code: error.code, err: error }, 'sign-in with the identity provider could not start');
      return signInPage(request, reply, 503, { next: safeNext(next), error: 'The identity provider cannot be reached just now. Try again in a few minutes.' });
    }
  });

  app.get('/workbench/sign-in/callback', open, async (request, reply) => {
    if (!deps.oidc) throw new ApiError(404, 'SIGN_IN_PROVIDER_NOT_CONFIGURED', 'no identity provider is configured (OIDC_ISSUER)');
    const flowId = request.cookies?.[flowCookieName(request)];
    reply.clearCookie(flowCookieName(request), flowCookieOptions(request));
    const uri = redirectUri(request, deps.publicUrl);
    let finished: Awaited<ReturnType<NonNullable<WorkbenchDeps['oidc']>['finish']>>;
    try {
      finished = await deps.oidc.finish(flowId, new URL(request.url, uri), uri);
    } catch (error) {
      if (!(error instanceof SignInFailed)) throw error;
      request.log.warn({ code: error.code, reason: error.message }, 'sign-in with the identity provider refused');
      // 400: the request that came back is not a sign-in this browser can finish (401 would ask for a credential it has none of).
      return signInPage(request, reply, error.code === 'PROVIDER_UNAVAILABLE' ? 503 : 400, { next: '/workbench', error: `Not signed in: ${error.message}.` });
    }
    const recognised = await deps.identities.recognise(finished.claims);
    if (!recognised.ok) {
      request.log.warn({ code: recognised.refusal, actor: oidcActorId(finished.claims.issuer, finished.claims.subject) }, 'an identity nobody mapped tried to sign in');
      return page(
        request,
        reply,
        deps.sessions,
        'not-mapped',
        { title: 'You cannot use the workbench yet', officer: null, claims: finished.claims, adminContact: options.adminContact },
        403,
      );
    }
    await openSession(request, reply, recognised.actor, null);
    const landing = landingFor(recognised.actor, finished.next);
    return page(request, reply, deps.sessions, 'signed-in', { title: 'Signed in', officer: null, landing, refresh: landing });
  });

  app.post('/workbench/sign-in', open, async (request, reply) => {
    assertSameOrigin(request);
    const body = postedFields(request.body) as Record<string, unknown>;
    const next = safeNext(body.next);
    const form = tokenForm.safeParse(body);
    if (!form.success) return signInPage(request, reply, 400, { next, error: 'Enter your token.', tokenError: true });
    const identified = await deps.credentials.authenticate(form.data.token);
    if (!identified.ok) return signInPage(request, reply, 401, { next, error: `That token is refused (${identified.refusal}). Ask your administrator for a new one.`, tokenError: true });
    const { actor, credential } = identified;
    if (actor.role !== 'officer') {
      return signInPage(request, reply, 403, { next, error: `A ${actor.role} token opens the scrutiny pages, not the workbench: sign in at /pages/login.`, tokenError: true });
    }
    await openSession(request, reply, actor, credential);
    return reply.redirect(next, 303);
  });

  app.post('/workbench/sign-out', open, async (request, reply) => {
    assertSameOrigin(request);
    const name = sessionCookieName(request);
    const id = request.cookies?.[name];
    if (id) {
      const resolved = await deps.sessions.resolve(id);
      if (resolved.ok) {
        const token = (request.body as Record<string, unknown> | undefined)?.[FORM_TOKEN_FIELD];
        if (!deps.sessions.checkFormToken(resolved.session, token)) {
          throw new ApiError(403, 'FORM_TOKEN_INVALID', 'the form is not from this session’s own page: sign out from the page');
        }
        await deps.sessions.end(id);
      }
    }
    reply.clearCookie(name, sessionCookieOptions(request));
    return reply.redirect('/workbench/sign-in', 303);
  });
}
