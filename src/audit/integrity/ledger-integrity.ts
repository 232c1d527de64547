// What the server and the CLI hold to sign and check: the signing key (src/server-state
// finds it: configured, or DATA_DIR's) and the store where statements are kept
// (src/audit/checkpoints: server.db, or PostgreSQL shared by the nodes).

import type { CheckpointStore } from '../checkpoints/port.js';
import type { SigningKey } from './signing-key.js';
import type { CheckpointEvidence } from './verify.js';

export interface LedgerIntegrity {
  key: SigningKey;
  /** Where statements are kept; opened and closed by the caller. */
  checkpoints: CheckpointStore;
  ledgerId: string;
}

/** The key and the statements kept in `checkpoints`. */
export async function ledgerIntegrity(key: SigningKey, checkpoints: CheckpointStore): Promise<LedgerIntegrity> {
  return { key, checkpoints, ledgerId: await checkpoints.ledgerId() };
}

/** Every statement this ledger signed, with what is needed to check them. */
export async function evidenceOf(integrity: LedgerIntegrity): Promise<CheckpointEvidence> {
  return {
    checkpoints: (await integrity.checkpoints.list()).map((c) => c.statement),
    publicKey: integrity.key.publicKey,
    ledgerId: integrity.ledgerId,
  };
}
