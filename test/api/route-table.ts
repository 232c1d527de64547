// Every route the server registers, as fastify announces them: an onRoute hook on the
// real instance, installed by wrapping fastify's factory (see roles.test.ts), so no route
// can be missed by a hand-kept list.

import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

export const registered: RegisteredRoute[] = [];

export function observeRoutes(app: FastifyInstance): FastifyInstance {
  app.addHook('onRoute', (route) => {
    // HEAD routes are fastify's copies of the GETs, with the same config.
    for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push({ method, url: route.url });
  });
  return app;
}

/** A request path for a route: each id an entity that does not exist, a wildcard a file that does. */
export function requestPath(url: string): string {
  return url.replace(/:[A-Za-z]+/g, 'nowhere').replace(/\*$/, 'index.html');
}
