// Which failures mean "PostgreSQL cannot be used right now" (a retry later may succeed), as
// opposed to a fault in the request or in the ledger. Those become StoreUnavailable, which
// the API answers with 503 and Retry-After; anything else stays what it is (a 500).

import { StoreError, StoreUnavailable } from '../store/errors.js';

/** SQLSTATEs of a server that is going away, overloaded, or did not grant a lock in time. */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: the server is shutting down (a restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '55P03', // lock_not_available: lock_timeout passed waiting for the log's lock
  '25P03', // idle_in_transaction_session_timeout: the server ended a transaction that stalled
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

/** Classes: 08 connection exception, 53 insufficient resources (too many connections, disk full). */
const UNAVAILABLE_CLASSES = ['08', '53'];

/** Errors node and pg raise when the connection itself fails (no SQLSTATE). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const CONNECTION_MESSAGES = [/connection terminated/i, /not queryable/i, /timeout exceeded when trying to connect/i, /connection error/i];

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailable) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix) && code.length === 5)) return true;
    if (SOCKET_CODES.has(code)) return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isUnavailable);
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** The error to hand a caller: StoreUnavailable for the failures above, the error itself otherwise. */
export function storeErrorOf(error: unknown, doing: string): unknown {
  if (error instanceof StoreError) return error;
  if (isUnavailable(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new StoreUnavailable(`PostgreSQL is unavailable (${doing}): ${reason}`, 2, { cause: error });
  }
  return error;
}

/** Runs `work`, turning an unavailable server into StoreUnavailable. */
export async function guarded<T>(doing: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeErrorOf(error, doing);
  }
}
