// What the server and the CLI hold to sign and check: the signing key from DATA_DIR
// and the server's own database (DATA_DIR/server.db), where statements are kept.

import type Database from 'better-sqlite3';
import { ledgerIdOf, listCheckpoints, type StoredCheckpoint } from './checkpoints.js';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.js';
import type { CheckpointEvidence } from './verify.js';

export interface LedgerIntegrity {
  key: SigningKey;
  /** DATA_DIR/server.db, opened by the caller (openServerDb), closed by the caller. */
  db: Database.Database;
  ledgerId: string;
}

/** The key (created on first use) and the statements kept in `db`. */
export function openLedgerIntegrity(dataDir: string, db: Database.Database): LedgerIntegrity {
  return { key: loadOrCreateSigningKey(dataDir), db, ledgerId: ledgerIdOf(db) };
}

/** Every statement this ledger signed, with what is needed to check them. */
export function evidenceOf(integrity: LedgerIntegrity): CheckpointEvidence {
  const kept = listCheckpoints(integrity.db);
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
