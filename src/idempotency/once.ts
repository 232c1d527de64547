// A write run once per idempotency key, for every face that writes (the API's Idempotency-Key
// header, the workbench's key in each rendered form). A replay gets the first answer, from the
// receipt the event store kept with the append or from server.db (./keys.ts); the same key
// with another request is refused; refusals are answers too, so a retry sees the same one.

import { ApiError, errorReply } from '../http/errors.js';
import { ReceiptAlreadyKept } from '../store/errors.js';
import type { IdempotencyKeys, StoredResponse } from './keys.js';

/** A keyed request: whose key (a credential, or an identity without one), the key, and the request's hash. */
export interface KeyedRequest {
  scope: string;
  key: string;
  requestHash: string;
}

/** What a write answered, and whether the store kept that answer with its append (the receipt). */
export interface Answered {
  status: number;
  body: unknown;
  receiptKept: boolean;
}

export interface Outcome {
  status: number;
  body: unknown;
  /** The answer is the first request's: nothing was written this time. */
  replayed: boolean;
}

export interface OnceOptions {
  /**
   * How long to wait for the first of two requests with one key to finish before answering
   * 409 IDEMPOTENCY_KEY_IN_USE: a browser's double click sends the second while the first runs,
   * and the person should see the first's answer. Default 0 (an API client retries by itself).
   */
  waitWhileInProgressMs?: number;
}

const POLL_MS = 50;

/**
 * Run `run` once for `keyed` (or simply run it when there is no key). `run` receives the keyed
 * request so it can ask the store to keep its answer with the append (CommandOptions.receipt).
 */
export async function once(keys: IdempotencyKeys, keyed: KeyedRequest | undefined, run: (keyed?: KeyedRequest) => Promise<Answered>, options: OnceOptions = {}): Promise<Outcome> {
  if (!keyed) {
    const { status, body } = await run();
    return { status, body, replayed: false };
  }
  const { scope, key, requestHash } = keyed;
  const replay = (response: StoredResponse): Outcome => ({ status: response.status, body: response.body, replayed: true });
  const reused = () => new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used for a different request', { key });
  const deadline = Date.now() + (options.waitWhileInProgressMs ?? 0);
  let claim = await keys.claim(scope, key, requestHash);
  while (claim.kind === 'in_progress' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    claim = await keys.claim(scope, key, requestHash);
  }
  if (claim.kind === 'replay') return replay(claim.response);
  if (claim.kind === 'mismatch') throw reused();
  if (claim.kind === 'in_progress') {
    throw new ApiError(409, 'IDEMPOTENCY_KEY_IN_USE', 'a request with this Idempotency-Key is still being processed; retry shortly', { key });
  }
  let outcome: Answered;
  try {
    outcome = await run(keyed);
  } catch (error) {
    // Another process made this key's append first (it took over a claim of ours, or we one of its).
    if (error instanceof ReceiptAlreadyKept) {
      keys.releaseAnswered(scope, key);
      if (error.receipt.requestHash !== requestHash) throw reused();
      return replay(error.receipt);
    }
    const [status, body] = errorReply(error);
    if (status < 500) {
      await keys.complete(scope, key, { status, body });
      return { status, body, replayed: false };
    }
    await keys.release(scope, key);
    throw error;
  }
  if (outcome.receiptKept) keys.releaseAnswered(scope, key);
  // Outside the try: the write happened, so if its response cannot be kept the key stays
  // claimed (a retry is told it is in use) rather than released to write again.
  else await keys.complete(scope, key, { status: outcome.status, body: outcome.body });
  return { status: outcome.status, body: outcome.body, replayed: false };
}
