// Idempotency-Key claims in the server's own SQLite database (DATA_DIR/server.db).
//
// A claim is only a lock: written without an fsync (WAL with synchronous=NORMAL: safe from
// corruption, visible to other processes at once), since losing one to a power cut only
// lets a retry run, which the event store's receipt then answers. Kept answers are fsynced,
// in one transaction per group.
//
// Taking over: every process on one DATA_DIR is on this machine, and a live server finishes
// a claim well within one process's life; a claim held by another process with no answer
// belongs to a request that process never finished (it died, or the store would hold its
// receipt). So any other process's claim may be taken over at once. Should that process
// still be running (two servers on one DATA_DIR), the event store refuses the second append
// for the key: one key, one append, whoever claims it.
//
// Claims, take-overs and releases asked for in one event-loop turn are written in one
// transaction (as the ledger's group commit does for appends), each with its own outcome: a
// transaction per claim was most of what a keyed POST spent here.

import type Database from 'better-sqlite3';
import { outcomesOf, TurnGroup } from '../../store/sqlite/turn-group.js';
import type { ClaimKey, ClaimRecord, ClaimStore, KeptAnswer } from '../port.js';

interface Row {
  request_hash: string;
  status: number | null;
  body: string | null;
  owner: string | null;
}

export class SqliteClaimStore implements ClaimStore {
  private readonly find_: Database.Statement<[string, string], Row>;
  private readonly claimRow: Database.Statement;
  private readonly takeOverRow: Database.Statement;
  private readonly releaseRow: Database.Statement;
  private readonly unsynced: Database.Statement;
  private readonly synced: Database.Statement;
  private readonly keepAll: Database.Transaction<(answers: readonly KeptAnswer[]) => void>;
  /** Writes to the claims, each returning the rows it changed, one transaction per turn. */
  private readonly turn: TurnGroup<number>;

  /** `db` is server.db, opened and closed by the caller. */
  constructor(
    private readonly db: Database.Database,
    readonly owner: string,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      credential_id TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (credential_id, key)
    )`);
    // The process that made a claim (NULL: made before claims named one, so by a process long gone).
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(idempotency_keys)').all();
    if (!columns.some((c) => c.name === 'owner')) db.exec('ALTER TABLE idempotency_keys ADD COLUMN owner TEXT');
    this.find_ = db.prepare('SELECT request_hash, status, body, owner FROM idempotency_keys WHERE credential_id = ? AND key = ?');
    this.claimRow = db.prepare(
      'INSERT INTO idempotency_keys (credential_id, key, request_hash, created_at, owner) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    // Compare-and-set on the owner seen: of two retries taking over one claim, one wins.
    this.takeOverRow = db.prepare(
      'UPDATE idempotency_keys SET owner = ?, created_at = ? WHERE credential_id = ? AND key = ? AND status IS NULL AND owner IS ? AND owner IS NOT ?',
    );
    const keepRow = db.prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE credential_id = ? AND key = ?');
    this.keepAll = db.transaction((answers: readonly KeptAnswer[]) => {
      for (const a of answers) keepRow.run(a.status, JSON.stringify(a.body), a.scope, a.key);
    });
    this.releaseRow = db.prepare('DELETE FROM idempotency_keys WHERE credential_id = ? AND key = ? AND status IS NULL');
    const writeTurn = db.transaction(outcomesOf<number>((write) => write()));
    this.unsynced = db.prepare('PRAGMA synchronous = NORMAL');
    this.synced = db.prepare('PRAGMA synchronous = FULL');
    this.turn = new TurnGroup((writes) => this.withoutFsync(() => writeTurn.immediate(writes)));
  }

  async claim(scope: string, key: string, requestHash: string): Promise<boolean> {
    return (await this.inTurn(() => this.claimRow.run(scope, key, requestHash, new Date().toISOString(), this.owner).changes)) === 1;
  }

  async find(scope: string, key: string): Promise<ClaimRecord | undefined> {
    const row = this.find_.get(scope, key);
    if (!row) return undefined;
    const answer = row.status !== null && row.body !== null ? { status: row.status, body: JSON.parse(row.body) as unknown } : null;
    return { requestHash: row.request_hash, answer, owner: row.owner };
  }

  async takeOver(scope: string, key: string, heldBy: string | null): Promise<boolean> {
    return (await this.inTurn(() => this.takeOverRow.run(this.owner, new Date().toISOString(), scope, key, heldBy, this.owner).changes)) === 1;
  }

  async keep(answers: readonly KeptAnswer[]): Promise<void> {
    // server.db runs with synchronous=FULL: this commit is on disk when it returns.
    if (answers.length > 0) this.keepAll.immediate(answers);
  }

  async release(scope: string, key: string): Promise<void> {
    await this.inTurn(() => this.releaseRow.run(scope, key).changes);
  }

  async releaseAll(claims: readonly ClaimKey[]): Promise<void> {
    if (claims.length === 0) return;
    await this.inTurn(() => claims.reduce((changes, c) => changes + this.releaseRow.run(c.scope, c.key).changes, 0));
  }

  /** Writes still waiting for their turn are made now: the caller closes server.db next. */
  async close(): Promise<void> {
    this.turn.flush();
  }

  /** Wait for this turn's transaction; settles with the rows `write` changed, or its own error. */
  private inTurn(write: () => number): Promise<number> {
    return this.turn.submit(write);
  }

  /** A lock, not a record: losing it to a power cut only lets a retry run, so it is not worth an fsync. */
  private withoutFsync<T>(write: () => T): T {
    this.unsynced.run();
    try {
      return write();
    } finally {
      this.synced.run();
    }
  }
}
