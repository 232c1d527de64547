// Signing in to the scrutiny pages, and out. The form posts a token; a good one for a page role
// opens a server-side session (src/sessions): the cookie holds the session's random id, never
// the token, and the server keeps only the id's hash and who it stands for. The session ends on
// sign-out, after 8 hours (1 hour idle), and when its credential is revoked.
//
// The cookie is HttpOnly, SameSite=Strict, Path=/; over https (directly or behind a trusted
// proxy: TRUST_PROXY) it is Secure and named __Host-ledger_session. src/api/auth.ts honours it
// for GET and HEAD only, so it reads pages and CSV and never writes. Both forms refuse a post
// from another site (Origin, Sec-Fetch-Site), and sign-out also needs the session's form token.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/errors.js';
import { assertSameOrigin } from '../http/same-origin.js';
import { FORM_TOKEN_FIELD, sessionCookieName, sessionCookieOptions } from '../sessions/cookie.js';
import type { Credentials, Refusal } from '../credentials/credentials.js';
import type { Role } from '../domain/actor.js';
import type { Sessions } from '../sessions/sessions.js';

declare module 'fastify' {
  interface FastifyReply {
    /** @fastify/view merges these into every template's data. */
    locals: Record<string, unknown> | null;
  }
}

/** Who may open the pages: panels and auditors read; officers record through the API. */
export const PAGE_ROLES: readonly Role[] = ['scrutiny', 'auditor', 'admin'];

const loginForm = z.object({
  token: z.string().trim().min(1, 'enter your token').max(200),
  next: z.string().optional(),
});

const REFUSED: Record<Refusal, string> = {
  UNAUTHENTICATED: 'That token is not recognised. Check it and try again.',
  CREDENTIAL_REVOKED: 'That token was revoked (CREDENTIAL_REVOKED). Ask your administrator for a new one.',
  CREDENTIAL_EXPIRED: 'That token has expired (CREDENTIAL_EXPIRED). Ask your administrator for a new one.',
};

/** Only back to a page of ours: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/pages(\/[\w\-/.]*)?(\?[\w\-=&%.+]*)?$/.test(next) ? next : '/pages';
}

function loginPage(reply: FastifyReply, status: number, data: { next: string; error?: string }) {
  return reply.status(status).view('login', { title: 'Sign in', actor: null, current: 'login', ...data });
}

export function sessionRoutes(app: FastifyInstance, deps: { credentials: Credentials; sessions: Sessions }): void {
  const { credentials, sessions } = deps;
  const open = { config: { public: true }, schema: { hide: true } };

  // A signed-in page's forms carry the session's form token (the layout's sign-out form now),
  // error pages included: a refusal by the role check skips preHandler, not onError.
  const exposeFormToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.session) reply.locals = { ...reply.locals, formToken: sessions.formToken(request.session) };
  };
  app.addHook('preHandler', exposeFormToken);
  app.addHook('onError', exposeFormToken);
  // The API's no-referrer makes a browser send "Origin: null" on our own forms; a browser without
  // Sec-Fetch-Site would then be refused by assertSameOrigin. same-origin still tells other sites nothing.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  app.get('/pages/login', open, async (request, reply) => {
    const { next } = (request.query ?? {}) as { next?: string };
    return loginPage(reply, 200, { next: safeNext(next) });
  });

  app.post('/pages/login', open, async (request, reply) => {
    assertSameOrigin(request);
    const form = loginForm.safeParse(request.body ?? {});
    const next = safeNext(typeof (request.body as { next?: unknown })?.next === 'string' ? (request.body as { next: string }).next : undefined);
    if (!form.success) return loginPage(reply, 400, { next, error: `token: ${form.error.issues[0]?.message ?? 'required'}` });
    const identified = await credentials.authenticate(form.data.token);
    if (!identified.ok) return loginPage(reply, 401, { next, error: REFUSED[identified.refusal] });
    const { actor, credential } = identified;
    if (!PAGE_ROLES.includes(actor.role)) {
      return loginPage(reply, 403, { next, error: `A ${actor.role} token cannot open these pages: they are for scrutiny panels, auditors and administrators.` });
    }
    // Signing in again replaces the session this browser had.
    const name = sessionCookieName(request);
    const previous = request.cookies?.[name];
    if (previous) await sessions.end(previous);
    const opened = await sessions.open({ actor, credentialId: credential.id, notAfter: credential.expiresAt });
    reply.setCookie(name, opened.id, { ...sessionCookieOptions(request), maxAge: opened.maxAgeSeconds });
    return reply.redirect(next, 303);
  });

  app.post('/pages/logout', open, async (request, reply) => {
    assertSameOrigin(request);
    const name = sessionCookieName(request);
    const id = request.cookies?.[name];
    if (id) {
      const resolved = await sessions.resolve(id);
      if (resolved.ok) {
        const token = (request.body as Record<string, unknown> | undefined)?.[FORM_TOKEN_FIELD];
        if (!sessions.checkFormToken(resolved.session, token)) {
          throw new ApiError(403, 'FORM_TOKEN_INVALID', 'the form is not from this session’s own page: sign out from the page');
        }
        await sessions.end(id);
      }
    }
    reply.clearCookie(name, sessionCookieOptions(request));
    return reply.redirect('/pages/login', 303);
  });
}
