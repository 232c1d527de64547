// Which form an answer takes: `?format=` when given, else the Accept header, else HTML. Every page
// and list has HTML, JSON and CSV at the same address; the feeds and the calendar have their own.

import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.js';

export type Format = 'html' | 'json' | 'csv';
const formats: readonly Format[] = ['html', 'json', 'csv'];

export function formatOf(request: FastifyRequest, offered: readonly Format[] = formats): Format {
  const asked = (request.query as Record<string, unknown> | undefined)?.format;
  if (asked !== undefined) {
    if (typeof asked !== 'string' || !(offered as readonly string[]).includes(asked)) {
      throw new ApiError(400, 'VALIDATION_FAILED', `invalid request: querystring.format must be one of ${offered.join(', ')}`, {
        issues: [{ path: 'querystring.format', message: `one of ${offered.join(', ')}` }],
      });
    }
    return asked as Format;
  }
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/html') || accept === '' || accept.includes('*/*')) return offered.includes('html') ? 'html' : (offered[0] as Format);
  if (accept.includes('text/csv') && offered.includes('csv')) return 'csv';
  if (accept.includes('json') && offered.includes('json')) return 'json';
  return offered.includes('html') ? 'html' : (offered[0] as Format);
}

export const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};
