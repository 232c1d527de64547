// One error shape everywhere: { error: { code, message, details } }.
// Client mistakes get 4xx with what to fix; anything else is a 500 that says
// nothing about the inside (no stack, no SQL) and is logged with the request id.
// What each error means over HTTP lives in src/http/errors.ts, shared with the pages.

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { errorReply } from '../http/errors.js';
import { StoreUnavailable } from '../store/errors.js';

export { ApiError, errorReply, type ErrorBody } from '../http/errors.js';

function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const [status, { error: body }] = errorReply(error);
  // Refusals are logged once, on the request's completion line with their code (src/observability/http.ts).
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  if (status === 401) reply.header('www-authenticate', 'Bearer');
  if (error instanceof StoreUnavailable) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.status(status).send({ error: { ...body, details: { ...body.details, requestId: request.id } } });
}

/**
 * Server options for what fastify answers before any route or error handler runs: URLs its
 * router refuses (bad percent-encoding, an over-long segment), and requests node's HTTP
 * parser refuses (malformed request lines or headers). Both answer in the one shape.
 */
export const frameworkErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (error, request, reply) => {
    sendError(error, request, reply);
  },
  clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
    // A reset connection has nobody left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'REQUEST_TIMEOUT'] : error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'HEADERS_TOO_LARGE'] : [400, 'MALFORMED_REQUEST'];
    const body = JSON.stringify({ error: { code, message: 'the request is not well-formed HTTP', details: {} } });
    if (socket.writable) {
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy(error);
  },
};

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => sendError(error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}`, details: {} } }),
  );
}
