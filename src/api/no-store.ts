// Caches keep nothing a reader was given personally. Every answer to an authenticated request may
// carry personal data revealed for that reader (src/privacy/http.ts reveals on the way out, per
// role and organisation) or read-model figures meant for them; every CSV is a download that lands
// in a cache directory. One hook, so no route can forget: `Cache-Control: no-store` on all of them.
// A route that answers everyone alike and reads no credential (the public site) says so with
// `publicCache` and sets its own (src/http/public-cache.ts).

import type { FastifyInstance } from 'fastify';
import type {} from '../http/public-cache.js';

export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.config?.publicCache) return payload;
    const csv = String(reply.getHeader('content-type') ?? '').startsWith('text/csv');
    if (request.actor !== null || csv) reply.header('cache-control', 'no-store');
    return payload;
  });
}
