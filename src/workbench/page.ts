// What every workbench page shares: who is signed in, the session's form token, the menu, and
// rendering through the workbench's own templates.

import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';
import type { AuthenticatedActor } from '../credentials/credentials.js';
import type { Sessions } from '../sessions/sessions.js';

export const navigation = [
  { key: 'desk', label: 'Your desk', href: '/workbench' },
  { key: 'activities', label: 'Plan a consultation', href: '/workbench/activities/new' },
  { key: 'decisions', label: 'Record a decision', href: '/workbench/decisions/new' },
  { key: 'plans', label: 'Adopt a plan', href: '/workbench/plans/new' },
  { key: 'actions', label: 'Plan an action', href: '/workbench/actions/new' },
  { key: 'health-checks', label: 'Health check', href: '/workbench/health-checks/new' },
  { key: 'voice-evaluations', label: 'VOiCE evaluation', href: '/workbench/voice-evaluations/new' },
];

/** The signed-in officer as pages name them: an identity's subject is long, so the part after the provider. */
export function officerOf(request: FastifyRequest): AuthenticatedActor & { name: string } {
  // Set by the authentication every route but sign-in passes through (src/api/auth.ts registers it on the server).
  const actor = request.actor;
  if (!actor) throw new ApiError(401, 'UNAUTHENTICATED', 'sign in to the workbench');
  // `oidc:<provider host[:port]>:<subject>`: people know themselves by their subject, not the provider's host.
  const name = /^oidc:[^:]+(?::\d+)?:(.+)$/.exec(actor.id)?.[1] ?? actor.id;
  return { ...actor, name };
}

/** Render a workbench template with what every page shows. */
export function page(request: FastifyRequest, reply: FastifyReply, sessions: Sessions, template: string, data: Record<string, unknown>, status = 200) {
  const officer = request.actor ? officerOf(request) : null;
  const formToken = request.session ? sessions.formToken(request.session) : '';
  return reply.status(status).view(template, { officer, formToken, navigation, current: '', ...data });
}

/** Dates as people read them: 15 March 2026. */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A moment as people read it: 15 March 2026, 14:05 UTC. */
export function longTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${longDate(iso)}, ${date.toISOString().slice(11, 16)} UTC`;
}
