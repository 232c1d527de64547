// Idempotency-Key: a retried write gets the first response and writes nothing;
// the same key with another body is refused. A key is claimed before the write,
// so two concurrent requests with one key cannot both write.
//
// What must be durable is the stored response, before the client hears it: that is
// what a retry after a crash finds. The claim is only a lock, so it is written
// without an fsync (WAL with synchronous=NORMAL: safe from corruption, visible to
// other processes at once), and the responses finished in one event-loop turn are
// written in one fsynced transaction, like the ledger's group commit.

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../store/chain.js';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface Row {
  request_hash: string;
  status: number | null;
  body: string | null;
}

interface Completion {
  credentialId: string;
  key: string;
  status: number;
  body: string;
  resolve(): void;
  reject(error: unknown): void;
}

export function requestHash(method: string, url: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${url}\n${canonicalJson(body ?? null)}`).digest('hex');
}

export class IdempotencyKeys {
  private readonly find: Database.Statement<[string, string], Row>;
  private readonly claimRow: Database.Statement;
  private readonly releaseRow: Database.Statement;
  private readonly unsynced: Database.Statement;
  private readonly synced: Database.Statement;
  private readonly completeAll: Database.Transaction<(group: readonly Completion[]) => void>;
  private waiting: Completion[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      credential_id TEXT NOT NULL,
      key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      status INTEGER,
      body TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (credential_id, key)
    )`);
    this.find = db.prepare('SELECT request_hash, status, body FROM idempotency_keys WHERE credential_id = ? AND key = ?');
    this.claimRow = db.prepare(
      'INSERT INTO idempotency_keys (credential_id, key, request_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const completeRow = db.prepare('UPDATE idempotency_keys SET status = ?, body = ? WHERE credential_id = ? AND key = ?');
    this.completeAll = db.transaction((group: readonly Completion[]) => {
      for (const c of group) completeRow.run(c.status, c.body, c.credentialId, c.key);
    });
    this.releaseRow = db.prepare('DELETE FROM idempotency_keys WHERE credential_id = ? AND key = ? AND status IS NULL');
    this.unsynced = db.prepare('PRAGMA synchronous = NORMAL');
    this.synced = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Claim a key for a request, or say why it cannot be claimed. Keys are per credential. */
  claim(credentialId: string, key: string, hash: string): Claim {
    if (this.withoutFsync(() => this.claimRow.run(credentialId, key, hash, new Date().toISOString()).changes) === 1) return { kind: 'claimed' };
    const row = this.find.get(credentialId, key);
    if (!row) return this.claim(credentialId, key, hash);
    if (row.request_hash !== hash) return { kind: 'mismatch' };
    if (row.status === null || row.body === null) return { kind: 'in_progress' };
    return { kind: 'replay', response: { status: row.status, body: JSON.parse(row.body) as unknown } };
  }

  /**
   * Keep the response for replays: successes and refusals alike, so a retry sees what the first try saw.
   * Settles once the response is on disk; answer the client only then.
   */
  complete(credentialId: string, key: string, response: StoredResponse): Promise<void> {
    const body = JSON.stringify(response.body);
    return new Promise((resolve, reject) => {
      this.waiting.push({ credentialId, key, status: response.status, body, resolve, reject });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Give the key back when the request failed inside the ledger (5xx): the client may retry it. */
  release(credentialId: string, key: string): void {
    this.withoutFsync(() => this.releaseRow.run(credentialId, key));
  }

  /** Write every response still waiting, now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    try {
      this.completeAll.immediate(group);
    } catch (error) {
      for (const c of group) c.reject(error);
      return;
    }
    for (const c of group) c.resolve();
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
