// What each error means over HTTP, for every face (the API, the scrutiny pages, the public
// site): one status and one shape, { error: { code, message, details } }. Client mistakes get
// 4xx with what to fix; anything else is a 500 that says nothing about the inside.

import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../domain/errors.js';
import { InvalidCommand } from '../ledger/ledger.js';
import { ReadRefused } from '../read/errors.js';
import { EventTooLarge, InvalidAppend, StoreUnavailable, WrongExpectedRevision } from '../store/errors.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

const FORBIDDEN_RULES = new Set(['ROLE_MAY_NOT_RECORD', 'ADMIN_ONLY', 'OTHER_ORGANISATION', 'OFFICER_WITHOUT_ORGANISATION', 'NOT_INVITED']);

/** fastify's own client-error codes, mapped to ours; a message where fastify's would echo the whole URL back. */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string, string?]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_CONTENT_LENGTH'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'EMPTY_BODY'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON'],
  FST_ERR_BAD_URL: [400, 'BAD_URL', 'the path is not valid percent-encoded UTF-8'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'PATH_SEGMENT_TOO_LONG', 'a path segment is far longer than any id'],
};

function toErrorReply(error: unknown): [number, ErrorBody['error']] {
  // Checked in order: our own errors first, then the validator's, then fastify's.
  if (error instanceof ApiError) return [error.statusCode, { code: error.code, message: error.message, details: error.details }];
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: [error.validationContext ?? 'body', ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    return [400, { code: 'VALIDATION_FAILED', message: `invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, details: { issues } }];
  }
  if (error instanceof ReadRefused) {
    const issues = error.issues.map((i) => ({ path: `querystring.${i.field}`, message: i.message }));
    return [error.code === 'VIEW_NOT_FOUND' ? 404 : 400, { code: error.code, message: error.message, details: { ...error.details, ...(issues.length > 0 ? { issues } : {}) } }];
  }
  if (error instanceof InvalidCommand) {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return [400, { code: 'VALIDATION_FAILED', message: error.message, details: { issues } }];
  }
  if (error instanceof DomainError) {
    const status = FORBIDDEN_RULES.has(error.code) ? 403 : error.code.endsWith('_NOT_FOUND') ? 404 : 422;
    return [status, { code: error.code, message: error.message, details: error.details }];
  }
  if (error instanceof WrongExpectedRevision) {
    return [409, { code: 'REVISION_CONFLICT', message: error.message, details: { expectedRevision: error.expected, currentRevision: error.actual } }];
  }
  if (error instanceof EventTooLarge) return [413, { code: 'EVENT_TOO_LARGE', message: error.message, details: { bytes: error.bytes, limit: error.limit } }];
  if (error instanceof InvalidAppend) return [400, { code: 'INVALID_APPEND', message: error.message, details: {} }];
  // The store's own message names hosts and connection details: logged, never sent.
  if (error instanceof StoreUnavailable) {
    return [503, { code: 'STORE_UNAVAILABLE', message: 'the ledger cannot reach its store just now; try again shortly', details: { retryAfterSeconds: error.retryAfterSeconds } }];
  }
  const fastifyError = error as Partial<FastifyError>;
  const mapped = fastifyError.code ? FASTIFY_CLIENT_ERRORS[fastifyError.code] : undefined;
  if (mapped) return [mapped[0], { code: mapped[1], message: mapped[2] ?? fastifyError.message ?? mapped[1], details: {} }];
  if (fastifyError.statusCode === 429) return [429, { code: 'RATE_LIMITED', message: fastifyError.message ?? 'too many requests', details: {} }];
  // Any other fastify 4xx (a malformed header, a bad URL) is still the client's; keep its status, not its internals.
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return [fastifyError.statusCode, { code: 'BAD_REQUEST', message: fastifyError.message ?? 'bad request', details: {} }];
  }
  return [500, { code: 'INTERNAL', message: 'the ledger could not complete this request; it has been logged', details: {} }];
}

/** The status and body a client gets for an error. */
export function errorReply(error: unknown): [number, ErrorBody] {
  const [status, body] = toErrorReply(error);
  return [status, { error: body }];
}
