// Why a proof is not given. The API maps them: ProofRequestError 400 (with the field),
// NotProvable 404, TreeUnavailable 409.

/** The request names sizes or positions no proof can have: the caller's mistake. */
export class ProofRequestError extends Error {
  constructor(
    /** The request field at fault: position, size, from or to. */
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProofRequestError';
  }
}

/** The caller may not have a proof of this position (a public route asked for an event it does not show). */
export class NotProvable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotProvable';
  }
}

export type TreeProblem =
  /** The store keeps no Merkle tree (EventStoreDB today). */
  | 'NO_MERKLE_TREE'
  /** The stored tree, or the event, no longer matches: the ledger refuses to hand out a proof that would not verify. */
  | 'TREE_BROKEN';

export class TreeUnavailable extends Error {
  constructor(
    readonly code: TreeProblem,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'TreeUnavailable';
  }
}
