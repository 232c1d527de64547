// What the server and the CLI hold to sign and check: the signing key (src/server-state
// finds it: configured, or DATA_DIR's) and the store where statements are kept
// (src/audit/checkpoints: server.db, or PostgreSQL shared by the nodes).

import type { CheckpointStore } from '../checkpoints/port.js';
import type { StoredCheckpoint } from './checkpoints.js';
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
  const kept = await integrity.checkpoints.list();
  return {
    checkpoints: kept.map((c) => c.statement),
    treeHeads: treeHeadsOf(kept),
    publicKey: integrity.key.publicKey,
    ledgerId: integrity.ledgerId,
  };
}

/** The tree heads kept beside statements, with when each was signed. */
export function treeHeadsOf(kept: readonly StoredCheckpoint[]): { note: string; signedAt: string }[] {
  return kept.flatMap((c) => (c.treeHead ? [{ note: c.treeHead, signedAt: c.statement.signedAt }] : []));
}
