// Errors across the writer thread's port. Structured clone keeps an Error's message but not its
// class or fields, and callers tell refusals apart by class (the API maps WrongExpectedRevision
// to 409, the idempotency layer replays ReceiptAlreadyKept's receipt): each is sent as its class
// name and fields, and rebuilt on the main thread as the same class with the same fields.

import {
  DuplicateEventId,
  EventTooLarge,
  InvalidAppend,
  ReceiptAlreadyKept,
  StoreError,
  StoreUnavailable,
  WrongExpectedRevision,
} from '../errors.js';
import type { ExpectedRevision, Receipt } from '../port.js';
import { TreeDamaged } from './tree.js';

export type WireError =
  | { kind: 'WrongExpectedRevision'; streamId: string; expected: ExpectedRevision; actual: number }
  | { kind: 'DuplicateEventId'; eventId: string }
  | { kind: 'EventTooLarge'; eventId: string; bytes: number; limit: number }
  | { kind: 'InvalidAppend'; message: string }
  | { kind: 'StoreUnavailable'; message: string; retryAfterSeconds: number }
  | { kind: 'ReceiptAlreadyKept'; receipt: Receipt }
  | { kind: 'StoreError'; code: string; message: string }
  | { kind: 'TreeDamaged'; message: string }
  // Anything else (SQLite's own errors among them): its name, message and code, if any.
  | { kind: 'Error'; name: string; message: string; code?: string; stack?: string };

export function toWire(error: unknown): WireError {
  if (error instanceof WrongExpectedRevision) return { kind: 'WrongExpectedRevision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventId) return { kind: 'DuplicateEventId', eventId: error.eventId };
  if (error instanceof EventTooLarge) return { kind: 'EventTooLarge', eventId: error.eventId, bytes: error.bytes, limit: error.limit };
  if (error instanceof InvalidAppend) return { kind: 'InvalidAppend', message: error.message };
  if (error instanceof StoreUnavailable) return { kind: 'StoreUnavailable', message: error.message, retryAfterSeconds: error.retryAfterSeconds };
  if (error instanceof ReceiptAlreadyKept) return { kind: 'ReceiptAlreadyKept', receipt: error.receipt };
  if (error instanceof StoreError) return { kind: 'StoreError', code: error.code, message: error.message };
  if (error instanceof TreeDamaged) return { kind: 'TreeDamaged', message: error.message };
  if (error instanceof Error) {
    const { code } = error as { code?: unknown };
    return { kind: 'Error', name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
  }
  return { kind: 'Error', name: 'Error', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  switch (wire.kind) {
    case 'WrongExpectedRevision':
      return new WrongExpectedRevision(wire.streamId, wire.expected, wire.actual);
    case 'DuplicateEventId':
      return new DuplicateEventId(wire.eventId);
    case 'EventTooLarge':
      return new EventTooLarge(wire.eventId, wire.bytes, wire.limit);
    case 'InvalidAppend':
      return new InvalidAppend(wire.message);
    case 'StoreUnavailable':
      return new StoreUnavailable(wire.message, wire.retryAfterSeconds);
    case 'ReceiptAlreadyKept':
      return new ReceiptAlreadyKept(wire.receipt);
    case 'StoreError':
      return new StoreError(wire.code, wire.message);
    case 'TreeDamaged':
      // TreeDamaged adds its advice to the message it is given; the wire message has it already.
      return Object.assign(new TreeDamaged(''), { message: wire.message });
    case 'Error': {
      const error = new Error(wire.message);
      error.name = wire.name;
      if (wire.code !== undefined) Object.assign(error, { code: wire.code });
      if (wire.stack !== undefined) error.stack = wire.stack;
      return error;
    }
  }
}
