// Every request, once it is answered: one log line and its metrics. The line names who asked
// (credential id, actor, role, organisation; never the token) and, for a refusal, the error
// code; 401, 403 and 429 at warn, so refusals stand out; probes and scrapes at debug, so an
// orchestrator's polling does not drown the log. Only the path is logged, never the query
// string (a search filter can hold anything) nor a header or a body.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerMetrics } from './metrics.js';

const QUIET_ROUTES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);
const WARN_STATUSES = new Set([401, 403, 429]);
/** Error bodies are small; a larger 4xx payload is not ours to parse. */
const MAX_ERROR_BODY = 64 * 1024;

function errorCodeOf(payload: unknown): string | undefined {
  if (typeof payload !== 'string' || payload.length > MAX_ERROR_BODY || !payload.startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(payload) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function observeRequests(app: FastifyInstance, metrics: LedgerMetrics): void {
  const codes = new WeakMap<FastifyRequest, string>();
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400) {
      const code = errorCodeOf(payload);
      if (code) codes.set(request, code);
    }
    return payload;
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    const code = codes.get(request);
    const replayed = reply.getHeader('idempotent-replayed') === 'true';
    metrics.requestCompleted({ method: request.method, route, status, seconds, replayed, ...(code ? { errorCode: code } : {}) });

    const actor = request.actor;
    const line = {
      method: request.method,
      route,
      path: request.url.split('?')[0],
      status,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(actor ? { credentialId: actor.credentialId, actor: actor.id, role: actor.role, organisation: actor.organisationId } : {}),
      ...(code ? { code } : {}),
      ...(replayed ? { replayed } : {}),
    };
    if (status >= 500) request.log.error(line, 'request failed');
    else if (WARN_STATUSES.has(status)) request.log.warn(line, `request refused: ${code ?? status}`);
    else if (QUIET_ROUTES.has(route)) request.log.debug(line, 'request completed');
    else request.log.info(line, 'request completed');
  });
}
