// The port's expected revisions in EventStoreDB's terms, and back.

import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import { WrongExpectedRevision } from '../errors.js';
import type { ExpectedRevision } from '../port.js';

/** The plain mapping: 'no_stream' -> NO_STREAM, 'stream_exists' -> STREAM_EXISTS, 'any' -> ANY, n -> BigInt(n). */
export function toAppendRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/** Expectations the server checks exactly, and for which it deduplicates a retried append by itself. */
export function isExact(expected: ExpectedRevision): expected is number | 'no_stream' {
  return typeof expected === 'number' || expected === 'no_stream';
}

/**
 * What to send for an append. Exact expectations go as they are. 'any' and
 * 'stream_exists' are sent as the exact revision the adapter last saw (`current`,
 * -1 for no stream): only an exact revision makes the server refuse a second copy of
 * a batch that a concurrent retry has just written.
 */
export function exactRevision(streamId: string, expected: ExpectedRevision, current: number): AppendExpectedRevision {
  if (isExact(expected)) return toAppendRevision(expected);
  if (current >= 0) return BigInt(current);
  if (expected === 'stream_exists') throw new WrongExpectedRevision(streamId, expected, -1);
  return NO_STREAM;
}

/** The port's "actual" revision: -1 when the stream does not exist. */
export function actualRevision(current: CurrentRevision): number {
  return current === NO_STREAM ? -1 : Number(current);
}
