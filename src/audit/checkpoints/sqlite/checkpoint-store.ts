// Signed checkpoints in the server's own SQLite database (DATA_DIR/server.db), through the
// statements of src/audit/integrity/checkpoints.ts. One process signs at a time: signing
// takes turns within this process (the server, or one `ledger checkpoint`).

import type Database from 'better-sqlite3';
import { countCheckpoints, largestTreeHeads, latestCheckpoint, ledgerIdOf, listCheckpoints, recordCheckpoint, treeHeadsOfSize } from '../../integrity/checkpoints.js';
import { ledgerIntegrity, type LedgerIntegrity } from '../../integrity/ledger-integrity.js';
import { loadOrCreateSigningKey } from '../../integrity/signing-key.js';
import type { SignedCheckpoint } from '../../integrity/statement.js';
import type { CheckpointStore, SigningTurn, StoredCheckpoint } from '../port.js';

export class SqliteCheckpointStore implements CheckpointStore {
  private signing: Promise<unknown> | undefined;

  /** `db` is server.db, opened and closed by the caller. */
  constructor(readonly db: Database.Database) {}

  async ledgerId(): Promise<string> {
    return ledgerIdOf(this.db);
  }

  async record(statement: SignedCheckpoint, treeHead: string | null = null): Promise<StoredCheckpoint> {
    return recordCheckpoint(this.db, statement, treeHead);
  }

  async list(options: { after?: number; limit?: number } = {}): Promise<StoredCheckpoint[]> {
    return listCheckpoints(this.db, options);
  }

  async latest(): Promise<StoredCheckpoint | null> {
    return latestCheckpoint(this.db);
  }

  async count(): Promise<number> {
    return countCheckpoints(this.db);
  }

  async treeHeadsOfSize(size: number): Promise<string[]> {
    return treeHeadsOfSize(this.db, size);
  }

  async largestTreeHeads(): Promise<string[]> {
    return largestTreeHeads(this.db);
  }

  async whileSigning<T>(work: () => Promise<T>, turn: SigningTurn = {}): Promise<T | undefined> {
    while (this.signing) {
      if (turn.wait === false) return undefined;
      await this.signing.catch(() => undefined);
    }
    const running = work();
    this.signing = running;
    try {
      return await running;
    } finally {
      this.signing = undefined;
    }
  }

  async close(): Promise<void> {}
}

/** The embedded store's integrity: DATA_DIR's signing key (made on first use) and the statements in `db` (server.db). */
export function sqliteLedgerIntegrity(dataDir: string, db: Database.Database): Promise<LedgerIntegrity> {
  return ledgerIntegrity(loadOrCreateSigningKey(dataDir), new SqliteCheckpointStore(db));
}
