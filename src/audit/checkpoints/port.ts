// Where the ledger keeps the statements it signed, and its own id: a small port with its
// adapters in server.db (sqlite/: one machine) and PostgreSQL (postgres/: several API
// nodes), chosen by STORE. Every adapter passes test/contract/checkpoint-store.contract.ts.

import type { StoredCheckpoint } from '../integrity/checkpoints.js';
import type { SignedCheckpoint } from '../integrity/statement.js';

export type { StoredCheckpoint };

export interface SigningTurn {
  /** false: when another process is signing, do nothing and answer undefined (the periodic signing). Default: wait for it. */
  wait?: boolean;
}

export interface CheckpointStore {
  /** This ledger's stable id, `ledger-<ULID>`, made the first time any process asks. */
  ledgerId(): Promise<string>;
  /** Keep a statement, with the signed tree head of the same size (a C2SP checkpoint note) when one was signed with it. */
  record(statement: SignedCheckpoint, treeHead?: string | null): Promise<StoredCheckpoint>;
  /** Checkpoints in the order they were signed, after the `after` sequence (default: from the first). */
  list(options?: { after?: number; limit?: number }): Promise<StoredCheckpoint[]>;
  latest(): Promise<StoredCheckpoint | null>;
  count(): Promise<number>;
  /** The tree heads kept for tree size `size`, most recently signed first (unchecked: src/audit/integrity/signed-tree-heads.ts checks them). */
  treeHeadsOfSize(size: number): Promise<string[]>;
  /** The kept tree heads of the largest sizes (16 at most), largest first (unchecked). */
  largestTreeHeads(): Promise<string[]>;
  /**
   * Run `work` while no other process signs through this store, so statements are signed one
   * after another, each checked against the last: one signer at a time, whichever node.
   */
  whileSigning<T>(work: () => Promise<T>, turn?: SigningTurn): Promise<T | undefined>;
  close(): Promise<void>;
}
