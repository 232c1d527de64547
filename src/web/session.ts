// Logging in to the scrutiny pages: a form posts a token; a good one for a page role becomes an
// HttpOnly, SameSite=Strict cookie holding the token itself.
//
// Why the token and not a server-side session id: the server keeps only each token's hash, so a
// cookie is checked exactly as a bearer header is (one code path, src/api/auth.ts); revoking the
// credential ends every browser session at once; nothing is lost on restart and any number of
// server processes accept it. The cookie is never readable by scripts (HttpOnly), never sent
// cross-site (SameSite=Strict), Secure over https, and src/api/auth.ts honours it for GET and HEAD
// only, so it can read pages and CSV but never write.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE } from '../api/auth.js';
import type { Credentials } from '../credentials/credentials.js';
import type { Role } from '../domain/actor.js';

/** Who may open the pages: panels and auditors read; officers record through the API. */
export const PAGE_ROLES: readonly Role[] = ['scrutiny', 'auditor', 'admin'];

/** A working day; the browser forgets it sooner if it is closed. */
const SESSION_SECONDS = 8 * 60 * 60;

const loginForm = z.object({
  token: z.string().trim().min(1, 'enter your token').max(200),
  next: z.string().optional(),
});

/** Only back to a page of ours: never an open redirect. */
function safeNext(next: string | undefined): string {
  return next !== undefined && /^\/pages(\/[\w\-/.]*)?(\?[\w\-=&%.+]*)?$/.test(next) ? next : '/pages';
}

function cookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' } as const;
}

function loginPage(reply: FastifyReply, status: number, data: { next: string; error?: string }) {
  return reply.status(status).view('login', { title: 'Sign in', actor: null, current: 'login', ...data });
}

export function sessionRoutes(app: FastifyInstance, credentials: Credentials): void {
  const open = { config: { public: true }, schema: { hide: true } };

  app.get('/pages/login', open, async (request, reply) => {
    const { next } = (request.query ?? {}) as { next?: string };
    return loginPage(reply, 200, { next: safeNext(next) });
  });

  app.post('/pages/login', open, async (request, reply) => {
    const form = loginForm.safeParse(request.body ?? {});
    const next = safeNext(typeof (request.body as { next?: unknown })?.next === 'string' ? (request.body as { next: string }).next : undefined);
    if (!form.success) return loginPage(reply, 400, { next, error: `token: ${form.error.issues[0]?.message ?? 'required'}` });
    const actor = credentials.authenticate(form.data.token);
    if (!actor) return loginPage(reply, 401, { next, error: 'That token is not recognised. Check it and try again.' });
    if (!PAGE_ROLES.includes(actor.role)) {
      return loginPage(reply, 403, { next, error: `A ${actor.role} token cannot open these pages: they are for scrutiny panels, auditors and administrators.` });
    }
    reply.setCookie(SESSION_COOKIE, form.data.token, { ...cookieOptions(request), maxAge: SESSION_SECONDS });
    return reply.redirect(next, 303);
  });

  app.post('/pages/logout', open, async (request, reply) => {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    return reply.redirect('/pages/login', 303);
  });
}
