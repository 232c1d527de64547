// The cursor to the next page: where the last page ended, tied to the query it belongs to and
// to the read models it was read from, and signed, so a cursor edited by hand, kept from
// another query, or outliving a rebuild of its read model is refused (400) and never misread.
//
//   <base64url JSON {v, q, m, at}>.<base64url HMAC-SHA256, 128 bits>
//   q: digest of the view and its parsed filters; m: the versions of the read models read;
//   at: the view's own place in its rows.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ReadRefused } from './errors.js';

/** Longer than any cursor this service writes; a longer one is refused unread. */
export const MAX_CURSOR_LENGTH = 2_000;

export interface CursorScope {
  view: string;
  filters: unknown;
  /** The version of each read model the view reads: a rebuild to a new version makes old cursors stale. */
  versions: readonly number[];
}

interface Payload {
  v: 1;
  q: string;
  m: string;
  at: unknown;
}

/** JSON with keys sorted, so equal filters give one digest whatever order they were parsed in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 16);
const sign = (key: Buffer, payload: string): Buffer => createHmac('sha256', key).update(payload).digest().subarray(0, 16);

const scopeOf = (scope: CursorScope): Pick<Payload, 'q' | 'm'> => ({ q: digest(canonical([scope.view, scope.filters])), m: scope.versions.join('.') });

export function encodeCursor(key: Buffer, scope: CursorScope, at: unknown): string {
  const payload = Buffer.from(JSON.stringify({ v: 1, ...scopeOf(scope), at } satisfies Payload)).toString('base64url');
  return `${payload}.${sign(key, payload).toString('base64url')}`;
}

const invalid = (why: string): ReadRefused =>
  new ReadRefused('CURSOR_INVALID', `cursor: ${why}; send the \`next\` of the page before unchanged, or leave it out for the first page`, [{ field: 'cursor', message: why }]);

/** The place a cursor points at, once it is shown to be ours, for this query, and current. */
export function decodeCursor(key: Buffer, scope: CursorScope, cursor: string): unknown {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalid('too long to be a cursor');
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid('not a cursor');
  const expected = sign(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid('not a cursor this ledger wrote, or altered');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Payload;
  const current = scopeOf(scope);
  if (decoded.q !== current.q) throw invalid('it belongs to another view or other filters');
  if (decoded.m !== current.m) {
    throw new ReadRefused('CURSOR_STALE', 'cursor: the read model was rebuilt since this cursor was written; start again from the first page', [
      { field: 'cursor', message: 'stale: the read model was rebuilt' },
    ]);
  }
  return decoded.at;
}
