// The port's `position` is one number; EventStoreDB's is a (commit, prepare) pair of
// byte offsets into its transaction log.
//
// Which half: every event this adapter writes goes through a gRPC append, which the
// server writes as "self-committed" prepare records (one per event, flag IsCommitted,
// no separate commit record). Reading $all, the server gives each such event the
// position (its own log position, its own log position), i.e. commit == prepare, and
// the events of one append get distinct, increasing positions. An append's result
// carries the last event's log position in both halves. Only events written in
// explicit transactions (the old TCP API) share a commit position and differ by
// prepare; and stream reads on some server versions report the transaction's (first
// event's) position, or nothing, as "commit". So the adapter numbers events by the
// prepare position: it is the event's own log position on every path (append result,
// stream read, $all read, subscription) and distinct per event in all cases.
//
// Number is safe: positions are byte offsets, and 2^53 bytes is 8 PiB of log.
// Anything outside 1..2^53-1 is refused rather than rounded.

import type { Position } from '@eventstore/db-client';

/** EventStoreDB's default (and almost universal) chunk size; every chunk starts with a whole record. */
export const DEFAULT_CHUNK_SIZE = 256 * 1024 * 1024;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

export function positionNumber(position: Position): number {
  const { prepare } = position;
  if (prepare <= 0n || prepare > MAX) {
    throw new RangeError(
      `EventStoreDB reported prepare position ${prepare}; the ledger needs a real log position (server 22.6 or later gives one on every read)`,
    );
  }
  return Number(prepare);
}

/** The EventStoreDB position of the event the adapter numbered `position`. */
export function readPositionAt(position: number): Position {
  const at = BigInt(position);
  return { commit: at, prepare: at };
}

/** Start of the log chunk holding `position`: a record boundary at or before it. */
export function chunkStartOf(position: number, chunkSize: number): number {
  return position - (position % chunkSize);
}
