// Errors every adapter raises in the same shape, so callers (the command handler,
// the API) map them without knowing which store is behind the port.

import type { ExpectedRevision, Receipt } from './port.js';

export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The stream was not where the writer expected it: someone else appended first. */
export class WrongExpectedRevision extends StoreError {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super('WRONG_EXPECTED_REVISION', `stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
  }
}

/** One event exceeded MAX_EVENT_BYTES once serialised. */
export class EventTooLarge extends StoreError {
  constructor(
    readonly eventId: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super('EVENT_TOO_LARGE', `event ${eventId} is ${bytes} bytes; the limit is ${limit}`);
  }
}

/** An event id that is already used, but not as a retry of the same append. */
export class DuplicateEventId extends StoreError {
  constructor(readonly eventId: string) {
    super('DUPLICATE_EVENT_ID', `event id ${eventId} is already recorded elsewhere in the log`);
  }
}

/** The append was malformed (no events, a bad stream name, a bad id). */
export class InvalidAppend extends StoreError {
  constructor(message: string) {
    super('INVALID_APPEND', message);
  }
}

/**
 * The store cannot be reached or did not answer (a lost connection, a server restarting,
 * a lock not granted in time). Nothing is known to be wrong with the request: the API
 * answers 503 with Retry-After, and a retry with the same event ids (or the same
 * Idempotency-Key) is safe, because a retried append that had in fact committed returns
 * its original result.
 */
export class StoreUnavailable extends StoreError {
  constructor(
    message: string,
    /** How long a client should wait before trying again. */
    readonly retryAfterSeconds = 2,
    options?: { cause?: unknown },
  ) {
    super('STORE_UNAVAILABLE', message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** An append carried a receipt for a key that already has one: the key's append was made before. */
export class ReceiptAlreadyKept extends StoreError {
  constructor(readonly receipt: Receipt) {
    super('RECEIPT_ALREADY_KEPT', `a receipt is already kept for key ${receipt.key}`);
  }
}
