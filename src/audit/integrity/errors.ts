// Why the ledger refuses to sign (or export): it never vouches for a log it cannot verify.

export type IntegrityErrorCode =
  /** Nothing to sign: the log has no events. */
  | 'LEDGER_EMPTY'
  /** The store keeps no hash chain (EventStoreDB today). */
  | 'NO_HASH_CHAIN'
  /** The chain, or the log against a signed checkpoint, does not verify. */
  | 'CHAIN_BROKEN'
  /** The stored Merkle tree does not match the events (or a signed tree head). */
  | 'TREE_BROKEN'
  /** An export whose date range selects no event. */
  | 'NOTHING_IN_RANGE';

export class IntegrityError extends Error {
  constructor(
    readonly code: IntegrityErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'IntegrityError';
  }
}
