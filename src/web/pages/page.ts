// One page route: GET, the page roles, hidden from the OpenAPI document, rendered with the layout.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_ROLES } from '../session.js';

export interface PageData extends Record<string, unknown> {
  title: string;
}

/** The navigation, in the order the layout lists it. */
export const navigation = [
  { key: 'dashboard', href: '/pages', label: 'Dashboard' },
  { key: 'influence', href: '/pages/influence', label: 'Evidence of influence' },
  { key: 'health-check', href: '/pages/health-check', label: 'Health check' },
  { key: 'duplication', href: '/pages/duplication', label: 'Duplication' },
  { key: 'actions', href: '/pages/actions', label: 'Action tracker' },
  { key: 'calendar', href: '/pages/calendar', label: 'Calendar' },
] as const;

export function page(
  app: FastifyInstance,
  url: string,
  template: string,
  current: string,
  load: (request: FastifyRequest) => Promise<PageData>,
): void {
  app.get(url, { config: { roles: PAGE_ROLES }, schema: { hide: true } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const data = await load(request);
    return reply.header('cache-control', 'no-store').view(template, { ...data, actor: request.actor, current, navigation, path: request.url });
  });
}

/** JSON for a <script type="application/json"> block: never able to close the element early. */
export const jsonForScript = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
