// The session cookie, known to every face that reads or sets it (the API's authentication, the
// scrutiny pages' sign-in, the workbench): here, below all of them. It holds a random session
// id (./sessions.ts), never a token.

import type { FastifyRequest } from 'fastify';

/** The session cookie over plain http (a developer's localhost). It holds a session id, never a token. */
export const SESSION_COOKIE = 'ledger_session';
/** The session cookie over https: the prefix makes browsers take it only Secure, with Path=/ and no Domain, from this host. */
export const SECURE_SESSION_COOKIE = '__Host-ledger_session';

/** The name of the form field that carries the session's form token (Sessions.formToken). */
export const FORM_TOKEN_FIELD = 'formToken';

/** The cookie's name for this request: https (directly, or from a trusted proxy: TRUST_PROXY) gets the __Host- one. */
export const sessionCookieName = (request: FastifyRequest): string => (request.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

/** HttpOnly, SameSite=Strict, Path=/; Secure over https. */
export function sessionCookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' } as const;
}
